/**
 * 情况说明 vs tables: a figure stated in the narrative must match the table that prints it;
 * and the narrative's own parts must add up to its totals.
 */

import { factInScope } from "../domain/lookup.js";
import { squash } from "../domain/text.js";
import type { Disclosure, FundScope, NarrativeKey } from "../domain/types.js";
import { type Amount, amountOf, compareAmounts, present, sumAmount } from "./compare.js";
import { type Locate, sideCell, totalCell } from "./cross-table.js";
import { factAmount, factOf } from "./narrative.js";
import { SANGONG_SUBTOTAL } from "./sangong.js";
import { bare, cellAmount, mainColumn, orderedColumns, rowNamed, tableOf } from "./tables.js";
import type { Finding, Rule } from "./types.js";

const SANGONG = "三公经费支出表";

/**
 * A row of the 三公 table by bare name, 合计 column. A 决算 三公 table prints 预算数 and 决算数 side by
 * side: a 决算's narrative is compared with the 决算数 column only, never with a 预算 column (when
 * no column names 决算, the cell is not read).
 */
function sangongCell(row: RegExp): Locate {
  return (d) => {
    const t = tableOf(d, SANGONG);
    const r = t && rowNamed(t, row);
    if (!t || !r) return null;
    const columns = orderedColumns(t, r);
    if (d.basis === "final" && columns.some((c) => /预算|决算/.test(c))) {
      const final = columns.filter((c) => /决算/.test(c));
      return cellAmount(t, r, final.find((c) => /合计|^决算数$/.test(squash(c))) ?? final[0]);
    }
    return cellAmount(t, r, mainColumn(t, r));
  };
}

/** The procurement 合计 row's 合计 column. */
const procurementTotal: Locate = (d) => {
  const r = d.procurement.find((p) => p.kind === "total");
  if (!r) return null;
  const key = Object.keys(r.amounts).find((k) => squash(k) === "合计") ?? Object.keys(r.amounts)[0];
  return key === undefined ? null : amountOf(`政府采购预算表「合计」`, r.amounts[key]);
};

/**
 * The procurement table's category row of a 品目 class (一、货物A, 二、工程B, 三、服务C, as the grouped
 * layout prints them), its 合计 / 总计 column.
 */
function procurementCategory(noun: "货物" | "工程" | "服务"): Locate {
  const name = new RegExp(`^${noun}类?[A-Z]?$`);
  return (d) => {
    const r = d.procurement.find(
      (p) => p.kind === "subtotal" && name.test(bare(p.item ?? p.projectName ?? "")),
    );
    if (!r) return null;
    const keys = Object.keys(r.amounts);
    const key = keys.find((k) => /^(合计|总计)$/.test(squash(k))) ?? keys[0];
    return key === undefined
      ? null
      : amountOf(`政府采购预算表「${r.item ?? r.projectName}」`, r.amounts[key]);
  };
}

/** The asset table's 资产总额 (or 合计) row. */
const assetTotal: Locate = (d) => {
  const r = d.assets.find((a) => /^(资产总额|合计|总计)$/.test(bare(a.name)));
  return r ? amountOf(`资产表「${r.name}」`, r.value) : null;
};

/** Narrative key → where the tables print the same figure (first located wins). */
const TARGETS: Array<[NarrativeKey, Locate[]]> = [
  ["income.total", [sideCell("收支总表", "收入", /^收入总计$/), totalCell("收入总表")]],
  ["income.general", [sideCell("收支总表", "收入", /^一般公共预算(财政)?拨款(收入)?$/)]],
  ["income.fund", [sideCell("收支总表", "收入", /^政府性基金预算(财政)?拨款(收入)?$/)]],
  ["income.state_capital", [sideCell("收支总表", "收入", /^国有资本经营预算(财政)?拨款(收入)?$/)]],
  ["income.special_account", [sideCell("收支总表", "收入", /^财政专户(管理资金|核拨)?收入$/)]],
  ["income.unit", [sideCell("收支总表", "收入", /^单位资金(收入)?$/)]],
  [
    "income.carryover",
    [sideCell("收支总表", "收入", /^上年结转(结余)?$/), totalCell("收入总表", /^上年结转/)],
  ],
  ["expense.total", [sideCell("收支总表", "支出", /^支出总计$/), totalCell("支出总表")]],
  ["expense.personnel", [totalCell("一般公共预算财政拨款基本支出表", /人员经费/)]],
  ["expense.public", [totalCell("一般公共预算财政拨款基本支出表", /公用经费/)]],
  ["sangong.total", [sangongCell(SANGONG_SUBTOTAL), sangongCell(/^合计$/)]],
  ["sangong.abroad", [sangongCell(/^因公出国（境）费(用)?$/)]],
  ["sangong.vehicle", [sangongCell(/^公务用车购置及运(行)?维(护)?费$/)]],
  ["sangong.vehicle_purchase", [sangongCell(/^公务用车购置费$/)]],
  ["sangong.vehicle_operation", [sangongCell(/^公务用车运(行)?维(护)?费$/)]],
  ["sangong.reception", [sangongCell(/^公务接待费$/)]],
  ["procurement.total", [procurementTotal]],
  ["procurement.goods", [procurementCategory("货物")]],
  ["procurement.works", [procurementCategory("工程")]],
  ["procurement.services", [procurementCategory("服务")]],
  ["assets.fixed_total", [assetTotal]],
];

const GENERAL = "一般公共预算财政拨款支出表";

/**
 * Keys stated over a fund scope: all funds (the 支出总表) or 一般公共预算财政拨款 (its own table). A
 * statement is set against the table of its own scope only; an unscoped statement counts all funds.
 */
const SCOPED: Array<[NarrativeKey, RegExp]> = [
  ["expense.basic", /^基本支出$/],
  ["expense.project", /^项目支出$/],
];

/** One pairing of a scoped statement with a table cell, or why it was not compared. */
interface ScopedPair {
  left: Amount;
  right: Amount | null;
  /** Set when the only table cell is of another fund scope (not compared). */
  otherScope?: Amount;
}

/** Do all funds equal the 一般公共预算 ones (the 支出总表's scope is then the general table's)? */
function singleFund(d: Disclosure): boolean {
  const all = sideCell("收支总表", "支出", /^本年支出合计$/)(d) ?? factAmount(d, "expense.total");
  const general = totalCell(GENERAL)(d);
  return !!all && !!general && all.fen === general.fen;
}

/** The scoped statements of a document paired with the table cell of the same fund scope. */
function scopedPairs(d: Disclosure): ScopedPair[] {
  const out: ScopedPair[] = [];
  for (const [key, column] of SCOPED) {
    const all = totalCell("支出总表", column)(d);
    const general = totalCell(GENERAL, column)(d);
    const stated = [factOf(d, key), factInScope(d, key, ["general"])];
    stated.forEach((f, i) => {
      if (!f || (i === 0 && f.scope === "general") || (i === 0 && f.scope === "fiscal")) return;
      const left = amountOf(`情况说明「${f.label}」`, f.figure);
      if (!left) return;
      if (i === 1) out.push({ left, right: general });
      else if (all) out.push({ left, right: all });
      else if (general && singleFund(d)) out.push({ left, right: general });
      else if (general) out.push({ left, right: null, otherScope: general });
    });
  }
  return out;
}

/**
 * Statements the narrative rule did not compare because the only table printing them counts
 * another fund scope (the 情况说明's 基本支出 of all funds beside the 一般公共预算 table).
 */
export function narrativeScopeUnchecked(d: Disclosure): string[] {
  return scopedPairs(d).flatMap((p) =>
    p.otherScope
      ? [
          `${p.left.label} ${p.left.text}万元为全部资金口径，${p.otherScope.label} ${p.otherScope.text}万元只含一般公共预算财政拨款，口径不同，未比较`,
        ]
      : [],
  );
}

/** First locator that finds a figure. */
function locate(d: Disclosure, locators: Locate[]): Amount | null {
  for (const l of locators) {
    const a = l(d);
    if (a) return a;
  }
  return null;
}

/** A note for the asset comparison: what the table's 固定资产 row says. */
function assetNote(d: Disclosure): string {
  const fixed = d.assets.find((a) => bare(a.name) === "固定资产");
  const a = fixed ? amountOf("", fixed.value) : null;
  return a ? `（表中「固定资产」行为 ${a.text} 万元。）` : "";
}

/** Narrative figures agree with the tables. */
export const narrativeTableRule: Rule = {
  id: "narrative.vs-table",
  description:
    "情况说明中的数字与表格一致（收入、支出、基本支出、人员经费、公用经费、项目支出、三公经费、政府采购及其货物／工程／服务、固定资产）",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const [key, locators] of TARGETS) {
      const left = factAmount(d, key);
      if (!left) continue;
      const right = locate(d, locators);
      const note = key === "assets.fixed_total" ? assetNote(d) : undefined;
      const f = compareAmounts(left, right, { ruleId: "narrative.vs-table", severity: "error", note });
      if (f) out.push(f);
    }
    for (const p of scopedPairs(d)) {
      const f =
        p.right && compareAmounts(p.left, p.right, { ruleId: "narrative.vs-table", severity: "error" });
      if (f) out.push(f);
    }
    return out;
  },
};

/**
 * 机关运行经费 vs 公用经费 (table, else the narrative's own 公用经费). 机关运行经费 is the 公用经费 of
 * the 行政单位 and 参公事业单位: never more than the department's 公用经费, and equal to it when
 * every unit the document lists is a 行政单位. Less is expected when it also has 事业单位 (or does
 * not say), so that is no finding.
 */
export const operatingCostRule: Rule = {
  id: "narrative.operating-cost",
  description: "机关运行经费 不多于 基本支出表公用经费（机关运行经费是行政单位和参公事业单位的公用经费）",
  severity: "warning",
  run(d: Disclosure): Finding[] {
    const left = factAmount(d, "operating_cost");
    const right =
      totalCell("一般公共预算财政拨款基本支出表", /公用经费/)(d) ?? factAmount(d, "expense.public");
    const onlyAdministrative = d.units.length > 0 && d.units.every((u) => /行政单位/.test(u.nature ?? ""));
    if (left && right && left.fen < right.fen && !onlyAdministrative) return [];
    const f = compareAmounts(left, right, {
      ruleId: "narrative.operating-cost",
      severity: "warning",
      note:
        left && right && left.fen > right.fen
          ? "机关运行经费是行政单位和参公事业单位的公用经费，不应多于基本支出中的公用经费，须有说明。"
          : "本部门所列单位均为行政单位，机关运行经费应与基本支出中的公用经费相同，两者不同须有说明。",
    });
    return f ? [f] : [];
  },
};

const INCOME_PARTS: NarrativeKey[] = [
  "income.general",
  "income.fund",
  "income.state_capital",
  "income.special_account",
  "income.unit",
  "income.other",
  "income.carryover",
];

/** The sum of the stated parts as one side, labelled by the parts it has; null below two parts. */
function statedSum(d: Disclosure, parts: Array<[NarrativeKey, string]>): Amount | null {
  const stated = parts.flatMap(([k, name]) => {
    const a = factAmount(d, k);
    return a ? [{ a, name }] : [];
  });
  if (stated.length < 2) return null;
  return sumAmount(
    stated.map((p) => p.name).join(" + "),
    stated.map((p) => p.a),
  );
}

/**
 * Narrative totals vs the sum of their stated parts; `totals` are the statements the sum may
 * match (e.g. 基本支出 of all funds, or of 一般公共预算 when the parts are stated under that
 * heading). A finding only when the sum matches none of them, set against the first.
 */
function narrativeSum(totals: Array<Amount | null>, sum: Amount | null): Finding | null {
  const stated = present(totals);
  const first = stated[0];
  if (!first || !sum) return null;
  const findings = stated.map((t) =>
    compareAmounts(t, sum, { ruleId: "narrative.arithmetic", severity: "error" }),
  );
  return findings.some((f) => f === null) ? null : (findings[0] ?? null);
}

/** A scoped statement of a key (一般公共预算 or 财政拨款 基本支出) as an amount. */
function scopedAmount(d: Disclosure, key: NarrativeKey, scope: FundScope): Amount | null {
  const f = factInScope(d, key, [scope]);
  return f ? amountOf(`情况说明「${f.label}」`, f.figure) : null;
}

/** The narrative's own totals equal the sum of its parts. */
export const narrativeArithmeticRule: Rule = {
  id: "narrative.arithmetic",
  description:
    "情况说明自身：收入各项之和 = 收入总额；基本支出 + 项目支出（+ 单位预留机动经费）= 支出总额；人员经费 + 公用经费 = 基本支出",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const income = INCOME_PARTS.map((k): [NarrativeKey, string] => [k, ""]);
    const incomeSum = statedSum(d, income);
    return present([
      narrativeSum(
        [factAmount(d, "income.total")],
        incomeSum && { ...incomeSum, label: "情况说明所列各项收入之和" },
      ),
      narrativeSum(
        [factAmount(d, "expense.total")],
        statedSum(d, [
          ["expense.basic", "基本支出"],
          ["expense.project", "项目支出"],
          ["expense.reserve", "单位预留机动经费"],
        ]),
      ),
      // 人员经费 and 公用经费 are often stated under the 财政拨款 (or 一般公共预算) 基本支出 heading.
      narrativeSum(
        [
          factAmount(d, "expense.basic"),
          scopedAmount(d, "expense.basic", "general"),
          scopedAmount(d, "expense.basic", "fiscal"),
        ],
        statedSum(d, [
          ["expense.personnel", "人员经费"],
          ["expense.public", "公用经费"],
        ]),
      ),
    ]);
  },
};

/** All narrative-vs-table rules. */
export const narrativeRules: Rule[] = [narrativeTableRule, operatingCostRule, narrativeArithmeticRule];
