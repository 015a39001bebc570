/**
 * Exact money: decimal text in, integer 分 (hundredths of 元) out; integer 分 in, 万元 or 元 text
 * out. Never uses floating point arithmetic on amounts.
 */
import type { MoneyUnit } from "./types.js";

const AMOUNT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** Decimal places of 分 inside one unit: 亿元 has 10, 万元 has 6, 元 has 2. */
const SCALE: Record<MoneyUnit, number> = { 亿元: 10, 万元: 6, 元: 2 };

/** 分 in one 万元. */
export const FEN_PER_WAN = 1_000_000;

/** 分 in one 元. */
export const FEN_PER_YUAN = 100;

const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Parse an amount as printed ("18401.67", "1,234.5", " 20 ", "-3.00", "6429768.84") in the given
 * unit into exact integer 分. Returns null when the text is not a plain number, when it would
 * need sub-分 precision (e.g. "0.0000001" 万元, "0.001" 元) or when it is beyond 2^53 分.
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
  const fen = sign * (BigInt(intPart) * 10n ** BigInt(scale) + BigInt(fracPadded || "0"));
  if (fen > MAX_FEN || fen < -MAX_FEN) return null;
  return Number(fen);
}

/**
 * Format integer 分 as 万元 with exactly `decimals` places (0–6, default 2), rounding half up,
 * e.g. 18401670000 → "18401.67".
 */
export function formatWan(fen: number, decimals = 2): string {
  const places = Math.min(6, Math.max(0, Math.trunc(decimals)));
  const neg = fen < 0;
  const abs = BigInt(Math.abs(fen));
  // 万元 with 6 decimals is exact; round half up to `places`.
  const scaleDown = 10n ** BigInt(6 - places);
  const rounded = places < 6 ? (abs + scaleDown / 2n) / scaleDown : abs;
  const unitsPerWan = 10n ** BigInt(places);
  const whole = rounded / unitsPerWan;
  const frac = rounded % unitsPerWan;
  const body = places > 0 ? `${whole}.${frac.toString().padStart(places, "0")}` : `${whole}`;
  return neg && rounded !== 0n ? `-${body}` : body;
}

/** The fewest 万元 decimals (2, 4 or 6) that show integer 分 exactly. */
export function exactWanDecimals(fen: number): number {
  if (fen % 10_000 === 0) return 2;
  if (fen % 100 === 0) return 4;
  return 6;
}

/**
 * Format integer 分 as 元 with thousands separators, showing 角/分 only when present:
 * 123456700 → "1,234,567", 642976884 → "6,429,768.84", 50 → "0.50".
 */
export function formatYuan(fen: number): string {
  const neg = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cents = abs % 100n;
  const body = cents === 0n ? whole : `${whole}.${cents.toString().padStart(2, "0")}`;
  return neg && abs !== 0n ? `-${body}` : body;
}

/**
 * A printed number with thousands separators in its integer part (`15621.11` → `15,621.11`),
 * digits unchanged: the one number format of every answer, whatever the table printed
 * (`156,211,123`) or the narrative wrote (`1662.44`). Text that is not a plain number (未列示,
 * `-`, an already separated figure) is returned as it is.
 */
export function withSeparators(text: string): string {
  const m = /^([-+−]?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${(m[2] ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}`;
}

/** Integer 分 as plain 元 text without separators ("1776000", "6429768.84"), for exports. */
export function plainYuan(fen: number): string {
  return formatYuan(fen).replace(/,/g, "");
}

/**
 * Sum integer 分 values exactly (BigInt); nulls are skipped. Returns null when every value is null.
 * Throws RangeError when the sum is beyond 2^53 分 (≈ 90 万亿元), where a number would round.
 */
export function sumFen(values: Array<number | null | undefined>): number | null {
  let total: bigint | null = null;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    total = (total ?? 0n) + BigInt(v);
  }
  if (total === null) return null;
  if (total > MAX_FEN || total < -MAX_FEN) throw new RangeError("金额合计超出可精确表示的范围");
  return Number(total);
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

/**
 * The 分 one printed digit stands for: "1,212.12" 万元 → 10,000 分 (0.01 万元); "12,121,164" 元 →
 * 100 分; "6.4" 万元 → 100,000 分. Null when the text is not a plain amount.
 */
export function printedStepFen(text: string, unit: MoneyUnit): number | null {
  const m = AMOUNT.exec(normalizeDigits(text).replace(/\s+/g, ""));
  if (!m) return null;
  const decimals = Math.min((m[3] ?? "").length, SCALE[unit]);
  return 10 ** (SCALE[unit] - decimals);
}

/** Round integer 分 half up (away from zero) to a multiple of `step` 分. */
function roundToStep(fen: number, step: number): number {
  const sign = fen < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(fen));
  const s = BigInt(step);
  return Number(sign * ((abs + s / 2n) / s) * s);
}

/**
 * Whether two printed amounts state the same figure: "exact" when equal to the 分, "rounded" when
 * they agree at the coarser one's printed precision (1,212.12 万元 and 12,121,164 元), "differs"
 * otherwise. Figures without a value differ.
 */
export function compareAsPrinted(
  a: { text: string; fen: number | null; unit: MoneyUnit },
  b: { text: string; fen: number | null; unit: MoneyUnit },
): "exact" | "rounded" | "differs" {
  if (a.fen === null || b.fen === null) return "differs";
  if (a.fen === b.fen) return "exact";
  const step = Math.max(printedStepFen(a.text, a.unit) ?? 1, printedStepFen(b.text, b.unit) ?? 1);
  return roundToStep(a.fen, step) === roundToStep(b.fen, step) ? "rounded" : "differs";
}

/** The precision an amount is printed to, in words: "1,212.12" 万元 → "0.01 万元", "6.4" 万元 → "0.1 万元", "12,121,164" 元 → "1 元". */
export function printedPrecision(text: string, unit: MoneyUnit): string {
  const m = AMOUNT.exec(normalizeDigits(text).replace(/\s+/g, ""));
  const decimals = Math.min((m?.[3] ?? "").length, SCALE[unit]);
  return `${decimals === 0 ? "1" : `0.${"0".repeat(decimals - 1)}1`} ${unit}`;
}

/** 分 in one 亿元. */
export const FEN_PER_YI = 10_000_000_000;

/**
 * Integer 分 as exact text in a unit: 元 with separators ("1,234,567.50"); 万元 with 2, 4 or 6
 * decimals as needed; 亿元 with at least 2 decimals and as many more as needed (up to 10).
 */
export function formatInUnit(fen: number, unit: MoneyUnit): string {
  if (unit === "元") return formatYuan(fen);
  if (unit === "万元") return formatWan(fen, exactWanDecimals(fen));
  const neg = fen < 0;
  const abs = BigInt(Math.abs(fen));
  const whole = abs / BigInt(FEN_PER_YI);
  const frac = (abs % BigInt(FEN_PER_YI)).toString().padStart(10, "0").replace(/0+$/, "").padEnd(2, "0");
  const body = `${whole}.${frac}`;
  return neg && abs !== 0n ? `-${body}` : body;
}
