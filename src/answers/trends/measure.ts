/**
 * What a trend or a ranking measures, and reading it from one department-year: the headline
 * figures through the shared readers (domain/lookup.ts: tables by meaning, the 情况说明 where the
 * tables state none), a 功能分类 类 by code or name (domain/table-figures.ts `functionClasses`,
 * the narrative's per-class lines otherwise), its fund scope, 不适用 with its sentence, and a
 * prior-year figure a document states (上年预算数, 上年执行数). Pure.
 */
import { narrativeClasses } from "../narrative-classes.js";
import { cellOf, factOf, tableOrFact } from "../../domain/lookup.js";
import { functionClasses, type TableTopic } from "../../domain/table-figures.js";
import { squash } from "../../domain/text.js";
import type {
  Disclosure,
  Figure,
  FundScope,
  NarrativeKey,
  NotApplicableFact,
  PriorBasis,
} from "../../domain/types.js";
import { NARRATIVE_LABELS } from "../../domain/narrative-labels.js";

/** The headline figures a trend or ranking can measure (topics the shared readers read). */
export const HEADLINE_MEASURES = [
  ...(["total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"] as const).map(
    (part) => `sangong.${part}` as const,
  ),
  "operating_cost",
  ...(["income.total", "expense.total", "expense.basic", "expense.project"] as const),
] satisfies TableTopic[];

/** One headline measure. */
export type HeadlineMeasure = (typeof HEADLINE_MEASURES)[number];

/** A headline figure, or a 功能分类 类 named by its code (`201`) or its name (`一般公共服务`). */
export type Measure = { kind: "headline"; key: HeadlineMeasure } | { kind: "class"; class: string };

/** Totals named as both a 预算 and a 决算 call them (the narrative's labels say 预算合计). */
const TOTAL_LABELS: Partial<Record<HeadlineMeasure, string>> = {
  "income.total": "收入总计",
  "expense.total": "支出总计",
};

/** The measure's name shown to users ("“三公”经费", "功能分类“201”"). */
export function measureLabel(m: Measure): string {
  return m.kind === "headline" ? (TOTAL_LABELS[m.key] ?? NARRATIVE_LABELS[m.key]) : `功能分类“${m.class}”`;
}

/** Scope words shown to users. */
export const SCOPE_WORDS: Record<FundScope, string> = {
  fiscal: "财政拨款",
  general: "一般公共预算",
  all: "全部资金",
};

/** One department-year's reading of a measure. */
export interface Reading {
  /** The figure as the document prints it; null when not stated (未列示) or 不适用. */
  figure: Figure | null;
  /** Set when the document says the measure does not apply (shown as 不适用, never 0 or 未列示). */
  notApplicable: NotApplicableFact | null;
  /** Whose money the figure counts, when the document says (table title or its sentence). */
  scope: FundScope | null;
  /** The row's own name (a 功能分类 类 read by code), when it differs from the measure's label. */
  name: string | null;
}

/** The scope a table title or sentence names: 一般公共预算, 财政拨款, or null when it names none. */
export function scopeOfText(text: string): FundScope | null {
  if (/一般公共预算/.test(text)) return "general";
  if (/财政拨款/.test(text)) return "fiscal";
  return null;
}

function headlineReading(doc: Disclosure, key: HeadlineMeasure): Reading {
  const figure = tableOrFact(doc, key);
  const fact = factOf(doc, key as NarrativeKey);
  const notApplicable = figure ? null : (doc.notApplicable.find((n) => n.key === key) ?? null);
  // A table's title names its scope (`…支出预算表（一般公共预算）`), a 收支/支出总表 total counts
  // all funds; a figure from the 情况说明 has its sentence's scope.
  const fromFact = !!fact && fact.figure === figure;
  const scope = !figure
    ? null
    : fromFact
      ? (fact.scope ?? scopeOfText(fact.sentence))
      : (scopeOfText(figure.source.section) ??
        (/^(income|expense)\./.test(key) ? "all" : (fact?.scope ?? null)));
  return { figure, notApplicable, scope, name: null };
}

const bare = (name: string) =>
  squash(name)
    .replace(/[“”"（()）类]/g, "")
    .replace(/支出$/, "");

function classReading(doc: Disclosure, wanted: string): Reading {
  const q = bare(wanted);
  const hit = functionClasses(doc.tables).find(
    ({ row }) => row.code === wanted.trim() || bare(row.name) === q,
  );
  if (hit) {
    const figure =
      cellOf(hit.row, /^(合计|金额|决算数|本年支出合计)$/) ??
      Object.values(hit.row.values).find((v) => v) ??
      null;
    const scope = hit.table.kind === "一般公共预算财政拨款支出表" ? "general" : "all";
    return { figure, notApplicable: null, scope, name: hit.row.name };
  }
  // No 功能分类 table: the 情况说明's per-class line, by name.
  const fact = narrativeClasses(doc).find((f) => bare(f.subject ?? "") === q);
  return {
    figure: fact?.figure ?? null,
    notApplicable: null,
    scope: fact?.scope ?? (fact ? scopeOfText(fact.sentence) : null),
    name: fact?.subject?.replace(/[“”"]/g, "") ?? null,
  };
}

/** Read a measure from one department-year (a combined view or one document). */
export function readMeasure(doc: Disclosure, m: Measure): Reading {
  return m.kind === "headline" ? headlineReading(doc, m.key) : classReading(doc, m.class);
}

/** A figure a document states for the year before its own (上年预算数, 上年执行数), if any. */
export interface PriorReading {
  basis: Extract<PriorBasis, "budget" | "execution">;
  year: number;
  figure: Figure;
  scope: FundScope | null;
}

/** The prior-year figure a document states for a headline measure, when its year is known. */
export function priorReading(doc: Disclosure, m: Measure): PriorReading | null {
  if (m.kind !== "headline" || doc.year === null) return null;
  const fact = doc.narrative.find(
    (f) =>
      f.key === m.key &&
      f.prior &&
      (f.prior.basis === "budget" || f.prior.basis === "execution") &&
      !f.subject,
  );
  const prior = fact?.prior;
  if (!fact || !prior || (prior.basis !== "budget" && prior.basis !== "execution")) return null;
  return {
    basis: prior.basis,
    year: prior.year ?? doc.year - 1,
    figure: prior.figure,
    scope: fact.scope ?? null,
  };
}
