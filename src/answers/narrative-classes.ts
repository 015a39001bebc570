/**
 * 功能分类 classes (类) as the 情况说明 states them ("一般公共服务（类）10,271.56万元"): shown by the
 * 支出 answer of a department-year that has no 功能分类 table, each with its sentence's page. Pure.
 */
import { sourceLabel } from "../domain/places.js";
import type { Disclosure, NarrativeFact } from "../domain/types.js";
import type { Reply } from "../reply/reply.js";
import { showFigure, uniqueSources } from "./format.js";

const CLASS = /[（(]类[)）]/;
const BELOW = /[（(](?:款|项)[)）]/;

/** The narrative's per-class lines (a 类 without 款/项), first statement of each class, in document order. */
export function narrativeClasses(doc: Disclosure): NarrativeFact[] {
  const seen = new Set<string>();
  const out: NarrativeFact[] = [];
  for (const f of doc.narrative) {
    if (f.key !== "expense.subject" || f.direction !== null || !f.subject) continue;
    if (!CLASS.test(f.subject) || BELOW.test(f.subject)) continue;
    const name = f.subject.replace(/[“”"]/g, "");
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(f);
  }
  return out;
}

/**
 * Add the narrative's per-class lines to a 支出 reply built from the 情况说明 (no 功能分类 table):
 * one row per class, and a note naming the pages they are stated on. Returns the reply unchanged
 * when the narrative states no class.
 */
export function withNarrativeClasses(reply: Reply, doc: Disclosure): Reply {
  const classes = narrativeClasses(doc);
  if (classes.length === 0 || reply.kind !== "answer" || !reply.table) return reply;
  const rows = [...reply.table.rows];
  rows.push(["功能分类：", ""]);
  for (const f of classes) rows.push([`　${f.subject?.replace(/[“”"]/g, "")}`, showFigure(f.figure)]);
  const pages = [...new Set(classes.map((f) => sourceLabel(f.figure.source)))];
  return {
    ...reply,
    table: { ...reply.table, rows },
    notes: [...(reply.notes ?? []), `功能分类各类支出取自情况说明（${pages.join("、")}），该文件没有功能分类预算表`],
    sources: uniqueSources([...(reply.sources ?? []), ...classes.map((f) => f.figure.source)]),
  };
}
