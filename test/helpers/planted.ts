/**
 * Planted-problem copies of a document model for /check tests: change one paragraph's words or one
 * table cell, or drop pages, and list the findings the copy raises that the original does not.
 */
import { type Finding, runChecks } from "../../src/checks/index.js";
import { sourceLabel } from "../../src/domain/places.js";
import type { DocumentModel } from "../../src/ingest/document/model.js";
import { parseDisclosure } from "../../src/ingest/parse.js";

/** An edit of a model; it throws when its target is not on the page. */
export type Edit = (m: DocumentModel) => void;

/** A copy of a model with one edit. */
export function plantedCopy(model: DocumentModel, edit: Edit): DocumentModel {
  const m = structuredClone(model);
  edit(m);
  return m;
}

/** Replace `from` with `to` in the one paragraph of `page` that holds it. */
export const inParagraph =
  (page: number, from: string, to: string): Edit =>
  (m) => {
    const hits = (m.parts[page - 1]?.blocks ?? []).filter(
      (b) => b.type === "paragraph" && b.text.includes(from),
    );
    if (hits.length !== 1) throw new Error(`${hits.length} paragraphs on page ${page} hold ${from}`);
    const p = hits[0] as { text: string };
    p.text = p.text.replace(from, to);
  };

/** Replace the text of the one table cell of `page` that reads `from` (the n-th when several do). */
export const inCell =
  (page: number, from: string, to: string, nth?: number): Edit =>
  (m) => {
    const cells = (m.parts[page - 1]?.blocks ?? []).flatMap((b) =>
      b.type === "table" ? b.rows.flatMap((r) => r.cells.filter((c) => c.text.trim() === from)) : [],
    );
    if (nth === undefined && cells.length !== 1)
      throw new Error(`${cells.length} cells on page ${page} read ${from}`);
    const cell = cells[nth ?? 0];
    if (!cell) throw new Error(`no cell ${nth} on page ${page} reads ${from}`);
    (cell as { text: string }).text = to;
  };

/** Drop everything printed on pages `from`..`to` (a table with its title, unit line and note). */
export const dropPages =
  (from: number, to: number): Edit =>
  (m) => {
    for (let p = from; p <= to; p++) (m.parts[p - 1] as { blocks: unknown[] }).blocks = [];
  };

/** The findings of a model. */
export function findingsOf(file: string, model: DocumentModel): Finding[] {
  return runChecks(parseDisclosure(model, file));
}

/** A finding as one line: severity, rule, message, pages. */
export function shown(f: Finding): string {
  const where = [f.left.source, ...(f.right ? [f.right.source] : [])].map((s) => sourceLabel(s));
  return `${f.severity} ${f.ruleId} ${f.message} @${[...new Set(where)].join("、")}`;
}

/** Findings of the planted copy that the original does not raise. */
export function newFindingsOf(file: string, model: DocumentModel, edit: Edit): string[] {
  const before = new Set(findingsOf(file, model).map(shown));
  return findingsOf(file, plantedCopy(model, edit))
    .map(shown)
    .filter((s) => !before.has(s));
}
