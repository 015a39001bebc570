/**
 * /budget answers for a 决算 (final accounts): the overview in 决算 terms (本年收入/支出合计,
 * 年初/年末结转和结余 and 总计 as printed, never one shown as the other), the budget each actual is
 * set against — the 决算's own 预算数 (三公 table, `年初预算为X万元，支出决算为Y万元`) or the same
 * year's stored 预算 document — with the execution rate, each figure cited to its own document;
 * and the wording of every other answer turned from 预算 words into 决算 words. Pure; no I/O.
 */
import { factOf, tableOrFact } from "../domain/lookup.js";
import {
  FINAL_COL,
  SANGONG_PART,
  sangongRows,
  type TableTopic,
  tableFigure,
} from "../domain/table-figures.js";
import type { Disclosure, Figure, NarrativeKey, Source } from "../domain/types.js";
import type { Reply, ReplyColumn } from "../reply/reply.js";
import { type Cell, moneyTable, showAsPrinted } from "./units.js";

/** One line of the 决算 overview: the actual, and the budget it is set against (if any). */
export interface FinalLine {
  label: string;
  actual: Figure | null;
  budget: Figure | null;
  /** Where the budget comes from: this 决算 (its own 预算数) or the same year's 预算 document. */
  budgetFrom: "final" | "budget" | null;
}

/** The overview's lines: [label, topic, whether a budget column makes sense for it]. */
const LINES: Array<[string, TableTopic, boolean]> = [
  ["本年收入合计", "income.year", false],
  ["　其中：一般公共预算财政拨款收入", "income.general", false],
  ["年初结转和结余", "income.carryover", false],
  ["收入总计", "income.total", false],
  ["本年支出合计", "expense.year", false],
  ["　基本支出", "expense.basic", true],
  ["　项目支出", "expense.project", true],
  ["　其中：一般公共预算财政拨款支出", "expense.general", true],
  ["年末结转和结余", "expense.carry_forward", false],
  ["支出总计", "expense.total", false],
  ["“三公”经费", "sangong.total", true],
  ["机关运行经费", "operating_cost", true],
];

/** The 预算数 a 决算 prints beside its own actual: 三公 table 预算数, or a sentence's 年初预算. */
function ownBudget(doc: Disclosure, topic: TableTopic): Figure | null {
  if (topic.startsWith("sangong.")) {
    const part = topic.slice("sangong.".length) as keyof typeof SANGONG_PART;
    const [re, exclude] = SANGONG_PART[part];
    const row = sangongRows(doc.tables, re, exclude).find((r) => FINAL_COL in r.values);
    const printed = row?.values["预算数"] ?? row?.values["年初预算数"] ?? null;
    if (printed) return printed;
  }
  const fact = doc.narrative.find(
    (f) => f.key === (topic as NarrativeKey) && !f.subject && f.prior && /plan|adjusted/.test(f.prior.basis),
  );
  return fact?.prior?.figure ?? null;
}

/** The figure a 预算 document states for a topic (tables first, then its 情况说明). */
function budgetOf(budgetDoc: Disclosure | undefined, topic: TableTopic): Figure | null {
  if (!budgetDoc) return null;
  return tableOrFact(budgetDoc, topic);
}

/** The lines of a 决算 overview, with the budget beside each actual where one is stated. */
export function finalLines(doc: Disclosure, budgetDoc?: Disclosure): FinalLine[] {
  const out: FinalLine[] = [];
  for (const [label, topic, compare] of LINES) {
    // 总计 and 本年合计 only from the tables: a sentence's 收入合计 may be either.
    const actual =
      topic === "income.year" ||
      topic === "expense.year" ||
      topic.endsWith("carryover") ||
      topic.endsWith("carry_forward")
        ? tableFigure(doc.tables, topic)
        : tableOrFact(doc, topic);
    if (!actual && /结转|本年|一般公共预算|机关运行/.test(label) && !LINES_ALWAYS.has(topic)) continue;
    const own = compare ? ownBudget(doc, topic) : null;
    const other = compare && !own ? budgetOf(budgetDoc, topic) : null;
    out.push({ label, actual, budget: own ?? other, budgetFrom: own ? "final" : other ? "budget" : null });
  }
  return out;
}

/** Lines shown (as 未列示) even when the 决算 does not state them: the 收支总表's own rows. */
const LINES_ALWAYS = new Set<TableTopic>([
  "income.year",
  "expense.year",
  "income.carryover",
  "expense.carry_forward",
]);

/** Execution rate actual / budget as printed percent with two decimals (exact from 分), or null. */
export function executionRate(actual: Figure | null, budget: Figure | null): string | null {
  if (actual?.fen == null || budget?.fen == null || budget.fen === 0) return null;
  const bp = (BigInt(actual.fen) * 10000n + BigInt(budget.fen) / 2n) / BigInt(budget.fen);
  const whole = bp / 100n;
  const frac = (bp % 100n).toString().padStart(2, "0");
  return `${whole}.${frac}%`;
}

/** The 决算 overview's table, notes and the sources of every figure shown. */
export function finalOverviewParts(
  doc: Disclosure,
  budgetDoc?: Disclosure,
): { table: Reply["table"]; notes: string[]; sources: Array<Source | null>; figures: Array<Figure | null> } {
  const lines = finalLines(doc, budgetDoc);
  const withBudget = lines.some((l) => l.budget);
  const columns: ReplyColumn[] = [
    { header: "项目", align: "left" },
    { header: "决算数", align: "right" },
    ...(withBudget
      ? ([
          { header: "预算数", align: "right" },
          { header: "执行率", align: "right" },
        ] as ReplyColumn[])
      : []),
  ];
  const rows: Cell[][] = lines.map((l) => [
    l.label,
    { figure: l.actual },
    ...(withBudget
      ? [
          l.budget ? { figure: l.budget } : { figure: null, text: "—" },
          executionRate(l.actual, l.budget) ?? "—",
        ]
      : []),
  ]);
  const notes: string[] = [];
  const fromBudgetDoc = lines.filter((l) => l.budgetFrom === "budget");
  if (fromBudgetDoc.length && budgetDoc)
    notes.push(
      `预算数取自${budgetDoc.year ?? ""}年预算（${budgetDoc.file}）：${fromBudgetDoc.map((l) => l.label.trim()).join("、")}；执行率 = 决算数 ÷ 预算数`,
    );
  const own = lines.filter((l) => l.budgetFrom === "final");
  if (own.length) notes.push(`预算数为本决算所列年初预算数：${own.map((l) => l.label.trim()).join("、")}`);
  const total = lines.find((l) => l.label === "收入总计")?.actual;
  const year = lines.find((l) => l.label === "本年收入合计")?.actual;
  if (total && year && total.fen !== year.fen)
    notes.push("收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余（表列总计）");
  return {
    table: moneyTable(columns, rows),
    notes,
    sources: lines.flatMap((l) => [l.actual?.source ?? null, l.budget?.source ?? null]),
    figures: lines.flatMap((l) => [l.actual, l.budget]),
  };
}

/** 预算 words in labels that a 决算 answer states in 决算 words. */
const FINAL_WORDS: Array<[RegExp, string]> = [
  [/政府采购预算/g, "政府采购金额"],
  [/政府采购(货物|工程|服务)预算/g, "政府采购$1金额"],
  [/(收入|支出)预算(合计|总计)/g, "$1决算$2"],
  [/预算(合计|总计)/g, "决算$1"],
  [/财政拨款收支预算/g, "财政拨款收支决算"],
  [/^(\s*)上年结转结余/g, "$1年初结转和结余"],
  [/^(\s*)结转下年资金/g, "$1年末结转和结余"],
  [/预算表/g, "决算表"],
];

/** A label in 决算 words (`收入预算合计` → `收入决算合计`); 一般公共预算 and 预算数 stay. */
export function inFinalWords(label: string): string {
  let out = label;
  for (const [re, to] of FINAL_WORDS) out = out.replace(re, to);
  return out;
}

/** A reply about a 决算 with every row label, column header and field label in 决算 words. */
export function finalWording(reply: Reply): Reply {
  const table = reply.table
    ? {
        ...reply.table,
        columns: reply.table.columns.map((c) => ({ ...c, header: inFinalWords(c.header) })),
        rows: reply.table.rows.map((r) => r.map((c, i) => (i <= 1 ? inFinalWords(c) : c))),
        ...(reply.table.totals
          ? { totals: reply.table.totals.map((r) => r.map((c, i) => (i <= 1 ? inFinalWords(c) : c))) }
          : {}),
      }
    : undefined;
  return {
    ...reply,
    ...(table ? { table } : {}),
    ...(reply.fields ? { fields: reply.fields.map((f) => ({ ...f, label: inFinalWords(f.label) })) } : {}),
    ...(reply.text ? { text: reply.text.map(inFinalWords) } : {}),
  };
}

/** The narrative's 决算 beside its budget for a key, e.g. for the 三公 answer's notes. */
export function planNote(doc: Disclosure, key: NarrativeKey): string | null {
  const f = factOf(doc, key);
  if (!f?.prior || !/plan|adjusted/.test(f.prior.basis)) return null;
  const word = f.prior.basis === "plan" ? "年初预算" : "全年预算";
  const rate = executionRate(f.figure, f.prior.figure);
  return `情况说明：${f.label}${word} ${showAsPrinted(f.prior.figure, true)}，决算 ${showAsPrinted(f.figure, true)}${rate ? `，执行率 ${rate}` : ""}`;
}
