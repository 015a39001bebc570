/** Amounts written inside free text, such as an indicator value "≤145.1万元" or "≥10万". */
import type { MoneyUnit } from "../domain/types.js";

/** An amount found in text: comparison operator (if any), the matched text and exact 元. */
export interface TextAmount {
  op: "≥" | "≤" | "=" | null;
  text: string;
  unit: MoneyUnit;
  /** Exact 元, rounded half up when the text has sub-元 precision (e.g. "306.942994万元"). */
  yuan: number;
}

// A number followed by 万元/万/元 that is not a rate ("17.5万/台", "50元/人/月").
const AMOUNT_IN_TEXT =
  /(≥|≤|>=|<=|＞|＜|>|<|=|不超过|不高于|不低于|不少于|至少|控制在)?\s*(\d+(?:\.\d+)?)\s*(万元|万|元)(?![/／每])/;

/** Integer 元 from a decimal string in a unit, rounding half up below 1 元. */
export function roundedYuan(num: string, unit: MoneyUnit): number {
  const scale = unit === "万元" ? 4 : 0;
  const [intPart = "0", frac = ""] = num.split(".");
  const kept = (frac + "0".repeat(scale)).slice(0, scale);
  const next = frac.length > scale ? Number(frac[scale]) : 0;
  const base = BigInt(intPart) * 10n ** BigInt(scale) + BigInt(kept || "0");
  return Number(next >= 5 ? base + 1n : base);
}

/** The first money amount in a text, or null when it states none. */
export function amountInText(text: string): TextAmount | null {
  const m = AMOUNT_IN_TEXT.exec(text.replace(/[，,](?=\d{3})/g, ""));
  if (!m) return null;
  const rawOp = m[1] ?? "";
  const op = /≥|>|＞|不低于|不少于|至少/.test(rawOp)
    ? "≥"
    : /≤|<|＜|不超过|不高于|控制在/.test(rawOp)
      ? "≤"
      : rawOp === "="
        ? "="
        : null;
  const unit: MoneyUnit = m[3] === "元" ? "元" : "万元";
  return { op, text: m[0].trim(), unit, yuan: roundedYuan(m[2] ?? "0", unit) };
}
