/**
 * Exact arithmetic for comparisons: changes and shares computed from integer 分 with BigInt, the
 * percentage rounded half away from zero to two places only when shown. Pure.
 */
import { withSeparators, formatInUnit } from "../domain/money.js";
import type { MoneyUnit } from "../domain/types.js";

/** `part / whole` in basis points (hundredths of a percent), rounded half away from zero; null when whole is 0. */
export function ratioBasisPoints(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const neg = part < 0 !== whole < 0 && part !== 0;
  const p = BigInt(Math.abs(part)) * 10_000n;
  const w = BigInt(Math.abs(whole));
  const q = (p * 2n + w) / (2n * w);
  return Number(neg ? -q : q);
}

/** Basis points as percentage text: 3179 → "31.79%", -15 → "-0.15%". */
export function percentText(bp: number): string {
  const abs = Math.abs(bp);
  return `${bp < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}%`;
}

/** A signed change in a unit, exact: +1,003.69 / -1.00 / 0.00. */
export function signedAmount(fen: number, unit: MoneyUnit): string {
  const body = withSeparators(formatInUnit(Math.abs(fen), unit));
  return fen > 0 ? `+${body}` : fen < 0 ? `-${body}` : body;
}

/** Exact amount text in a unit, separated: 16497864000 分 in 万元 → "16,497.864". */
export function amountIn(fen: number, unit: MoneyUnit): string {
  return withSeparators(formatInUnit(fen, unit));
}
