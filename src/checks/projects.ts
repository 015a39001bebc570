/**
 * Project 绩效目标表 checks: 资金支出计划 shape, 预算数 = 财政资金 + 其他资金, sum of projects vs
 * 项目支出, same-named projects with different amounts, 成本指标 above the budget, impossible amounts.
 */

import { FEN_PER_WAN } from "../domain/money.js";
import { lineLabel, sourceAt } from "../domain/places.js";
import { squash } from "../domain/text.js";
import type { Disclosure, PlanPoint, Project, Source } from "../domain/types.js";
import { amountInText } from "./amount-text.js";
import {
  type Amount,
  amountOf,
  compareAmounts,
  formatExact,
  present,
  severityOf,
  sumAmount,
} from "./compare.js";
import { sideCell, totalCell } from "./cross-table.js";
import { factAmount } from "./narrative.js";
import type { Finding, FindingSide, Rule } from "./types.js";

/** How a project is named in messages. */
function projectLabel(p: Project): string {
  return `项目「${p.name}」`;
}

/** Which table a project is, e.g. "第26张表（第4456行）" or "第3张表（第12页）". */
function tableRef(d: Disclosure, p: Project): string {
  const at = lineLabel(d.places, p.line);
  return p.seq !== null ? `第${p.seq}张表（${at}）` : `${at}的表`;
}

/** A project's 预算数 as an amount. */
function budgetOf(p: Project): Amount | null {
  return amountOf(`${projectLabel(p)}预算数`, p.budget);
}

/** Where a line of a project table is. */
function projectSource(d: Disclosure, p: Project, line: number): Source {
  return sourceAt(d, p.title, line);
}

/** A plan point as a finding side. */
function pointSide(d: Disclosure, p: Project, pt: PlanPoint): FindingSide {
  return {
    label: `${projectLabel(p)}资金支出计划「${pt.label}」`,
    text: pt.text,
    fen: pt.unit === "%" ? null : pt.fen,
    source: projectSource(d, p, pt.line),
  };
}

/** The plan's value in comparable units: 分 for money, basis points for %. */
function pointValue(pt: PlanPoint): number | null {
  return pt.unit === "%" ? pt.basisPoints : pt.fen;
}

/** Findings for one project's 资金支出计划. */
function checkPlan(d: Disclosure, p: Project): Finding[] {
  const id = "project.plan";
  const points = p.plan.filter((pt) => pointValue(pt) !== null);
  const last = points[points.length - 1];
  if (!last) return [];
  const percent = points.every((pt) => pt.unit === "%");
  if (!percent && points.some((pt) => pt.unit === "%")) return [];
  const budget = budgetOf(p);
  const out: Finding[] = [];

  // 1. Cumulative: never decreasing.
  let perPeriod = false;
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1] as PlanPoint;
    const cur = points[i] as PlanPoint;
    const diff = (pointValue(cur) as number) - (pointValue(prev) as number);
    if (diff >= 0) continue;
    const sum = points.reduce((s, pt) => s + (pointValue(pt) as number), 0);
    const target = percent ? 10000 : budget?.fen;
    perPeriod = sum === target;
    out.push({
      ruleId: id,
      severity: perPeriod ? "warning" : "error",
      message:
        `${projectLabel(p)}资金支出计划应为逐期累计数，但「${cur.label}」${cur.text} 小于「${prev.label}」${prev.text}。` +
        (perPeriod
          ? `各期之和${percent ? "为 100%" : ` ${formatExact(sum)} 等于预算数`}，疑为分期数而非累计数。`
          : ""),
      left: pointSide(d, p, cur),
      right: pointSide(d, p, prev),
      differenceFen: percent ? null : diff,
    });
    break;
  }
  if (perPeriod) return out;

  // 2. Ends at 100% or at 预算数.
  if (percent) {
    const v = last.basisPoints as number;
    if (v !== 10000) {
      out.push({
        ruleId: id,
        severity: "error",
        message: `${projectLabel(p)}资金支出计划（%）末期「${last.label}」为 ${last.text}，未达到 100%。`,
        left: pointSide(d, p, last),
        right: null,
        differenceFen: null,
      });
    }
    return out;
  }
  if (!budget) return out;
  const lastAmount: Amount = { ...pointSide(d, p, last), fen: last.fen as number, unit: "万元" };
  const hundredWan = 100 * FEN_PER_WAN;
  const looksPercent =
    last.fen === hundredWan &&
    budget.fen !== hundredWan &&
    points.every((pt) => (pt.fen as number) <= hundredWan);
  const f = compareAmounts(lastAmount, budget, { ruleId: id, severity: looksPercent ? "warning" : "error" });
  if (f) {
    const gap = formatExact(Math.abs(f.differenceFen as number));
    f.message =
      `${projectLabel(p)}资金支出计划末期「${last.label}」${last.text} 与预算数 ${budget.text} 不一致，相差 ${gap} 万元。` +
      (f.severity === "rounding"
        ? "差额不超过 0.01 万元，属尾数差异。"
        : looksPercent
          ? "末期为 100，疑为按百分比填写。"
          : "");
    out.push(f);
  }

  // 3. No earlier point above the budget.
  const over = points.slice(0, -1).find((pt) => (pt.fen as number) > budget.fen);
  if (over) {
    const g = compareAmounts({ ...pointSide(d, p, over), fen: over.fen as number, unit: "万元" }, budget, {
      ruleId: id,
      severity: "error",
    });
    if (g) {
      g.message = `${projectLabel(p)}资金支出计划「${over.label}」${over.text} 超过预算数 ${budget.text}。`;
      out.push(g);
    }
  }
  return out;
}

/** 资金支出计划: cumulative, non-decreasing, ending at 预算数 (万元) or 100% (%). */
export const planRule: Rule = {
  id: "project.plan",
  description: "资金支出计划逐期累计、不减少，末期等于预算数（万元）或 100%（%），任何一期不超过预算数",
  severity: "error",
  run(d: Disclosure): Finding[] {
    return d.projects.flatMap((p) => checkPlan(d, p));
  },
};

/** 预算数 = 财政资金 + 其他资金. */
export const fundingRule: Rule = {
  id: "project.funding",
  description: "项目预算数 = 财政资金 + 其他资金",
  severity: "error",
  run(d: Disclosure): Finding[] {
    return present(
      d.projects.map((p) => {
        const parts = present([amountOf("财政资金", p.fiscal), amountOf("其他资金", p.other)]);
        return compareAmounts(budgetOf(p), sumAmount("财政资金 + 其他资金", parts), {
          ruleId: "project.funding",
          severity: "error",
        });
      }),
    );
  },
};

/** Sum of project 预算数 vs the department's 项目支出. */
export const projectTotalRule: Rule = {
  id: "project.total",
  description: "各项目预算数之和 与 支出总表项目支出（项目表可能含上年结转或未全部公开，仅作提示）",
  severity: "warning",
  run(d: Disclosure): Finding[] {
    const budgets = present(d.projects.map(budgetOf));
    if (budgets.length === 0) return [];
    const left = sumAmount("各项目绩效目标表预算数之和", budgets);
    const right =
      totalCell("支出总表", /^项目支出$/)(d) ??
      totalCell("一般公共预算财政拨款支出表", /^项目支出$/)(d) ??
      factAmount(d, "expense.project");
    const f = compareAmounts(left, right, {
      ruleId: "project.total",
      severity: "warning",
      note: "项目绩效目标表可能包含上年结转项目，或未公开全部项目，差异须结合说明判断。",
    });
    return f ? [f] : [];
  },
};

/** Projects with the same name but different 预算数. */
export const duplicateRule: Rule = {
  id: "project.duplicate",
  description: "同名项目重复出现且预算数不同",
  severity: "warning",
  run(d: Disclosure): Finding[] {
    const groups = new Map<string, Project[]>();
    for (const p of d.projects) {
      if (!budgetOf(p)) continue;
      const key = squash(p.name);
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const out: Finding[] = [];
    for (const group of groups.values()) {
      const [first, ...rest] = group;
      if (!first) continue;
      for (const other of rest) {
        const a = budgetOf(first) as Amount;
        const b = budgetOf(other) as Amount;
        if (a.fen === b.fen) continue;
        const f = compareAmounts(a, b, { ruleId: "project.duplicate", severity: "warning" });
        if (!f) continue;
        f.message =
          `项目「${first.name}」出现多次且预算数不同：${tableRef(d, first)}预算数 ${a.text} ${a.unit}，` +
          `${tableRef(d, other)}预算数 ${b.text} ${b.unit}。可能是上年结转项目与本年新项目同名，请核对是否重复列示。`;
        out.push(f);
      }
    }
    return out;
  },
};

/** Is an indicator a 成本指标 row? */
function isCostIndicator(level1: string | null, level2: string | null): boolean {
  return /成本指标/.test(squash(level2 ?? "")) || /成本指标/.test(squash(level1 ?? ""));
}

/** A 成本指标 amount (万元/元) above the project's own 预算数. */
export const costIndicatorRule: Rule = {
  id: "project.cost-indicator",
  description: "成本指标中的金额不超过本项目预算数",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const p of d.projects) {
      const budget = budgetOf(p);
      if (!budget) continue;
      for (const ind of p.indicators) {
        if (!ind.value || !isCostIndicator(ind.level1, ind.level2)) continue;
        const a = amountInText(ind.value);
        if (!a || a.fen <= budget.fen) continue;
        const diff = a.fen - budget.fen;
        const loose = a.op === "≤";
        const severity = severityOf(diff, loose ? "warning" : "error");
        out.push({
          ruleId: "project.cost-indicator",
          severity,
          message:
            `${projectLabel(p)}成本指标「${ind.level3 ?? ind.description ?? ""}」指标值 ${ind.value} 高于本项目预算数 ${budget.text} ${budget.unit}，` +
            `超出 ${formatExact(diff, budget.unit)} ${budget.unit}。` +
            (severity === "rounding"
              ? "差额不超过 0.01 万元，属尾数差异。"
              : loose
                ? "上限高于预算数，指标失去约束意义。"
                : ""),
          left: {
            label: `${projectLabel(p)}成本指标值`,
            text: ind.value,
            fen: a.fen,
            source: projectSource(d, p, ind.line),
          },
          right: { label: budget.label, text: budget.text, fen: budget.fen, source: budget.source },
          differenceFen: diff,
        });
      }
    }
    return out;
  },
};

/** 10000万元 (1 亿元) in 分: an indicator amount this large for one activity is suspect. */
const SUSPECT_INDICATOR_FEN = 10_000 * FEN_PER_WAN;

/** Impossible amounts: an indicator of ≥ 10000万元, or a project budget above the department's total. */
export const unitsRule: Rule = {
  id: "project.units",
  description: "单位或数量级可疑：指标值 ≥ 10000万元，或项目预算数超过部门支出总计",
  severity: "warning",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    const total =
      sideCell("收支总表", "支出", /^支出总计$/)(d) ??
      totalCell("支出总表")(d) ??
      factAmount(d, "expense.total");
    for (const p of d.projects) {
      const budget = budgetOf(p);
      for (const ind of p.indicators) {
        const a = ind.value ? amountInText(ind.value) : null;
        if (!a || a.fen < SUSPECT_INDICATOR_FEN) continue;
        out.push({
          ruleId: "project.units",
          severity: "warning",
          message:
            `${projectLabel(p)}指标「${ind.level3 ?? ind.description ?? ""}」指标值 ${ind.value} 达到 1 亿元以上` +
            (budget ? `，而项目预算数为 ${budget.text} ${budget.unit}` : "") +
            "，疑为单位错误（元/万元）。",
          left: {
            label: `${projectLabel(p)}指标值`,
            text: ind.value ?? "",
            fen: a.fen,
            source: projectSource(d, p, ind.line),
          },
          right: budget
            ? { label: budget.label, text: budget.text, fen: budget.fen, source: budget.source }
            : null,
          differenceFen: budget ? a.fen - budget.fen : null,
        });
      }
      if (budget && total && budget.fen > total.fen) {
        const f = compareAmounts(budget, total, {
          ruleId: "project.units",
          severity: "error",
          context: "单个项目预算数超过部门支出总计",
          note: "疑为单位错误。",
        });
        if (f) out.push(f);
      }
    }
    return out;
  },
};

/** All project rules. */
export const projectRules: Rule[] = [
  planRule,
  fundingRule,
  projectTotalRule,
  duplicateRule,
  costIndicatorRule,
  unitsRule,
];
