/**
 * 功能分类 classes (类) as the 情况说明 states them ("一般公共服务（类）10,271.56万元"): shown by the
 * 支出 answer of a department-year that has no 功能分类 table, each with its sentence's page. Pure.
 */
import { sourceLabel } from "../domain/places.js";
import type { Disclosure, NarrativeFact, StandardTable } from "../domain/types.js";
import type { Reply } from "../reply/reply.js";
import { showFigure, uniqueSources } from "./format.js";
import { agreementWords } from "./narrative-agreement.js";

const CLASS = /[（(]类[)）]/;
const BELOW = /[（(](?:款|项)[)）]/;

/** The narrative's per-class lines (a 类 without 款/项, marked or not), first statement of each class, in document order. */
export function narrativeClasses(doc: Disclosure): NarrativeFact[] {
  const seen = new Set<string>();
  const out: NarrativeFact[] = [];
  for (const f of doc.narrative) {
    if (f.key !== "expense.subject" || f.direction !== null || !f.subject) continue;
    // A 类 line, marked (“…（类）”) or named alone (“一般公共服务支出”), never a 款 or 项.
    if (BELOW.test(f.subject) || (!CLASS.test(f.subject) && /[（(]/.test(f.subject))) continue;
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
    notes: [
      ...(reply.notes ?? []),
      `功能分类各类支出取自情况说明（${pages.join("、")}），该文件没有功能分类预算表`,
    ],
    // The reply's own sources already cite their places; add the classes' sections not cited yet.
    sources: [
      ...(reply.sources ?? []),
      ...uniqueSources(classes.map((f) => f.figure.source)).filter(
        (c) => !(reply.sources ?? []).some((r) => r.file === c.file && r.section === c.section),
      ),
    ],
  };
}

const bare = (name: string) =>
  name
    .replace(/[“”"\s]/g, "")
    .replace(/[（(]类[)）]/g, "")
    .replace(/支出$/, "");

/**
 * Notes comparing the narrative's per-class lines with the 功能分类 table's class rows of the same
 * name (agree, or both figures when they differ); a class the table does not list is noted as 另列.
 */
export function classAgreementNotes(doc: Disclosure, t: StandardTable): string[] {
  const notes: string[] = [];
  for (const f of narrativeClasses(doc)) {
    const name = bare(f.subject ?? "");
    const row = t.rows.find((r) => (r.level ?? 1) === 1 && bare(r.name) === name);
    const cell = row
      ? Object.hasOwn(row.values, "合计")
        ? row.values.合计
        : Object.values(row.values)[0]
      : null;
    const said = `情况说明（${sourceLabel(f.figure.source)}）所述${f.subject?.replace(/[“”"]/g, "")} ${showFigure(f.figure)} ${f.figure.unit}`;
    // 表中未列该类 only when the table has no such class row; a row with a blank cell is 未列示.
    if (!row) notes.push(`${said}（表中未列该类）`);
    else if (!cell || cell.fen === null || f.figure.fen === null) notes.push(`${said}（表中该类金额未列示）`);
    else notes.push(`${said}，${agreementWords(f.figure, cell)}`);
  }
  return notes;
}
