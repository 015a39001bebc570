/**
 * Lookups into standard tables for rules: rows by name/code/side, columns by header pattern,
 * and cells as comparable amounts with a readable Chinese label.
 */

import { squash } from "../domain/text.js";
import type { StandardRow, StandardTable } from "../domain/types.js";
import { columnGroups } from "./column-groups.js";
import { type Amount, amountOf } from "./compare.js";

const ENUMERATOR = /^(?:[一二三四五六七八九十]+[、.．]|\d+[.、．](?!\d)|[（(][一二三四五六七八九十\d]+[)）])/;

/** Normalise a label for matching: no whitespace, full-width brackets, no enumerator or "其中：". */
export function bare(name: string): string {
  return squash(name)
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .replace(/[“”"]/g, "")
    .replace(/^其中[:：]?/, "")
    .replace(ENUMERATOR, "");
}

/** True when a label starts with an enumerator such as "一、" or "1.". */
export function isEnumerated(name: string): boolean {
  return ENUMERATOR.test(squash(name).replace(/^其中[:：]?/, ""));
}

/** Which enumerator style a label starts with: "一、" (cn), "（一）" (paren), "1." (num), or null. */
export function enumeratorClass(name: string): "cn" | "paren" | "num" | null {
  const s = squash(name).replace(/^其中[:：]?/, "");
  if (/^[一二三四五六七八九十]+[、.．]/.test(s)) return "cn";
  if (/^[（(][一二三四五六七八九十\d]+[)）]/.test(s)) return "paren";
  if (/^\d+[.、．](?!\d)/.test(s)) return "num";
  return null;
}

export { tableOf } from "../domain/lookup.js";

/** A total row: no code and named 合计/总计. */
export function isTotalRow(row: StandardRow): boolean {
  return row.code === null && /^(合计|总计)$/.test(bare(row.name));
}

/** A row's money columns in table order (keys of values not listed in columns come last). */
export function orderedColumns(t: StandardTable, row: StandardRow): string[] {
  const keys = Object.keys(row.values);
  const listed = t.columns.filter((c, i) => keys.includes(c) && t.columns.indexOf(c) === i);
  return [...listed, ...keys.filter((k) => !listed.includes(k))];
}

/** The first column of a row whose squashed header matches. */
export function columnOf(t: StandardTable, row: StandardRow, re: RegExp): string | undefined {
  return orderedColumns(t, row).find((c) => re.test(squash(c)));
}

/** A header that names a row's total: 合计, 本年支出合计, 决算数, 预算数, 金额. */
const TOTAL_COLUMN = /^(本年)?(收入|支出)?合计$|^(决算|预算)数$|^金额$|^(本年)?(收入|支出)?预算数?$/;

/**
 * The "main" column of a row: 合计 when present, else a column whose header names the total, else
 * the only money column. Undefined when the header names no total among several columns: the rule
 * cannot tell which cell is the total, so it does not guess (a 项目支出 cell is never taken for it).
 */
export function mainColumn(t: StandardTable, row: StandardRow): string | undefined {
  // A 决算 table printing 预算数 beside 决算数 (三公) is about its 决算数.
  const columns = orderedColumns(t, row);
  return (
    columnOf(t, row, /^合计$/) ??
    columnOf(t, row, /^决算数$/) ??
    columns.find((c) => TOTAL_COLUMN.test(squash(c))) ??
    (columns.length === 1 ? columns[0] : undefined)
  );
}

/** How a row is named in messages: code and name, e.g. "20103 政府办公厅（室）及相关机构事务". */
export function rowLabel(row: StandardRow): string {
  return row.code ? `${row.code} ${row.name}` : row.name;
}

/** The 分 of a cell list, blank or unreadable as null. */
function fenOf(row: StandardRow, columns: string[]): Array<number | null> {
  return columns.map((c) => row.values[c]?.fen ?? null);
}

/** Do these cells add up in every column group (合计 = its parts), blanks counting as 0? */
function groupsHold(columns: string[], cells: Array<number | null>): boolean {
  return columnGroups(columns).every((g) => {
    const total = cells[columns.indexOf(g.total)];
    if (total === null || total === undefined) return true;
    const sum = g.parts.reduce((s, p) => s + (cells[columns.indexOf(p)] ?? 0), 0);
    return Math.abs(total - sum) <= 100;
  });
}

/**
 * Why a row's cells do not fit its table's header (so no rule may read them), or null when they
 * fit: its total column is blank while a part is printed, or its printed cells sit packed to the
 * left, fail the header's sums, and add up once moved right under the last columns (cells read
 * into the wrong columns). One-sided tables with column groups only.
 */
export function rowMisfit(t: StandardTable, row: StandardRow): string | null {
  if (row.side !== null) return null;
  const columns = orderedColumns(t, row);
  const groups = columnGroups(columns);
  if (groups.length === 0) return null;
  const cells = fenOf(row, columns);
  for (const g of groups) {
    const total = cells[columns.indexOf(g.total)];
    if (
      (total === null || total === undefined) &&
      g.parts.some((p) => (cells[columns.indexOf(p)] ?? null) !== null)
    )
      return `「${g.total}」为空而分项有数`;
  }
  const filled = cells.map((c) => c !== null);
  const k = filled.filter(Boolean).length;
  const leftPacked = k > 0 && k < cells.length && filled.slice(0, k).every(Boolean);
  // Only a reading no table can print (a part above its total) is taken for misplaced cells: a
  // 合计 that merely differs from its parts beside a blank last column is a wrong figure, checked.
  const impossible = groups.some((g) => {
    const total = cells[columns.indexOf(g.total)];
    return total != null && g.parts.some((p) => (cells[columns.indexOf(p)] ?? 0) > total);
  });
  if (leftPacked && impossible && !groupsHold(columns, cells)) {
    const shifted = [...cells.slice(k).map(() => null), ...cells.slice(0, k)];
    if (groupsHold(columns, shifted)) return "数字与表头列不对应（整体右移后才相符）";
  }
  return null;
}

/** A cell as an amount labelled like 收入总表「合计」本年收入; null when blank, not an amount, or its row does not fit the header. */
export function cellAmount(t: StandardTable, row: StandardRow, column: string | undefined): Amount | null {
  if (column === undefined) return null;
  if (rowMisfit(t, row)) return null;
  const single = orderedColumns(t, row).length <= 1;
  const side = row.side ? `${row.side}方` : "";
  const label = `${t.kind}${side}「${rowLabel(row)}」${single ? "" : column}`;
  return amountOf(label, row.values[column]);
}

/** Rows of one side of a two-sided table (or all rows when side is null), by line, with a name. */
export function sideRows(t: StandardTable, side: string | null): StandardRow[] {
  return t.rows
    .filter((r) => (side === null ? true : r.side === side) && squash(r.name) !== "")
    .sort((a, b) => a.line - b.line);
}

/** The first row (optionally on one side) whose bare name matches. */
export function rowNamed(t: StandardTable, re: RegExp, side: string | null = null): StandardRow | undefined {
  return sideRows(t, side).find((r) => re.test(bare(r.name)));
}

/** The total row of a one-sided table. */
export function totalRow(t: StandardTable): StandardRow | undefined {
  return t.rows.find((r) => r.side === null && isTotalRow(r)) ?? t.rows.find(isTotalRow);
}

/** Rows whose code is all digits, as [code, row]. */
export function codedRows(t: StandardTable): Array<{ code: string; row: StandardRow }> {
  const out: Array<{ code: string; row: StandardRow }> = [];
  for (const row of t.rows) {
    const code = row.code ? squash(row.code) : "";
    if (/^\d+$/.test(code)) out.push({ code, row });
  }
  return out;
}

/** Does a table have money on both sides (收支总表-like)? */
export function isTwoSided(t: StandardTable): boolean {
  return t.rows.some((r) => r.side !== null);
}
