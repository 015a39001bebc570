/**
 * Headline figures read from the standard tables by meaning, whatever the table's layout: the
 * 收支总表 two-sided or in three parts (收入 | 功能分类 | 支出用途), a 支出总表 by class or as one
 * total row, a “三公” table with one row per item or one row of amounts, 机关运行经费 in its own
 * table or beside 三公, 政府采购 as a table. Pure; no I/O. Null means the tables do not state it.
 */
import { squash } from "./text.js";
import type { Figure, NarrativeKey, StandardRow, StandardTable, StandardTableKind } from "./types.js";

/** Headline topics the tables can state. */
export type TableTopic =
  | "income.total"
  | "income.general"
  /** 本年收入合计 of a 收支总表 that prints it apart from 总计 (决算: 总计 = 本年 + 年初结转和结余 + …). */
  | "income.year"
  /** 年初结转和结余 (决算) or 上年结转 (预算) on the 收入 side. */
  | "income.carryover"
  | "expense.total"
  | "expense.general"
  /** 本年支出合计 of a 收支总表 that prints it apart from 总计. */
  | "expense.year"
  /** 年末结转和结余 (决算) or 结转下年 (预算) on the 支出 side. */
  | "expense.carry_forward"
  | "expense.basic"
  | "expense.project"
  | "expense.reserve"
  | "expense.personnel"
  | "expense.public"
  | "sangong.total"
  | "sangong.abroad"
  | "sangong.vehicle"
  | "sangong.vehicle_purchase"
  | "sangong.vehicle_operation"
  | "sangong.reception"
  | "operating_cost"
  | "procurement.total";

const of = (tables: StandardTable[], kind: StandardTableKind) => tables.filter((t) => t.kind === kind);

function rows(tables: StandardTable[], kinds: StandardTableKind[], re: RegExp, side?: string): StandardRow[] {
  return kinds
    .flatMap((k) => of(tables, k))
    .flatMap((t) => t.rows)
    .filter((r) => re.test(squash(r.name)) && (side === undefined || r.side === side));
}

/** The first stated value of a row in a column matching `col` (any column when omitted). */
function value(row: StandardRow | undefined, col?: RegExp): Figure | null {
  if (!row) return null;
  for (const [k, v] of Object.entries(row.values)) if (v && (!col || col.test(squash(k)))) return v;
  return null;
}

function firstValue(candidates: StandardRow[], col?: RegExp): Figure | null {
  for (const r of candidates) {
    const v = value(r, col);
    if (v) return v;
  }
  return null;
}

const TOTAL = /^(合计|总计)$/;
const CARRYOVER = /^([一二三四五六七八九十]+、)?(年初结转(和|及)?结余|上年结转(结余|和结余)?)$/;
const CARRY_FORWARD = /^([一二三四五六七八九十]+、)?(年末结转(和|及)?结余|结转下年)$/;
const SANGONG: StandardTableKind[] = ["三公经费支出表", "三公经费和机关运行经费表"];
/** The 三公 table's value column: 合计 (by 资金性质) when printed, else the first. */
const SANGONG_COL = /^(合计|金额|预算数|小计)$/;

/** The rows of the “三公” tables whose part name matches (and `exclude` does not). */
export function sangongRows(tables: StandardTable[], re: RegExp, exclude?: RegExp): StandardRow[] {
  // A part read from a wide table is named `group：leaf`; the leaf says what it is.
  const leaf = (r: StandardRow) => squash(r.name).split("：").pop() ?? "";
  return SANGONG.flatMap((k) => of(tables, k))
    .flatMap((t) => t.rows)
    .filter((r) => re.test(leaf(r)) && !exclude?.test(leaf(r)));
}

function sangongRow(tables: StandardTable[], re: RegExp, exclude?: RegExp): Figure | null {
  const candidates = sangongRows(tables, re, exclude);
  // A 决算 table prints 预算数 and 决算数 per part: the part's figure is its 决算数 (blank = 未列示).
  const final = candidates.filter((r) => FINAL_COL in r.values);
  if (final.length > 0) return firstValue(final, /^决算数$/);
  return firstValue(candidates, SANGONG_COL) ?? firstValue(candidates);
}

/** The column of a 决算 table holding the actual figure. */
export const FINAL_COL = "决算数";

/** Name patterns of the “三公” parts in the tables (a 合计 may carry its scope: 财政拨款“三公”经费合计). */
export const SANGONG_PART: Record<
  "total" | "abroad" | "vehicle" | "vehicle_purchase" | "vehicle_operation" | "reception",
  [RegExp, RegExp?]
> = {
  total: [/^(合计|(财政拨款|一般公共预算(财政拨款)?)?“?三公”?经费(合计|小计)?)$/],
  abroad: [/因公出国/, /其中|教学科研|其他因公/],
  vehicle: [/公务用车购置及运[行维护]*费(小计)?$/],
  vehicle_purchase: [/购置费$/, /及运|运行/],
  vehicle_operation: [/(运行(维护)?|运维)费$/, /购置及/],
  reception: [/接待/, /其中|外事|国内/],
};

/** A headline figure as the standard tables state it, or null. */
export function tableFigure(tables: StandardTable[], topic: TableTopic): Figure | null {
  const summary: StandardTableKind[] = ["收支总表"];
  const expenseTotal = rows(tables, ["支出总表"], TOTAL);
  switch (topic) {
    case "income.total":
      return (
        firstValue(rows(tables, summary, /^收入(总计|合计)$/, "收入")) ??
        firstValue(rows(tables, ["收入总表"], /^(收入总计|合计|总计)$/), /^(合计|金额)$/) ??
        firstValue(rows(tables, summary, /^总计$/, "收入"))
      );
    case "income.year":
      return firstValue(rows(tables, summary, /^本年收入(合计|小计)$/, "收入"));
    case "expense.year":
      return firstValue(rows(tables, summary, /^本年支出(合计|小计)$/, "支出"));
    case "income.carryover":
      return firstValue(rows(tables, summary, CARRYOVER, "收入"));
    case "expense.carry_forward":
      return firstValue(rows(tables, summary, CARRY_FORWARD, "支出"));
    case "income.general":
      return firstValue(
        rows(tables, summary, /^(\d+[.、．]|[一二三四五六七八九十]+、)?一般公共预算/, "收入"),
      );
    case "expense.total":
      return (
        firstValue(rows(tables, summary, /^支出(总计|合计)$/, "支出")) ??
        firstValue(rows(tables, summary, /^总计$/, "支出"))
      );
    case "expense.general":
      // 一般公共预算拨款支出: the 财政拨款收支总表's 支出 total in its 一般公共预算 column, else the
      // 一般公共预算支出表's total.
      return (
        firstValue(rows(tables, ["财政拨款收支总表"], /^支出(总计|合计)$/, "支出"), /^一般公共预算/) ??
        firstValue(rows(tables, ["一般公共预算财政拨款支出表"], TOTAL), /^(合计|总计|金额)$/)
      );
    case "expense.basic":
      return (
        firstValue(expenseTotal, /^基本支出$/) ??
        firstValue(rows(tables, summary, /^([一二三四五六七八九十]+、)?基本支出$/, "支出"))
      );
    case "expense.project":
      return (
        firstValue(expenseTotal, /^项目支出$/) ??
        firstValue(rows(tables, summary, /^([一二三四五六七八九十]+、)?项目支出$/, "支出"))
      );
    case "expense.reserve":
      return (
        firstValue(expenseTotal, /预留机动/) ??
        firstValue(rows(tables, summary, /^([一二三四五六七八九十]+、)?(单位)?预留机动经费$/, "支出"))
      );
    case "expense.personnel":
    case "expense.public": {
      const col = topic === "expense.personnel" ? /人员经费/ : /公用经费/;
      return (
        firstValue(rows(tables, summary, /^支出(总计|合计)$/, "支出"), col) ??
        firstValue(expenseTotal, col) ??
        firstValue(rows(tables, ["一般公共预算财政拨款基本支出表"], TOTAL), col) ??
        // Two blocks side by side (决算): `人员经费合计 | x | 公用经费合计 | y` under each block.
        firstValue(
          rows(
            tables,
            ["一般公共预算财政拨款基本支出表"],
            topic === "expense.personnel" ? /^人员经费(合计)?$/ : /^(日常)?公用经费(合计)?$/,
          ),
        )
      );
    }
    case "sangong.total":
      return (
        sangongRow(tables, /^合计$/) ??
        sangongRow(tables, /^(财政拨款|一般公共预算(财政拨款)?)?“?三公”?经费(合计|小计)$/) ??
        sangongRow(tables, /^“?三公”?经费$/)
      );
    case "sangong.abroad":
    case "sangong.vehicle":
    case "sangong.vehicle_purchase":
    case "sangong.vehicle_operation":
    case "sangong.reception":
      return sangongRow(tables, ...SANGONG_PART[topic.slice("sangong.".length) as keyof typeof SANGONG_PART]);
    case "operating_cost":
      return (
        firstValue(rows(tables, ["机关运行经费支出表"], TOTAL)) ??
        firstValue(rows(tables, ["三公经费和机关运行经费表"], /机关运行经费/))
      );
    case "procurement.total":
      return firstValue(rows(tables, ["政府采购预算表"], TOTAL), /^(总计|合计|金额)$/);
  }
}

/**
 * The 功能分类 类 rows of the 一般公共预算 支出 table (level 1, stated), falling back to the
 * 支出总表 and then the 收支总表's 支出 side; with the table each comes from.
 */
export function functionClasses(tables: StandardTable[]): Array<{ table: StandardTable; row: StandardRow }> {
  const kinds: StandardTableKind[] = ["一般公共预算财政拨款支出表", "支出总表", "收支总表"];
  for (const k of kinds) {
    const out = of(tables, k).flatMap((table) =>
      table.rows
        .filter((row) => row.level === 1 && (k !== "收支总表" || row.side === "支出") && value(row))
        .filter((row) => k !== "收支总表" || /支出$/.test(squash(row.name)))
        .filter((row) => !/(基本|项目)支出$/.test(squash(row.name)))
        .map((row) => ({ table, row })),
    );
    if (out.length) return out;
  }
  return [];
}

/** The narrative fact that states the figure of a “三公” table row (by what the row names), if any. */
export function sangongKeyOf(rowName: string): NarrativeKey | null {
  const n = squash(rowName).replace(/^(?:[一二三四五六七八九十]+、|\d+[.、．]|其中[:：])/, "");
  if (/^(?:合计|(?:财政拨款|一般公共预算(?:财政拨款)?)?“?"?三公"?”?经费(?:小计|合计)?)$/.test(n))
    return "sangong.total";
  if (/^因公出国[(（]境[)）]费$/.test(n)) return "sangong.abroad";
  if (/^公务用车购置及运行?维护?费(?:小计)?$/.test(n)) return "sangong.vehicle";
  if (/^公务用车购置费$/.test(n)) return "sangong.vehicle_purchase";
  if (/^公务用车运行?维护?费$/.test(n)) return "sangong.vehicle_operation";
  if (/^公务接待费$/.test(n)) return "sangong.reception";
  if (/^机关运行经费/.test(n)) return "operating_cost";
  return null;
}

/** The income part a 收支总表 收入 row names (`二、上年结转`, `事业收入`), or null. */
function incomeKeyOf(name: string): NarrativeKey | null {
  const n = name.replace(/^(?:[一二三四五六七八九十]+、|\d+[.、．])/, "");
  if (/^上年结转/.test(n)) return "income.carryover";
  if (/^事业单位经营收入$/.test(n)) return "income.business_operation";
  if (/^事业收入$/.test(n)) return "income.business";
  if (/^其他收入$/.test(n)) return "income.other";
  return null;
}

/**
 * The narrative fact that states the same figure as a cell of a standard table (by the table's
 * kind, the row's name and the column's), or null: 收支总表 收入总计 → income.total, 支出总表 合计 ×
 * 基本支出 → expense.basic, a “三公” row's first amount → its part, 基本支出表 合计 × 人员经费 →
 * expense.personnel. Used to show a blank cell the 情况说明 states (e.g. 0.00) as that statement.
 */
export function narrativeKeyOfCell(
  kind: StandardTableKind,
  row: Pick<StandardRow, "name" | "side">,
  column: string,
  columnIndex: number,
): NarrativeKey | null {
  const name = squash(row.name);
  const col = squash(column);
  const first = columnIndex === 0 || /^(合计|金额|预算数|小计)$/.test(col);
  if (SANGONG.includes(kind)) return columnIndex === 0 ? sangongKeyOf(row.name) : null;
  const total = TOTAL.test(name);
  const byColumn = (): NarrativeKey | null =>
    /^人员经费$/.test(col)
      ? "expense.personnel"
      : /^公用经费$/.test(col)
        ? "expense.public"
        : /^基本支出$/.test(col)
          ? "expense.basic"
          : /^项目支出$/.test(col)
            ? "expense.project"
            : null;
  switch (kind) {
    case "收支总表":
      if (row.side === "收入" && /^收入(总计|合计)$/.test(name)) return first ? "income.total" : null;
      if (row.side === "收入" && first) return incomeKeyOf(name);
      if (row.side === "支出" && first && /^([一二三四五六七八九十]+、)?结转下年/.test(name))
        return "expense.carry_forward";
      if (row.side === "支出" && /^支出(总计|合计)$/.test(name)) return first ? "expense.total" : byColumn();
      return null;
    case "支出总表":
      return total ? (first ? "expense.total" : byColumn()) : null;
    case "一般公共预算财政拨款基本支出表":
      return total && !first ? byColumn() : null;
    case "机关运行经费支出表":
      return total && first ? "operating_cost" : null;
    default:
      return null;
  }
}
