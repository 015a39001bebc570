/**
 * Exact arithmetic for comparisons: changes and shares computed from integer 分 with BigInt, the
 * percentage rounded half away from zero to two places only when shown. Pure.
 */
import { commonUnit, formatFen } from "../units.js";
import { percentText, ratioBasisPoints } from "../../domain/ratio.js";
import type { Figure, MoneyUnit } from "../../domain/types.js";

export { percentText, ratioBasisPoints };

/** A signed change in a unit, exact: +1,003.69 / -1.00 / 0.00. */
export function signedAmount(fen: number, unit: MoneyUnit): string {
  const body = formatFen(Math.abs(fen), unit);
  return fen > 0 ? `+${body}` : fen < 0 ? `-${body}` : body;
}

/** The one unit a comparison is shown in: the unit every figure is printed in, else 万元. */
export function displayUnit(figures: Array<Figure | null | undefined>): MoneyUnit {
  return commonUnit(figures) ?? "万元";
}

const IN_FEN: Record<MoneyUnit, bigint> = { 元: 100n, 万元: 1_000_000n, 亿元: 10_000_000_000n };

/**
 * The note saying which figures were printed in another unit and how they were converted
 * (exactly, from 分): "2023年预算、2024年预算原表以元列示，按 1 万元 = 10,000 元 换算为万元（按分精确换算）".
 */
export function conversionNotes(
  items: Array<{ label: string; figure: Figure | null }>,
  unit: MoneyUnit,
): string[] {
  const byUnit = new Map<MoneyUnit, string[]>();
  for (const { label, figure } of items)
    if (figure && figure.unit !== unit) byUnit.set(figure.unit, [...(byUnit.get(figure.unit) ?? []), label]);
  return [...byUnit].map(([from, labels]) => {
    const [big, small] = IN_FEN[from] > IN_FEN[unit] ? [from, unit] : [unit, from];
    const ratio = formatFen(Number(IN_FEN[big] / IN_FEN[small]) * 100, "元");
    return `${labels.join("、")}原表以${from}列示，按 1 ${big} = ${ratio} ${small} 换算为${unit}（按分精确换算）`;
  });
}
