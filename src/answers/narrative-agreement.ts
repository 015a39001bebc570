/**
 * When an answer shows a figure from a table and the 情况说明 states the same fact, say whether
 * the two agree: "情况说明（第19页）所述收入预算总计 15897.44 万元，与表列一致", or both figures when
 * they differ (the document contradicts itself). Pure.
 */
import { factOf } from "../domain/lookup.js";
import { sourceLabel } from "../domain/places.js";
import type { Disclosure, Figure, NarrativeKey } from "../domain/types.js";
import { showFigure } from "./format.js";

const sameSource = (a: Figure, b: Figure) => a.source.file === b.source.file && a.source.line === b.source.line;

/**
 * Notes comparing each shown figure with the narrative's statement of the same key. A figure that
 * is itself the narrative's (or a key the narrative does not state, or a change figure) gives no note.
 */
export function narrativeAgreement(
  doc: Disclosure,
  shown: Array<[NarrativeKey, Figure | null | undefined]>,
): string[] {
  const notes: string[] = [];
  for (const [key, figure] of shown) {
    const fact = factOf(doc, key);
    if (!figure || !fact || fact.direction !== null || fact.subject) continue;
    if (sameSource(figure, fact.figure) || fact.figure.fen === null || figure.fen === null) continue;
    const said = `情况说明（${sourceLabel(fact.figure.source)}）所述${fact.label} ${showFigure(fact.figure)} ${fact.figure.unit}`;
    notes.push(
      fact.figure.fen === figure.fen
        ? `${said}，与表列一致`
        : `${said}，与表列 ${showFigure(figure)} ${figure.unit}（${sourceLabel(figure.source)}）不一致`,
    );
  }
  return notes;
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
  more: Array<[NarrativeKey, Figure | null | undefined]>,
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
 * Notes for a 基本支出 (经济分类) table answer: 人员经费 and 公用经费 as the 情况说明 states them when
 * the table has no such columns, and whether its 基本支出 agrees with the table's total.
 */
export function basicNarrativeNotes(doc: Disclosure, columns: string[], total: Figure | null | undefined): string[] {
  const notes = narrativeAgreement(doc, [["expense.basic", total]]);
  const split = columns.some((c) => /人员经费|公用经费/.test(c));
  if (!split) {
    for (const key of ["expense.personnel", "expense.public"] as const) {
      const also = narrativeAlso(doc, key);
      if (also) notes.push(also);
    }
  }
  return notes;
}
