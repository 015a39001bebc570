/**
 * The rule table: every consistency rule with its group, the places it reads, the documents it
 * applies to (预算, 决算) and why it cannot run on a document whose inputs are missing. The 预算 and
 * 决算 rule sets are the rows that apply to each; `ruleReport` says which ran and which were skipped
 * and why, and where a rule that ran could not check (rows whose cells do not fit their header).
 */
import type { Disclosure, DisclosureBasis, NarrativeKey, StandardTableKind } from "../domain/types.js";
import { assetRules } from "./assets.js";
import { emptyNoteUnchecked, emptyTableNoteRule, tocTablesRule } from "./completeness.js";
import { crossTableRules } from "./cross-table.js";
import { finalVsTableRule } from "./final-vs-table.js";
import { departmentIdentityRule, yearIdentityRule } from "./identity.js";
import { changeRule, finalVsBudgetRule, shareRule } from "./narrative-claims.js";
import {
  narrativeArithmeticRule,
  narrativeScopeUnchecked,
  narrativeTableRule,
  operatingCostRule,
} from "./narrative-vs-table.js";
import { procurementRules } from "./procurement.js";
import { projectRules } from "./projects.js";
import { sangongRules } from "./sangong.js";
import { tableArithmeticRules } from "./table-arithmetic.js";
import { rowLabel, rowMisfit } from "./tables.js";
import { linesOf, tocOf } from "./texts.js";
import type { Rule, Severity } from "./types.js";

/** What a rule checks, for grouping the report. */
export type RuleGroup =
  | "完整性"
  | "单位与年度"
  | "说明与数字"
  | "算术"
  | "表间"
  | "三公"
  | "项目"
  | "政府采购"
  | "资产";

/** Short Chinese name of each rule, shown in the rule-set report. */
const NAMES: Record<string, string> = {
  "completeness.toc-tables": "目录所列表齐全",
  "completeness.empty-note": "空表说明",
  "identity.department": "单位名称一致",
  "identity.year": "年度一致",
  "table.code-sum": "科目逐级相加",
  "table.total-sum": "合计行相加",
  "table.column-sum": "合计列相加",
  "table.side-sum": "收支总表分项相加",
  "table.balance": "收支平衡（含结转结余）",
  "cross.same-figure": "表间同一数字一致",
  "cross.reception": "公务接待费表间一致",
  "narrative.vs-table": "说明金额与表格一致",
  "narrative.operating-cost": "机关运行经费与公用经费",
  "narrative.arithmetic": "说明总数与分项",
  "narrative.change": "说明增减额与增减率",
  "narrative.share": "说明占比",
  "narrative.final-vs-budget": "决算数与预算数比较",
  "narrative.final-vs-table": "决算说明与支出决算表",
  "sangong.narrative": "说明三公经费分项",
  "sangong.table": "三公经费表分项",
  "project.plan": "项目支出计划",
  "project.funding": "项目资金来源",
  "project.total": "项目合计",
  "project.duplicate": "项目重复",
  "project.cost-indicator": "项目成本指标",
  "project.units": "项目指标单位",
  "procurement.sum": "政府采购合计",
  "procurement.columns": "政府采购分列",
  "procurement.project-budget": "采购与项目预算",
  "procurement.project-match": "采购对应项目",
  "assets.sum": "资产合计",
};

/** The short name of a rule (its id when it has none). */
export function ruleName(id: string): string {
  return NAMES[id] ?? id;
}

/** One row of the rule table. */
export interface RuleEntry {
  rule: Rule;
  group: RuleGroup;
  /** The places of a document the rule reads (Chinese). */
  reads: string;
  /** The documents the rule applies to. */
  bases: DisclosureBasis[];
  /** Why the rule cannot run on this document (its inputs are missing), or null when it can. */
  skip?: (d: Disclosure) => string | null;
  /** Places the rule could not check on this document (Chinese), when it ran. */
  unchecked?: (d: Disclosure) => string[];
}

const BOTH: DisclosureBasis[] = ["budget", "final"];

const NO_TEXT = "文件的文字段落未保存（重新导入后可核对）";

/** Skip reasons built from a document's inputs. */
const needs = {
  texts: (d: Disclosure) => (d.texts?.length ? null : NO_TEXT),
  tables: (d: Disclosure) => (d.tables.some((t) => t.rows.length > 0) ? null : "未读出任何带数字的预算表"),
  narrative: (d: Disclosure) => (d.narrative.length > 0 ? null : "未读出情况说明中的数字"),
  facts: (keys: NarrativeKey[], what: string) => (d: Disclosure) =>
    d.narrative.some((f) => keys.includes(f.key)) ? null : `情况说明未写明${what}`,
  table: (kinds: StandardTableKind[], what: string) => (d: Disclosure) => {
    const t = d.tables.find((x) => kinds.includes(x.kind));
    if (!t) return `未读出${what}`;
    return t.rows.length > 0 ? null : `${what}「${t.title}」未读出表行`;
  },
};

/** The first reason among several, or null. */
function firstOf(...checks: Array<(d: Disclosure) => string | null>): (d: Disclosure) => string | null {
  return (d) => {
    for (const c of checks) {
      const r = c(d);
      if (r) return r;
    }
    return null;
  };
}

/** The 目录 check needs a 目录 (a 决算 without one is checked against the 决算 template). */
function tocSkip(d: Disclosure): string | null {
  const noText = needs.texts(d);
  if (noText) return noText;
  if ((d.kind === "narrative" || d.tables.length === 0) && !d.documents?.length)
    return "本文件没有表格（说明与表格分开公开时，同一年度的表格文件导入后按合并文件核对）";
  if (!tocOf(linesOf(d)) && d.basis !== "final")
    return "文件没有目录（预算表的样式因地区而异，不按模板核对）";
  return null;
}

/** Rows of one-sided tables that do not fit their header: no rule reads them. */
function misfitRows(d: Disclosure): string[] {
  return d.tables.flatMap((t) =>
    t.rows.flatMap((r) => {
      const why = rowMisfit(t, r);
      return why ? [`「${t.title}」「${rowLabel(r)}」行${why}，未核对`] : [];
    }),
  );
}

/** Every rule, in report order, with where it reads and when it applies. */
export const RULE_TABLE: RuleEntry[] = [
  {
    rule: tocTablesRule,
    group: "完整性",
    reads: "目录、表标题（无目录的决算按决算模板九张表）",
    bases: BOTH,
    skip: tocSkip,
  },
  {
    rule: emptyTableNoteRule,
    group: "完整性",
    reads: "各表的数字与表下注释、说明",
    bases: BOTH,
    skip: firstOf(needs.texts, (d) => (d.tables.length ? null : "未读出预算表")),
    unchecked: emptyNoteUnchecked,
  },
  {
    rule: departmentIdentityRule,
    group: "单位与年度",
    reads: "封面、标题、表格单位行、说明句首",
    bases: BOTH,
    skip: needs.texts,
  },
  {
    rule: yearIdentityRule,
    group: "单位与年度",
    reads: "封面、标题、表名、“截至…年…月…日”、说明句首",
    bases: BOTH,
    skip: firstOf(needs.texts, (d) => (d.year ? null : "文件未载明年度")),
  },
  ...tableArithmeticRules.map(
    (rule): RuleEntry => ({
      rule,
      group: "算术",
      reads: "各表的行与列",
      bases: BOTH,
      skip: needs.tables,
      unchecked: misfitRows,
    }),
  ),
  ...crossTableRules.map(
    (rule): RuleEntry => ({
      rule,
      group: "表间",
      reads: "收支总表、收入总表、支出总表、财政拨款表、基本支出表、三公表",
      bases: BOTH,
      skip: (d) => (d.tables.filter((t) => t.rows.length > 0).length >= 2 ? null : "读出带数字的表少于两张"),
      unchecked: misfitRows,
    }),
  ),
  {
    rule: narrativeTableRule,
    group: "说明与数字",
    reads: "情况说明的金额与对应表格单元格",
    bases: BOTH,
    skip: needs.narrative,
    unchecked: narrativeScopeUnchecked,
  },
  {
    rule: operatingCostRule,
    group: "说明与数字",
    reads: "情况说明机关运行经费、基本支出表公用经费",
    bases: BOTH,
    skip: needs.facts(["operating_cost"], "机关运行经费"),
  },
  {
    rule: narrativeArithmeticRule,
    group: "说明与数字",
    reads: "情况说明的总数与分项",
    bases: BOTH,
    skip: needs.narrative,
  },
  {
    rule: changeRule,
    group: "说明与数字",
    reads: "情况说明中“比上年增加/减少、增长/下降”的句子",
    bases: BOTH,
    skip: (d) => (d.narrative.some((f) => f.change) ? null : "情况说明未写明与上年比较的增减"),
  },
  {
    rule: shareRule,
    group: "说明与数字",
    reads: "情况说明中“占 Z%”的句子及其总数",
    bases: BOTH,
    skip: (d) => (d.narrative.some((f) => f.share != null) ? null : "情况说明未写明占比"),
  },
  {
    rule: finalVsBudgetRule,
    group: "说明与数字",
    reads: "决算说明中列有预算数、决算数的段落",
    bases: ["final"],
    skip: needs.texts,
  },
  {
    rule: finalVsTableRule,
    group: "说明与数字",
    reads: "决算说明中的支出决算数、年初／全年预算数，一般公共预算财政拨款支出决算表",
    bases: ["final"],
    skip: firstOf(needs.table(["一般公共预算财政拨款支出表"], "一般公共预算财政拨款支出决算表"), (d) =>
      d.narrative.some((f) => f.prior) ? null : "情况说明未写明支出决算与预算数",
    ),
  },
  ...sangongRules.map(
    (rule): RuleEntry => ({
      rule,
      group: "三公",
      reads: rule.id === "sangong.table" ? "三公经费表" : "情况说明的三公经费及其分项",
      bases: BOTH,
      skip:
        rule.id === "sangong.table"
          ? needs.table(["三公经费支出表", "三公经费和机关运行经费表"], "三公经费表")
          : (d) => (d.narrative.some((f) => f.key.startsWith("sangong.")) ? null : "情况说明未写明三公经费"),
    }),
  ),
  ...projectRules.map(
    (rule): RuleEntry => ({
      rule,
      group: "项目",
      reads: "项目绩效目标表",
      bases: ["budget"],
      skip: (d) => (d.projects.length ? null : "文件没有项目绩效目标表"),
    }),
  ),
  ...procurementRules.map(
    (rule): RuleEntry => ({
      rule,
      group: "政府采购",
      reads: "政府采购预算表",
      bases: ["budget"],
      skip: (d) => (d.procurement.length ? null : "文件没有政府采购预算表"),
    }),
  ),
  ...assetRules.map(
    (rule): RuleEntry => ({
      rule,
      group: "资产",
      reads: "国有资产占用表",
      bases: BOTH,
      skip: (d) => (d.assets.length ? null : "文件没有国有资产占用表"),
    }),
  ),
];

/** How one rule fared on a document. */
export interface RuleRun {
  id: string;
  name: string;
  description: string;
  severity: Exclude<Severity, "rounding">;
  group: RuleGroup;
  reads: string;
  status: "ran" | "skipped";
  /** Why it was skipped. */
  reason?: string;
  /** Places it could not check although it ran. */
  unchecked: string[];
}

/** The rule set of a document's basis: which rules run, which are skipped and why. */
export function ruleReport(d: Disclosure): RuleRun[] {
  const basis = d.basis ?? "budget";
  return RULE_TABLE.map((e) => {
    const base = {
      id: e.rule.id,
      name: ruleName(e.rule.id),
      description: e.rule.description,
      severity: e.rule.severity,
      group: e.group,
      reads: e.reads,
    };
    if (!e.bases.includes(basis))
      return {
        ...base,
        status: "skipped",
        reason: `不适用于${basis === "final" ? "决算" : "预算"}`,
        unchecked: [],
      };
    const why = e.skip?.(d) ?? null;
    if (why) return { ...base, status: "skipped", reason: why, unchecked: [] };
    return { ...base, status: "ran", unchecked: e.unchecked?.(d) ?? [] };
  });
}

/** The rules that run on a document. */
export function rulesFor(d: Disclosure): Rule[] {
  const ran = new Set(
    ruleReport(d)
      .filter((r) => r.status === "ran")
      .map((r) => r.id),
  );
  return RULE_TABLE.filter((e) => ran.has(e.rule.id)).map((e) => e.rule);
}
