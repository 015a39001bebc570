/**
 * Two-column answers built of lines (label + figure + source): a narrative fact, a table's figure, or
 * 不适用 with the sentence that says so. Used by the topics that answer from the 情况说明.
 */

import { factOf } from "../domain/lookup.js";
import { NARRATIVE_LABELS } from "../domain/narrative-labels.js";
import { departmentSentence } from "../domain/text.js";
import type { Disclosure, Figure, NarrativeKey, NotApplicableFact, Source } from "../domain/types.js";
import type { Reply, ReplyColumn } from "../reply/reply.js";
import { finish, heading } from "./finish.js";
import type { DocumentInput } from "./topic.js";
import { type MoneyCell, moneyTable } from "./units.js";

/** What a fact the document says does not apply shows as. */
export const NOT_APPLICABLE = "不适用";

export interface Line {
  label: string;
  figure: Figure | null;
  source: Source | null;
  /** The table's cell is blank and the figure is the 情况说明's (shown marked `*`). */
  fromNarrative?: boolean;
  /** Set when the document says the fact does not apply (shown as 不适用, never as 0 or 未列示). */
  notApplicable?: NotApplicableFact;
}

/** A row: label + figure, source from the figure or a fallback. */
export function line(label: string, figure: Figure | null | undefined, fallback?: Source): Line {
  return { label, figure: figure ?? null, source: figure?.source ?? fallback ?? null };
}

/**
 * A narrative fact key with its label from the one table of labels (domain/narrative-labels.ts), optionally
 * indented ("　" or "　其中：") under the row above.
 */
export function labelled(key: NarrativeKey, prefix = ""): [NarrativeKey, string] {
  return [key, `${prefix}${NARRATIVE_LABELS[key]}`];
}

/** A narrative row: the stated figure, else 不适用 with its sentence, else 未列示. */
export function factLine(doc: Disclosure, key: NarrativeKey, label: string): Line {
  const f = factOf(doc, key);
  if (f) return line(label, f.figure);
  const na = doc.notApplicable.find((n) => n.key === key);
  return na ? { label, figure: null, source: na.source, notApplicable: na } : line(label, null);
}

/** The money cell of a row's figure (不适用 when the document says it does not apply). */
export function cell(l: Line): MoneyCell {
  if (l.notApplicable) return { figure: null, text: NOT_APPLICABLE };
  return l.fromNarrative ? { figure: l.figure, mark: "*" } : { figure: l.figure };
}

/** Notes quoting the sentences that make rows 不适用. */
export function notApplicableNotes(lines: Line[]): string[] {
  const na = lines.flatMap((l) => (l.notApplicable ? [l.notApplicable] : []));
  return na.length
    ? [`${NOT_APPLICABLE}：文件说明“${na.map((n) => departmentSentence(n.sentence)).join("”“")}”`]
    : [];
}

export const TWO_COLS: ReplyColumn[] = [
  { header: "项目", align: "left" },
  { header: "金额", align: "right" },
];

export function missing(input: DocumentInput, what: string): Reply {
  const has: string[] = [];
  const d = input.doc;
  if (d.tables.length) has.push("预算表");
  if (d.narrative.length) has.push("情况说明");
  if (d.projects.length) has.push(`绩效目标表 ${d.projects.length} 个`);
  if (d.procurement.length) has.push("政府采购");
  if (d.assets.length) has.push("国有资产");
  return {
    heading: heading(d, input.title),
    text: [`该文件未列示${what}。`, has.length ? `该文件包含：${has.join("、")}` : "该文件没有可查询的内容"],
    sources: [{ file: d.file, section: "全文", line: 1 }],
    kind: "answer",
  };
}

/**
 * The narrative's figures for some keys as a two-column table. `compare` rows (e.g. a table's figure
 * to compare with) are shown after them and cited, but not checked for ⚠ notes.
 */
export function narrativeTable(
  input: DocumentInput,
  keys: Array<[NarrativeKey, string]>,
  what: string,
  compare: Line[] = [],
): Reply {
  const lines = keys.map(([k, label]) => factLine(input.doc, k, label));
  if (lines.every((l) => !l.figure && !l.notApplicable)) return missing(input, what);
  return linesReply(input, lines, compare, cell, ["数字取自情况说明", ...notApplicableNotes(lines)]);
}

/** A two-column reply: the answer's lines, then the compared lines, each with its source. */
export function linesReply(
  input: DocumentInput,
  lines: Line[],
  compare: Line[],
  toCell: (l: Line) => MoneyCell,
  notes?: string[],
): Reply {
  const all = [...lines, ...compare];
  const reply: Reply = {
    heading: heading(input.doc, input.title),
    table: moneyTable(
      TWO_COLS,
      all.map((l) => [l.label, toCell(l)]),
    ),
  };
  if (notes) reply.notes = notes;
  return finish(input, reply, {
    sources: all.map((l) => l.source),
    figures: lines.map((l) => l.figure),
    compared: compare.map((l) => l.figure),
  });
}
