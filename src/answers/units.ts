/**
 * Figures shown as printed, each in its own unit. A document may print its tables in 元 and its
 * 三公 table and narrative in 万元: a figure is never converted, its unit is made explicit — in
 * the column header when every figure of the column shares one unit (`金额（元）`), else in the
 * cell (`156,211,123 元`). Sums the bot computes are shown exactly from integer 分 in the unit of
 * their parts. Pure; no I/O.
 */
import { formatInUnit, withSeparators } from "../domain/money.js";
import type { Figure, MoneyUnit } from "../domain/types.js";
import type { ReplyColumn, ReplyTable } from "../reply/reply.js";

/** What a figure the document does not state shows as. */
const NOT_STATED = "未列示";

/** A money cell: a figure (null = 未列示), or a fixed text such as 不适用; `mark` follows the value. */
export interface MoneyCell {
  figure: Figure | null;
  /** Shown instead of the figure (e.g. 不适用); carries no unit. */
  text?: string;
  /** Appended after the value (e.g. `*` for a figure taken from the narrative). */
  mark?: string;
}

/** A table cell: plain text, or money. */
export type Cell = string | MoneyCell;

/** The unit every given figure shares, or null when they differ or none is given. */
export function commonUnit(figures: Array<Figure | null | undefined>): MoneyUnit | null {
  let unit: MoneyUnit | null = null;
  for (const f of figures) {
    if (!f) continue;
    if (unit === null) unit = f.unit;
    else if (unit !== f.unit) return null;
  }
  return unit;
}

/** A figure exactly as printed (thousands separated, see withSeparators), with its unit unless the column already says it. */
export function showAsPrinted(f: Figure | null | undefined, withUnit: boolean): string {
  if (!f) return NOT_STATED;
  const text = withSeparators(f.text);
  return withUnit ? `${text} ${f.unit}` : text;
}

/** A header with its unit: `金额（元）`. */
export function withUnitHeader(header: string, unit: MoneyUnit | null): string {
  return unit ? `${header}（${unit}）` : header;
}

/** Exact text of integer 分 in a unit: 万元 with 2, 4 or 6 decimals as needed; 元 with separators. */
export function formatFen(fen: number, unit: MoneyUnit): string {
  return withSeparators(formatInUnit(fen, unit));
}

/**
 * A sum the bot computed (integer 分) shown in the unit its parts share (万元 when they differ or
 * there are none), exactly: `{ text: "1,234,567", unit: "元" }`.
 */
export function showSum(
  fen: number,
  parts: Array<Figure | null | undefined>,
): { text: string; unit: MoneyUnit } {
  const unit = commonUnit(parts) ?? "万元";
  return { text: formatFen(fen, unit), unit };
}

/** A figure as a field value: bare when every figure of the reply shares its unit, else with it. */
export function fieldValue(f: Figure | null | undefined, all: Array<Figure | null | undefined>): string {
  return showAsPrinted(f, commonUnit(all) === null);
}

/** A sum the bot computed, as a money cell in the unit its parts share (exact from 分). */
export function sumCell(
  fen: number | null,
  parts: Array<Figure | null | undefined>,
  file: string,
): MoneyCell {
  if (fen === null) return { figure: null };
  const { text, unit } = showSum(fen, parts);
  return { figure: { text, fen, unit, source: { file, section: "", line: 0 } } };
}

/** A computed sum as a field value, in the unit its parts share (with the unit when they differ). */
export function sumValue(fen: number | null, parts: Array<Figure | null | undefined>): string {
  if (fen === null) return NOT_STATED;
  const { text, unit } = showSum(fen, parts);
  return commonUnit(parts) === null ? `${text} ${unit}` : text;
}

const isMoney = (c: Cell | undefined): c is MoneyCell => typeof c === "object" && c !== null;

/**
 * Build a reply table from cells: a column holding money cells whose figures share one unit shows
 * bare printed values and says the unit in its header (`金额（元）`); a column mixing units shows
 * the unit in each cell. `unitInHeader: false` keeps the document's own column names (a standard
 * table's 合计/基本支出/项目支出) bare: the heading states the unit they share.
 */
export function moneyTable(
  columns: ReplyColumn[],
  rows: Cell[][],
  totals?: Cell[][],
  opts: { unitInHeader?: boolean } = {},
): ReplyTable {
  const inHeader = opts.unitInHeader ?? true;
  const all = [...rows, ...(totals ?? [])];
  const units = columns.map((_, i) => {
    const cells = all.map((r) => r[i]).filter(isMoney);
    if (cells.length === 0) return { money: false, unit: null as MoneyUnit | null };
    return { money: true, unit: commonUnit(cells.map((c) => c.figure)) };
  });
  // A column of money cells none of which is stated keeps its plain header.
  const show = (c: Cell | undefined, i: number): string => {
    if (c === undefined) return "";
    if (!isMoney(c)) return c;
    const value = c.text ?? showAsPrinted(c.figure, units[i]?.unit == null);
    return c.mark && c.figure ? `${value}${c.mark}` : value;
  };
  return {
    columns: columns.map((col, i) => ({
      ...col,
      header: inHeader ? withUnitHeader(col.header, units[i]?.unit ?? null) : col.header,
    })),
    rows: rows.map((r) => r.map(show)),
    ...(totals ? { totals: totals.map((r) => r.map(show)) } : {}),
  };
}

/**
 * A heading ending in its unit: the unit all figures shown share (`（元）`), none when they differ.
 * `heading` is built without a unit; replies without figures keep `（万元）` as before.
 */
export function headingUnit(heading: string, figures: Array<Figure | null | undefined>): string {
  const stated = figures.filter((f): f is Figure => !!f);
  if (stated.length === 0) return `${heading}（万元）`;
  const unit = commonUnit(stated);
  return unit ? `${heading}（${unit}）` : heading;
}
