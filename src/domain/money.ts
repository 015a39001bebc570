/**
 * Exact money: decimal text in, integer 元 out; integer 元 in, 万元 text out.
 * Never uses floating point arithmetic on amounts.
 */
import type { MoneyUnit } from "./types.js";

const AMOUNT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** Decimal places of 元 inside one unit: 万元 has 4, 元 has 0. */
const SCALE: Record<MoneyUnit, number> = { 万元: 4, 元: 0 };

/**
 * Parse an amount as printed ("18401.67", "1,234.5", " 20 ", "-3.00") in the given unit
 * into exact integer 元. Returns null when the text is not a plain number or when it
 * would need sub-元 precision (e.g. "0.00001" 万元).
 */
export function parseAmount(text: string, unit: MoneyUnit): number | null {
  const t = normalizeDigits(text).replace(/\s+/g, "");
  const m = AMOUNT.exec(t);
  if (!m) return null;
  const sign = m[1] === "-" ? -1n : 1n;
  const intPart = (m[2] ?? "0").replace(/,/g, "");
  const frac = m[3] ?? "";
  const scale = SCALE[unit];
  const significant = frac.replace(/0+$/, "");
  if (significant.length > scale) return null;
  const fracPadded = (frac + "0".repeat(scale)).slice(0, scale);
  const yuan = sign * (BigInt(intPart) * 10n ** BigInt(scale) + BigInt(fracPadded || "0"));
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER) || yuan < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(yuan);
}

/** Format integer 元 as 万元 with exactly `decimals` places (default 2), e.g. 184016700 → "18401.67". */
export function formatWan(yuan: number, decimals = 2): string {
  const neg = yuan < 0;
  const abs = BigInt(Math.abs(yuan));
  // 万元 with 4 decimals is exact; round half up to `decimals`.
  const scaleDown = 10n ** BigInt(4 - decimals);
  const rounded = decimals < 4 ? (abs + scaleDown / 2n) / scaleDown : abs;
  const unitsPerWan = 10n ** BigInt(decimals);
  const whole = rounded / unitsPerWan;
  const frac = rounded % unitsPerWan;
  const body = decimals > 0 ? `${whole}.${frac.toString().padStart(decimals, "0")}` : `${whole}`;
  return neg && rounded !== 0n ? `-${body}` : body;
}

/** Format integer 元 with thousands separators, e.g. 1234567 → "1,234,567". */
export function formatYuan(yuan: number): string {
  return yuan.toLocaleString("en-US");
}

/** Sum integer 元 values exactly; nulls are skipped. Returns null when every value is null. */
export function sumYuan(values: Array<number | null | undefined>): number | null {
  let total: number | null = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    total = (total ?? 0) + v;
  }
  return total;
}

/** Convert full-width digits, dot, comma and minus to half-width. */
export function normalizeDigits(text: string): string {
  return text.replace(/[０-９．，－]/g, (c) => {
    if (c === "．") return ".";
    if (c === "，") return ",";
    if (c === "－") return "-";
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/**
 * Parse a percentage as printed ("70%", "100", "96.13%") into hundredths of a percent
 * (70% → 7000). Returns null when the text is not a plain percentage.
 */
export function parsePercent(text: string): number | null {
  const t = normalizeDigits(text)
    .replace(/\s+/g, "")
    .replace(/[%％]$/, "");
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0") || "0");
}
