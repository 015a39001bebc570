/**
 * A 决算's 情况说明 against its 一般公共预算财政拨款支出决算表: the 支出决算 stated for the whole table
 * or for one 功能分类 subject against the row's 决算数, and the 年初预算 / 全年（调整）预算 stated beside it
 * against the table's 年初预算数 / 调整预算数 column where the table prints one. A 决算数大于/小于预算数
 * claim that agrees with its paragraph then agrees with the table too.
 */
import type { Disclosure, NarrativeFact, StandardRow, StandardTable } from "../domain/types.js";
import { amountOf, compareAmounts, present } from "./compare.js";
import { bare, cellAmount, codedRows, columnOf, mainColumn, tableOf, totalRow } from "./tables.js";
import type { Finding, Rule } from "./types.js";

const GENERAL = "一般公共预算财政拨款支出表";

/** The names of a subject line, 类 first: "一般公共服务支出（类）社会工作事务（款）行政运行（项）". */
function subjectNames(subject: string): string[] {
  return [...subject.matchAll(/([^（）]+)（[类款项]）/g)].map((m) => bare(m[1] ?? ""));
}

/** The table row of a fact: the 合计 row for the whole table, else the subject's last-named row. */
function rowOf(t: StandardTable, f: NarrativeFact): StandardRow | undefined {
  if (!f.subject) return f.key === "expense.general" && f.scope === "general" ? totalRow(t) : undefined;
  const names = subjectNames(f.subject);
  const leaf = names[names.length - 1];
  if (!leaf) return undefined;
  const rows = codedRows(t);
  const hits = rows.filter((r) => bare(r.row.name) === leaf);
  if (hits.length <= 1) return hits[0]?.row;
  // Several rows of that name (行政运行): the one under the named 类.
  const cls = rows.find((r) => r.code.length === 3 && bare(r.row.name) === names[0]);
  const under = cls ? hits.filter((h) => h.code.startsWith(cls.code)) : [];
  return under.length === 1 ? under[0]?.row : undefined;
}

/** 决算说明的预算数、决算数 against the 一般公共预算财政拨款支出决算表. */
export const finalVsTableRule: Rule = {
  id: "narrative.final-vs-table",
  description: "决算说明中的支出决算数及其年初预算数、全年（调整）预算数与一般公共预算财政拨款支出决算表一致",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const t = tableOf(d, GENERAL);
    if (!t || d.basis !== "final") return [];
    const out: Array<Finding | null> = [];
    for (const f of d.narrative) {
      if (!f.prior || f.direction !== null) continue;
      const r = rowOf(t, f);
      if (!r) continue;
      const label = `情况说明「${f.subject ? (subjectNames(f.subject).pop() ?? f.label) : f.label}」`;
      const opts = { ruleId: "narrative.final-vs-table", severity: "error" as const };
      out.push(
        compareAmounts(amountOf(`${label}支出决算`, f.figure), cellAmount(t, r, mainColumn(t, r)), opts),
      );
      const budgetColumn =
        f.prior.basis === "plan"
          ? columnOf(t, r, /^年初预算数?$/)
          : f.prior.basis === "adjusted"
            ? columnOf(t, r, /^(调整|全年)(后)?预算数?$/)
            : undefined;
      const name = f.prior.basis === "plan" ? "年初预算" : "全年预算";
      out.push(
        compareAmounts(amountOf(`${label}${name}`, f.prior.figure), cellAmount(t, r, budgetColumn), opts),
      );
    }
    return present(out);
  },
};
