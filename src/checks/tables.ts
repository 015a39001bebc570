/**
 * Lookups into standard tables for rules: rows by name/code/side, columns by header pattern,
 * and cells as comparable amounts with a readable Chinese label.
 */

import { squash } from "../domain/text.js";
import type { StandardRow, StandardTable } from "../domain/types.js";
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

/** The "main" column of a row: 合计 when present, else the first column. */
export function mainColumn(t: StandardTable, row: StandardRow): string | undefined {
  // A 决算 table printing 预算数 beside 决算数 (三公) is about its 决算数.
  return columnOf(t, row, /^合计$/) ?? columnOf(t, row, /^决算数$/) ?? orderedColumns(t, row)[0];
}

/** How a row is named in messages: code and name, e.g. "20103 政府办公厅（室）及相关机构事务". */
export function rowLabel(row: StandardRow): string {
  return row.code ? `${row.code} ${row.name}` : row.name;
}

/** A cell as an amount labelled like 收入总表「合计」本年收入; null when blank or not an amount. */
export function cellAmount(t: StandardTable, row: StandardRow, column: string | undefined): Amount | null {
  if (column === undefined) return null;
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
