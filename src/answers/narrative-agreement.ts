/**
 * When an answer shows a figure from a table and the 情况说明 states the same fact, say whether
 * the two agree: "情况说明（第19页）所述收入预算总计 15897.44 万元，与表列一致", or both figures when
 * they differ (the document contradicts itself). Pure.
 */
import { factInScope, factOf } from "../domain/lookup.js";
import { compareAsPrinted, printedPrecision, printedStepFen } from "../domain/money.js";
import { sourceLabel } from "../domain/places.js";
import { tableFigure } from "../domain/table-figures.js";
import type { Disclosure, Figure, FundScope, NarrativeKey } from "../domain/types.js";
import { showFigure } from "./format.js";

const sameSource = (a: Figure, b: Figure) =>
  a.source.file === b.source.file && a.source.line === b.source.line;

/** A shown figure and the fact it stands for: a key, or a key counted over given fund scopes. */
export type Shown =
  | [NarrativeKey, Figure | null | undefined]
  | [NarrativeKey, Figure | null | undefined, FundScope[]];

const SCOPE_WORD: Record<FundScope, string> = {
  general: "一般公共预算财政拨款",
  fiscal: "财政拨款",
  all: "",
};

/**
 * Notes comparing each shown figure with the narrative's statement of the same key (in the given
 * fund scopes, when a table counts one fund only). A figure that is itself the narrative's, a key
 * the narrative does not state, or a change figure gives no note.
 */
export function narrativeAgreement(doc: Disclosure, shown: Shown[]): string[] {
  const notes: string[] = [];
  // One note per fact: a fact compared again with an equal figure (合计 and 小计 rows) says nothing new.
  const said = new Map<unknown, Set<string>>();
  for (const [key, figure, scopes] of shown) {
    const fact = scopes ? factInScope(doc, key, scopes) : factOf(doc, key);
    if (!figure || !fact || fact.direction !== null || fact.subject) continue;
    if (sameSource(figure, fact.figure) || fact.figure.fen === null || figure.fen === null) continue;
    // A fact looked up by scope names it: 一般公共预算财政拨款基本支出 is not the 基本支出 of all funds.
    const scoped = scopes && fact.scope && !fact.label.startsWith(SCOPE_WORD[fact.scope]);
    const label = scoped && fact.scope ? `${SCOPE_WORD[fact.scope]}${fact.label}` : fact.label;
    const words = agreementWords(fact.figure, figure);
    const before = said.get(fact) ?? new Set<string>();
    if (before.has(words)) continue;
    before.add(words);
    said.set(fact, before);
    const stated = `情况说明（${sourceLabel(fact.figure.source)}）所述${label} ${showFigure(fact.figure)} ${fact.figure.unit}`;
    notes.push(`${stated}，${words}`);
  }
  return notes;
}

/** Of two figures, the one printed to the coarser precision. */
const coarser = (a: Figure, b: Figure) =>
  (printedStepFen(a.text, a.unit) ?? 1) >= (printedStepFen(b.text, b.unit) ?? 1) ? a : b;

/**
 * How a stated figure compares with the table's: "与表列一致"; "与表列 12,121,164 元（第7页）按 0.01 万元
 * 取整一致" when the two differ only by the narrative's rounding; else both figures and "不一致".
 */
export function agreementWords(said: Figure, table: Figure): string {
  const tableText = `表列 ${showFigure(table)} ${table.unit}（${sourceLabel(table.source)}）`;
  switch (compareAsPrinted(said, table)) {
    case "exact":
      return "与表列一致";
    case "rounded":
      return `与${tableText}按 ${printedPrecision(coarser(said, table).text, coarser(said, table).unit)}取整一致`;
    case "differs":
      return `与${tableText}不一致`;
  }
}

/** A note for a narrative figure the answer has no line for (e.g. 单位预留机动经费), or null. */
export function narrativeAlso(doc: Disclosure, key: NarrativeKey): string | null {
  const fact = factOf(doc, key);
  if (!fact || fact.direction !== null || fact.subject) return null;
  return `情况说明（${sourceLabel(fact.figure.source)}）另列${fact.label} ${showFigure(fact.figure)} ${fact.figure.unit}`;
}

/** The overview's notes: each headline table figure against the narrative, and 单位预留机动经费 when stated. */
export function overviewNarrativeNotes(
  doc: Disclosure,
  h: Record<"income" | "expense" | "basic" | "project" | "sangong", Figure | null>,
  /** Further lines the overview shows from a table: 一般公共预算, 机关运行经费, 政府采购. */
  more: Shown[],
): string[] {
  const notes = narrativeAgreement(doc, [
    ["income.total", h.income],
    ["expense.total", h.expense],
    ["expense.basic", h.basic],
    ["expense.project", h.project],
    ["sangong.total", h.sangong],
    ...more,
  ]);
  const reserve = narrativeAlso(doc, "expense.reserve");
  if (reserve) notes.push(reserve);
  return notes;
}

/**
 * Notes for a 基本支出 (经济分类) table answer: its total against the 情况说明's 一般公共预算 (or
 * 财政拨款) 基本支出 — an all-funds 基本支出 is set against the 支出总表 in the overview instead, and
 * noted here only when it agrees; 人员经费 and 公用经费 against the 收支总表's 支出总计 row when
 * that table prints them; and, when the table has no such columns, the 情况说明's figures for them.
 */
export function basicNarrativeNotes(
  doc: Disclosure,
  basic: {
    columns: string[];
    total: Figure | null | undefined;
    cell: (col: RegExp) => Figure | null | undefined;
  },
): string[] {
  const notes = narrativeAgreement(doc, [["expense.basic", basic.total, ["general", "fiscal"]]]);
  const unscoped = factOf(doc, "expense.basic");
  if (
    !notes.length &&
    basic.total &&
    unscoped &&
    !unscoped.scope &&
    compareAsPrinted(unscoped.figure, basic.total) !== "differs"
  )
    notes.push(...narrativeAgreement(doc, [["expense.basic", basic.total]]));
  const split = basic.columns.some((c) => /人员经费|公用经费/.test(c));
  for (const key of ["expense.personnel", "expense.public"] as const) {
    const mine = split ? basic.cell(key === "expense.personnel" ? /^人员经费$/ : /^公用经费$/) : null;
    const summary = tableFigure(
      doc.tables.filter((t) => t.kind === "收支总表"),
      key,
    );
    if (mine && summary && !sameSource(mine, summary)) {
      const label = key === "expense.personnel" ? "人员经费" : "公用经费";
      notes.push(
        `收支总表（${sourceLabel(summary.source)}）支出总计行${label} ${showFigure(summary)} ${summary.unit}，${agreementWords(summary, mine)}`,
      );
    }
    if (!split) {
      const also = narrativeAlso(doc, key);
      if (also) notes.push(also);
    }
  }
  return notes;
}
