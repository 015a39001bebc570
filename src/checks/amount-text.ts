/** Amounts written inside free text, such as an indicator value "≤145.1万元" or "≥10万". */
import type { MoneyUnit } from "../domain/types.js";

/** An amount found in text: comparison operator (if any), the matched text and exact 分. */
export interface TextAmount {
  op: "≥" | "≤" | "=" | null;
  text: string;
  unit: MoneyUnit;
  /** Exact 分, rounded half up when the text has sub-分 precision (e.g. "306.9429945万元"). */
  fen: number;
}

// A number followed by 亿元/亿/万元/万/元 that is not a rate ("17.5万/台", "50元/人/月").
const AMOUNT_IN_TEXT =
  /(≥|≤|>=|<=|＞|＜|>|<|=|不超过|不高于|不低于|不少于|至少|控制在)?\s*(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元)(?![/／每])/;

/** Integer 分 from a decimal string in a unit, rounding half up below 1 分. */
export function roundedFen(num: string, unit: MoneyUnit): number {
  const scale = unit === "亿元" ? 10 : unit === "万元" ? 6 : 2;
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
  const unit: MoneyUnit = m[3] === "元" ? "元" : m[3]?.startsWith("亿") ? "亿元" : "万元";
  return { op, text: m[0].trim(), unit, fen: roundedFen(m[2] ?? "0", unit) };
}
