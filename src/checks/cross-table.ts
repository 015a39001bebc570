/**
 * Cross-table agreement: the same figure printed in 收支总表, 收入总表, 支出总表, 财政拨款收支总表,
 * 一般公共预算财政拨款支出表 and 基本支出表 must be the same number.
 */
import type { Disclosure, StandardTableKind } from "../domain/types.js";
import { type Amount, compareAmounts, present } from "./compare.js";
import {
  bare,
  cellAmount,
  codedRows,
  columnOf,
  isEnumerated,
  mainColumn,
  rowNamed,
  sideRows,
  tableOf,
  totalRow,
} from "./tables.js";
import type { Finding, Rule } from "./types.js";

/** Finds one figure in a document. */
export type Locate = (d: Disclosure) => Amount | null;

/** A named row on one side of a two-sided table; the column by pattern, else 合计/first. */
export function sideCell(kind: StandardTableKind, side: string, row: RegExp, column?: RegExp): Locate {
  return (d) => {
    const t = tableOf(d, kind);
    const r = t && rowNamed(t, row, side);
    if (!t || !r) return null;
    return cellAmount(t, r, column ? columnOf(t, r, column) : mainColumn(t, r));
  };
}

/** A column of the 合计 row of a one-sided table (合计 column when no pattern). */
export function totalCell(kind: StandardTableKind, column?: RegExp): Locate {
  return (d) => {
    const t = tableOf(d, kind);
    const r = t && totalRow(t);
    if (!t || !r) return null;
    return cellAmount(t, r, column ? columnOf(t, r, column) : mainColumn(t, r));
  };
}

/** A column of the row with a given 科目编码. */
export function codeCell(kind: StandardTableKind, code: string, column?: RegExp): Locate {
  return (d) => {
    const t = tableOf(d, kind);
    const r = t && codedRows(t).find((c) => c.code === code)?.row;
    if (!t || !r) return null;
    return cellAmount(t, r, column ? columnOf(t, r, column) : mainColumn(t, r));
  };
}

const ALL = "收支总表";
const INCOME = "收入总表";
const EXPENSE = "支出总表";
const FISCAL = "财政拨款收支总表";
const GENERAL = "一般公共预算财政拨款支出表";
const BASIC = "一般公共预算财政拨款基本支出表";
const FUND = "政府性基金预算财政拨款支出表";
const CAPITAL = "国有资本经营预算财政拨款支出表";

const GENERAL_INCOME = /^一般公共预算(财政)?拨款(收入)?$/;
const FUND_INCOME = /^政府性基金预算(财政)?拨款(收入)?$/;
const CAPITAL_INCOME = /^国有资本经营预算(财政)?拨款(收入)?$/;

/** Fixed pairs of figures that must agree. */
const PAIRS: Array<[Locate, Locate]> = [
  [sideCell(ALL, "收入", /^收入总计$/), totalCell(INCOME)],
  [sideCell(ALL, "收入", /^本年收入合计$/), totalCell(INCOME, /小计$|^本年收入$/)],
  [sideCell(ALL, "收入", /^上年结转(结余)?$/), totalCell(INCOME, /^上年结转/)],
  [sideCell(ALL, "支出", /^本年支出合计$/), totalCell(EXPENSE)],
  [sideCell(ALL, "收入", GENERAL_INCOME), sideCell(FISCAL, "收入", GENERAL_INCOME)],
  [sideCell(ALL, "收入", FUND_INCOME), sideCell(FISCAL, "收入", FUND_INCOME)],
  [sideCell(ALL, "收入", CAPITAL_INCOME), sideCell(FISCAL, "收入", CAPITAL_INCOME)],
  [sideCell(FISCAL, "收入", /^本年收入合计$/), totalCell(INCOME, /^财政拨款(收入)?$/)],
  [sideCell(FISCAL, "支出", /^本年支出合计$/, /一般公共预算/), totalCell(GENERAL)],
  [sideCell(FISCAL, "支出", /^本年支出合计$/, /政府性基金/), totalCell(FUND)],
  [sideCell(FISCAL, "支出", /^本年支出合计$/, /国有资本/), totalCell(CAPITAL)],
  [totalCell(GENERAL, /^基本支出$/), totalCell(BASIC)],
];

/** Pairs built from rows: 支出 items by name across tables, 功能分类 rows by code across tables. */
function rowPairs(d: Disclosure): Array<[Amount | null, Amount | null]> {
  const out: Array<[Amount | null, Amount | null]> = [];
  const byName = (kind: StandardTableKind, column: RegExp | undefined, target: StandardTableKind): void => {
    const t = tableOf(d, kind);
    const u = tableOf(d, target);
    if (!t || !u) return;
    const rows = sideRows(t, "支出");
    const iTotal = rows.findIndex((r) => /^本年支出合计$/.test(bare(r.name)));
    for (const r of rows.slice(0, iTotal < 0 ? rows.length : iTotal)) {
      if (!isEnumerated(r.name) && r.level !== 1) continue;
      const match = codedRows(u).find((c) => c.code.length === 3 && bare(c.row.name) === bare(r.name));
      if (!match) continue;
      const left = cellAmount(t, r, column ? columnOf(t, r, column) : mainColumn(t, r));
      out.push([left, cellAmount(u, match.row, mainColumn(u, match.row))]);
    }
  };
  byName(ALL, undefined, EXPENSE);
  byName(FISCAL, /一般公共预算/, GENERAL);
  byName(FISCAL, /政府性基金/, FUND);
  byName(FISCAL, /国有资本/, CAPITAL);

  // A 预算 balances class by class; a 决算's income and spending of a class differ by its 结转结余.
  const income = tableOf(d, INCOME);
  const expense = tableOf(d, EXPENSE);
  if (income && expense && d.basis !== "final") {
    const expenseRows = codedRows(expense);
    for (const { code, row } of codedRows(income)) {
      const other = expenseRows.find((c) => c.code === code)?.row;
      if (!other) continue;
      out.push([
        cellAmount(income, row, mainColumn(income, row)),
        cellAmount(expense, other, mainColumn(expense, other)),
      ]);
    }
  }
  return out;
}

/** The same figure in two standard tables agrees. */
export const sameFigureRule: Rule = {
  id: "cross.same-figure",
  description:
    "同一数字在不同表中应一致（收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算财政拨款支出表、基本支出表）",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const pairs: Array<[Amount | null, Amount | null]> = [
      ...PAIRS.map(([l, r]): [Amount | null, Amount | null] => [l(d), r(d)]),
      ...rowPairs(d),
    ];
    return present(
      pairs.map(([l, r]) =>
        compareAmounts(l, r, {
          ruleId: "cross.same-figure",
          severity: "error",
          context: "同一数字在两表中不一致",
        }),
      ),
    );
  },
};

/** 三公 table 公务接待费 vs 基本支出表 经济分类 30217 公务接待费. */
export const receptionRule: Rule = {
  id: "cross.reception",
  description: "三公经费表「公务接待费」与基本支出表经济分类 30217「公务接待费」（两者均列示时）",
  severity: "warning",
  run(d: Disclosure): Finding[] {
    const t = tableOf(d, "三公经费支出表");
    const r = t && rowNamed(t, /^公务接待费$/);
    const left = t && r ? cellAmount(t, r, mainColumn(t, r)) : null;
    const right = codeCell(BASIC, "30217")(d);
    if (!left || !right) return [];
    const exceeds = right.fen > left.fen;
    const f = compareAmounts(left, right, {
      ruleId: "cross.reception",
      severity: exceeds ? "error" : "warning",
      note: exceeds
        ? "基本支出中的公务接待费已超过三公经费中的公务接待费。"
        : "基本支出表只含基本支出中的公务接待费，项目支出中也可能列支，请核对。",
    });
    return f ? [f] : [];
  },
};

/** All cross-table rules. */
export const crossTableRules: Rule[] = [sameFigureRule, receptionRule];
