/** Exact ratios of integer 分 amounts (BigInt), shown as percentages. Pure. */

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
