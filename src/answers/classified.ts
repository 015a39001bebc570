/**
 * What the rows of a classified table are, said in its heading, and where to find the class rows
 * when the table asked for holds only its 合计 (江苏 2019: the 支出预算总表 has one row).
 */
import { tableOf } from "../domain/lookup.js";
import { sourceLabel } from "../domain/places.js";
import { squash } from "../domain/text.js";
import type { Disclosure, StandardRow, StandardTable, StandardTableKind } from "../domain/types.js";
import { showFigure } from "./format.js";

/** A total row of a classified table (合计, 总计, 小计, …合计). */
export function isTotalRow(r: StandardRow): boolean {
  return /^(合计|总计|小计)$/.test(squash(r.name)) || /合计$|总计$/.test(squash(r.name));
}

/** True when the rows are 功能分类 classes (codes 2xx), not sources of income. */
function byFunction(t: StandardTable): boolean {
  return t.rows.some((r) => /^2\d{2}/.test(r.code ?? ""));
}

/** "收入（按功能分类）" when the rows are 功能分类 classes; "收入（按来源）" when they are sources. */
export function incomeTitle(t: StandardTable): string {
  return byFunction(t) ? "收入（按功能分类）" : "收入（按来源）";
}

/** Tables that hold 功能分类 class rows, widest scope first, with the scope each covers. */
const CLASS_TABLES: Array<[StandardTableKind, string]> = [
  ["财政拨款支出表", "财政拨款"],
  ["一般公共预算财政拨款支出表", "一般公共预算财政拨款"],
];

/** The table holding 功能分类 class rows, widest scope first, with its scope; undefined when none has them. */
export function classTable(doc: Disclosure): { table: StandardTable; scope: string } | undefined {
  for (const [kind, scope] of CLASS_TABLES) {
    const table = tableOf(doc, kind);
    if (table && byFunction(table)) return { table, scope };
  }
  return undefined;
}

/**
 * When `t` holds only total rows: the table that holds the class rows, its scope, and the note
 * saying where the rows come from (with the total of `t` and its place). Undefined when `t` has
 * class rows of its own or no other table has them.
 */
export function classRowsElsewhere(
  doc: Disclosure,
  t: StandardTable,
): { table: StandardTable; scope: string; note: string } | undefined {
  if (t.rows.length === 0 || t.rows.some((r) => !isTotalRow(r))) return undefined;
  const other = classTable(doc);
  if (!other) return undefined;
  const total = t.rows[0]?.values[t.columns[0] ?? ""] ?? null;
  const stated = total
    ? `（${t.columns[0]} ${showFigure(total)} ${total.unit}，${sourceLabel(total.source)}）`
    : "";
  return {
    ...other,
    note: `“${t.title}”只列合计${stated}；按类的行取自“${other.table.title}”，为${other.scope}口径`,
  };
}
