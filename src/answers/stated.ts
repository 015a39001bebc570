/**
 * Answers from figures as stated (原文列示): when a /budget word names no topic and no table row,
 * every figure the document states under that word is still found — a 情况说明 fact whose label or
 * 功能分类 subject carries the word, or a stated figure no reader classified (its label is the
 * document's own clause). The reply says which are which. Pure: no I/O.
 */

import { sourceLabel } from "../domain/places.js";
import { departmentSentence, squash } from "../domain/text.js";
import type { Disclosure, Figure, NotApplicableFact, Source } from "../domain/types.js";
import type { Reply } from "../reply/reply.js";
import { paginate, uniqueSources } from "./format.js";
import { type Cell, moneyTable } from "./units.js";

/** One figure found for a word: what the document calls it, the figure, how it was read, its context. */
export interface StatedHit {
  label: string;
  figure: Figure;
  /** "classified": a 情况说明 fact; "stated": a figure as stated, not classified. */
  how: "classified" | "stated";
  /** The sentence (or table and row) the figure is stated in. */
  context: string;
  source: Source;
}

/** The characters that vary between wordings of one name (事业单位运行经费 / 事业运行经费, 住房的公积金). */
function key(text: string): string {
  return squash(text)
    .replace(/[（(](?:类|款|项)[)）]/g, "")
    .replace(/[“”"‘’'（）()]/g, "")
    .replace(/单位|的/g, "");
}

/** Every figure of the document whose label (or subject) contains the word, in document order. */
export function statedHits(doc: Disclosure, word: string): StatedHit[] {
  const q = key(word);
  if (q.length < 2) return [];
  const hits: StatedHit[] = [];
  for (const f of doc.narrative) {
    if (f.direction !== null) continue;
    const name = f.subject ?? f.label;
    if (!key(name).includes(q)) continue;
    hits.push({
      label: name,
      figure: f.figure,
      how: "classified",
      context: f.sentence,
      source: f.figure.source,
    });
  }
  for (const s of doc.stated) {
    if (!key(s.label).includes(q)) continue;
    hits.push({
      label: s.label,
      figure: s.figure,
      how: "stated",
      context: s.context,
      source: s.figure.source,
    });
  }
  return hits;
}

/** The 不适用 facts whose label contains the word. */
export function notApplicableHits(doc: Disclosure, word: string): NotApplicableFact[] {
  const q = key(word);
  if (q.length < 2) return [];
  return doc.notApplicable.filter((n) => key(n.label).includes(q));
}

/** Inputs of a stated-figure answer. */
export interface StatedAnswerInput {
  doc: Disclosure;
  word: string;
  heading: string;
  page: number;
  commandFor: (page: number) => string;
  pageSize?: number;
}

/** The reply listing the figures found for a word, or null when the document states none. */
export function statedAnswer(input: StatedAnswerInput): Reply | null {
  const hits = statedHits(input.doc, input.word);
  const na = notApplicableHits(input.doc, input.word);
  if (hits.length === 0 && na.length === 0) return null;
  const paged = paginate(hits, input.page, input.commandFor, input.pageSize);
  // Each figure as printed, in its own unit (in the header when all share one), with its place.
  const rows: Cell[][] = paged.rows.map((h) => [
    h.how === "stated" ? `${h.label}（原文列示）` : h.label,
    { figure: h.figure },
    `${h.source.section} ${sourceLabel(h.source)}`,
  ]);
  for (const n of na)
    rows.push([n.label, { figure: null, text: "不适用" }, `${n.source.section} ${sourceLabel(n.source)}`]);
  const stated = hits.some((h) => h.how === "stated");
  const notes = [
    stated
      ? "标“原文列示”的数字为文件原文所列、未归入标准科目的数字：名称取自原文语句，未作分类核对。"
      : "以上数字取自情况说明。",
  ];
  if (na.length) notes.push(`不适用：${na.map((n) => `“${departmentSentence(n.sentence)}”`).join("；")}`);
  return {
    heading: input.heading,
    text: paged.rows.length === 1 && paged.rows[0] ? [paged.rows[0].context] : undefined,
    table: moneyTable(
      [
        { header: "项目", align: "left" },
        { header: "金额", align: "right" },
        { header: "出处", align: "left" },
      ],
      rows,
    ),
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
    notes,
    sources: uniqueSources([...paged.rows.map((h) => h.source), ...na.map((n) => n.source)]),
    kind: "answer",
  };
}
