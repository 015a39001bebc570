/**
 * Headline figures for summaries (read by domain/lookup.ts headlineFigures, like the /budget
 * overview) and their year-on-year changes in exact integer 分 arithmetic.
 */

import { commonUnit, formatFen } from "../answers/units.js";
import type { HeadlineKey } from "../domain/lookup.js";
import type { Figure } from "../domain/types.js";

export { HEADLINE_KEYS, type HeadlineKey, headlineFigures } from "../domain/lookup.js";

/** Labels shown for the headline figures. */
export const HEADLINE_LABELS: Record<HeadlineKey, string> = {
  income: "收入总计",
  expense: "支出总计",
  basic: "　基本支出",
  project: "　项目支出",
  sangong: "“三公”经费",
};

/**
 * A change in percent with one decimal, rounded half up on the absolute value, from exact
 * integers: 5 of 40 → "12.5". Null when the base is 0.
 */
export function percentChange(diff: number, base: number): string | null {
  if (base === 0) return null;
  const d = BigInt(Math.abs(diff));
  const b = BigInt(Math.abs(base));
  const tenths = (d * 1000n * 2n + b) / (2n * b);
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** "较2023年增加 12.34 万元（+5.0%）" (exact, in the figures' unit), "与2023年持平"; null unless both years state the figure exactly. */
export function changeText(
  current: Figure | null,
  previous: Figure | null,
  previousYear: number,
): string | null {
  if (current?.fen == null || previous?.fen == null) return null;
  const diff = current.fen - previous.fen;
  if (diff === 0) return `与${previousYear}年持平`;
  const pct = percentChange(diff, previous.fen);
  const sign = diff > 0 ? "+" : "-";
  // Exact from 分, in the unit both years print the figure in (万元 when they differ).
  const unit = commonUnit([current, previous]) ?? "万元";
  return `较${previousYear}年${diff > 0 ? "增加" : "减少"} ${formatFen(Math.abs(diff), unit)} ${unit}${pct ? `（${sign}${pct}%）` : ""}`;
}
