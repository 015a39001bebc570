/**
 * 政府采购预算 checks: items vs 小计 vs 合计 per column, 合计 column = funding columns per row,
 * a project's purchases within its 预算资金, and 预算资金 matching the project's 绩效目标表.
 */

import { squash } from "../domain/text.js";
import type { Disclosure, ProcurementRow } from "../domain/types.js";
import { type Amount, amountOf, compareAmounts, present, sumAmount } from "./compare.js";
import { columnGroups } from "./table-arithmetic.js";
import type { Finding, Rule } from "./types.js";

/** How a procurement row is named in messages. */
function rowLabel(r: ProcurementRow): string {
  if (r.kind === "total") return "合计";
  if (r.kind === "subtotal") return r.projectName ?? r.item ?? "小计";
  return [r.projectName, r.item].filter(Boolean).join("／") || "采购明细";
}

/** A money cell of a procurement row. */
function cell(r: ProcurementRow, column: string): Amount | null {
  return amountOf(`政府采购表「${rowLabel(r)}」${column}`, r.amounts[column]);
}

/** The 合计 (or 总计, as the grouped layout heads it) column key of a row. */
function totalKey(r: ProcurementRow): string | undefined {
  const keys = Object.keys(r.amounts);
  return keys.find((k) => squash(k) === "合计") ?? keys.find((k) => squash(k) === "总计");
}

/** Compare a row with the sum of rows, in every column. */
function rowsSum(parent: ProcurementRow, children: ProcurementRow[], label: string): Finding[] {
  const out: Finding[] = [];
  for (const column of Object.keys(parent.amounts)) {
    const parts = present(children.map((c) => cell(c, column)));
    const f = compareAmounts(cell(parent, column), sumAmount(label, parts, parent.amounts[column]?.source), {
      ruleId: "procurement.sum",
      severity: "error",
    });
    if (f) out.push(f);
  }
  return out;
}

/** Items sum to their 小计, 小计 (or items) sum to 合计, per column. */
export const procurementSumRule: Rule = {
  id: "procurement.sum",
  description: "政府采购表：明细行之和 = 小计，各小计之和 = 合计（逐列核对）",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const rows = [...d.procurement].sort((a, b) => a.line - b.line);
    const out: Finding[] = [];
    const subtotals = rows.filter((r) => r.kind === "subtotal");
    for (const s of subtotals) {
      const i = rows.indexOf(s);
      const next = rows.findIndex((r, j) => j > i && r.kind !== "item");
      const items = rows.slice(i + 1, next < 0 ? rows.length : next);
      if (items.length > 0) out.push(...rowsSum(s, items, "其明细行之和"));
    }
    const total = rows.find((r) => r.kind === "total");
    if (total) {
      const firstSub = subtotals[0] ? rows.indexOf(subtotals[0]) : rows.length;
      const loose = rows.slice(0, firstSub).filter((r) => r.kind === "item");
      const parts = subtotals.length > 0 ? [...loose, ...subtotals] : rows.filter((r) => r.kind === "item");
      if (parts.length > 0)
        out.push(...rowsSum(total, parts, subtotals.length > 0 ? "各小计之和" : "明细行之和"));
    }
    return out;
  },
};

/** 合计 column = sum of funding-source columns, per row. */
export const procurementColumnsRule: Rule = {
  id: "procurement.columns",
  description: "政府采购表：合计 = 各资金来源列之和（逐行核对，不含预留中小企业份额）",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const r of d.procurement) {
      for (const g of columnGroups(Object.keys(r.amounts))) {
        const parts = present(g.parts.map((c) => cell(r, c)));
        const f = compareAmounts(
          cell(r, g.total),
          sumAmount("各资金来源列之和", parts, r.amounts[g.total]?.source),
          {
            ruleId: "procurement.columns",
            severity: "error",
          },
        );
        if (f) out.push(f);
      }
    }
    return out;
  },
};

/** Item rows grouped by project (name and 预算资金). */
function byProject(d: Disclosure): Array<{ name: string; budget: Amount; items: ProcurementRow[] }> {
  const groups = new Map<string, { name: string; budget: Amount; items: ProcurementRow[] }>();
  for (const r of d.procurement) {
    if (r.kind !== "item" || !r.projectName) continue;
    const budget = amountOf(`政府采购表「${r.projectName}」预算资金`, r.projectBudget);
    if (!budget) continue;
    const key = `${squash(r.projectName)}|${budget.fen}`;
    const g = groups.get(key) ?? { name: r.projectName, budget, items: [] };
    g.items.push(r);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** A project's purchases (sum of its item rows' 合计) do not exceed its 预算资金. */
export const procurementBudgetRule: Rule = {
  id: "procurement.project-budget",
  description: "同一项目各采购明细金额之和不超过该项目预算资金",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const g of byProject(d)) {
      const parts = present(
        g.items.map((r) => {
          const k = totalKey(r);
          return k === undefined ? null : cell(r, k);
        }),
      );
      const sum = sumAmount(`政府采购表「${g.name}」采购金额之和`, parts);
      if (!sum || sum.fen <= g.budget.fen) continue;
      const f = compareAmounts(sum, g.budget, {
        ruleId: "procurement.project-budget",
        severity: "error",
        context: "采购金额超过项目预算资金",
      });
      if (f) out.push(f);
    }
    return out;
  },
};

/** The 预算资金 printed in the procurement table matches a same-named project's 预算数. */
export const procurementMatchRule: Rule = {
  id: "procurement.project-match",
  description: "政府采购表中的项目预算资金 与 同名项目绩效目标表的预算数一致",
  severity: "warning",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const g of byProject(d)) {
      const same = d.projects.filter((p) => squash(p.name) === squash(g.name) && p.budget?.fen != null);
      const first = same[0];
      if (!first || same.some((p) => p.budget?.fen === g.budget.fen)) continue;
      const f = compareAmounts(g.budget, amountOf(`项目「${first.name}」绩效目标表预算数`, first.budget), {
        ruleId: "procurement.project-match",
        severity: "warning",
      });
      if (f) out.push(f);
    }
    return out;
  },
};

/** All procurement rules. */
export const procurementRules: Rule[] = [
  procurementSumRule,
  procurementColumnsRule,
  procurementBudgetRule,
  procurementMatchRule,
];
