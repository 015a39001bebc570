/**
 * A chart as data, platform-neutral: what a reply asks to be drawn. Values are exact integer 分;
 * a value a document does not state is null and is never drawn (listed as 未列示 in the footnote).
 * Pure; no I/O, no charting library.
 */

import { formatFen } from "../answers/units.js";
import type { MoneyUnit } from "../domain/types.js";

export type { ChartKind, ChartSeries, ChartSpec } from "../reply/chart.js";
import type { ChartSpec } from "../reply/chart.js";

/** What a value not stated shows as. */
export const CHART_NOT_STATED = "未列示";

/** A value's label as printed on the chart: exact decimal text in the chart's unit, separated. */
export function valueLabel(fen: number, unit: MoneyUnit): string {
  return formatFen(fen, unit);
}

/** The categories (with the series name when there are several) whose value is not stated. */
export function notStatedLabels(spec: ChartSpec): string[] {
  const several = spec.series.length > 1;
  return spec.series.flatMap((s) =>
    s.values.flatMap((v, i) =>
      v === null ? [several ? `${spec.categories[i]}${s.name}` : `${spec.categories[i]}`] : [],
    ),
  );
}

/** Characters of one footnote line at the chart's width; longer lines wrap. */
const FOOT_CHARS = 64;

/** A long line cut into lines of the chart's width, at a 、 or ； where one is near the end. */
function wrap(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > FOOT_CHARS) {
    const cut = Math.max(rest.lastIndexOf("；", FOOT_CHARS - 1), rest.lastIndexOf("、", FOOT_CHARS - 1));
    const at = cut > FOOT_CHARS / 2 ? cut + 1 : FOOT_CHARS;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  return rest ? [...out, rest] : out;
}

/** The footnote lines drawn under a chart: unit, source, 未列示 values and any notes (wrapped). */
export function footnoteLines(spec: ChartSpec): string[] {
  const missing = notStatedLabels(spec);
  return [
    `单位：${spec.unit}`,
    spec.source,
    ...(missing.length ? [`${CHART_NOT_STATED}（未绘出）：${missing.join("、")}`] : []),
    ...(spec.notes ?? []),
  ].flatMap(wrap);
}
