/**
 * The document's words for the rules that read them: the 目录 and its entries, title-like lines
 * (cover, headings, table titles, unit lines) and sentences, each with its source.
 */
import { squash } from "../domain/text.js";
import type { Disclosure, DocumentText, Source } from "../domain/types.js";
import type { FindingSide } from "./types.js";

/** A 目录 entry or heading: 第一部分, 一、, （一）, 1. / 1．, 表一, 公开01表. */
const ENTRY_START =
  /^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|表[一二三四五六七八九十\d]+|公开\d+表)/;

/** Dot leaders and the page number a 目录 line ends with. */
const LEADER = /[.．…·\-—_\s]{2,}\d*$|[.．…·]+\d*$|\s+\d+$/;

/** A text of the document with a squashed copy. */
export interface Line {
  text: string;
  flat: string;
  source: Source;
  /** Index in d.texts. */
  index: number;
}

/** The document's paragraphs as lines; empty when the document did not keep them. */
export function linesOf(d: Disclosure): Line[] {
  return (d.texts ?? []).map((t: DocumentText, index) => ({
    text: t.text,
    flat: squash(t.text),
    source: t.source,
    index,
  }));
}

/** The PDF page of a line, when it has one. */
export function pageOf(l: { source: Source }): number | null {
  const p = l.source.place;
  return p && p.kind === "page" ? p.page : null;
}

/** A side of a finding that quotes words (no amount). */
export function wordSide(label: string, text: string, source: Source): FindingSide {
  return { label, text, fen: null, source: { ...source, section: source.section || label } };
}

/** The 目录: its heading line and its entries (dot leaders and page numbers removed, broken lines joined). */
export interface Toc {
  heading: Line;
  entries: Line[];
  /** Index in d.texts of the first line after the 目录. */
  end: number;
}

/** Strip an entry's leader and page number. */
export function entryText(flat: string): string {
  return flat.replace(LEADER, "").replace(/[.．…·]+$/, "");
}

/**
 * The 目录 of the document, or null when it prints none. It runs from the line "目录" to the line
 * where the body repeats its first entry (or a sentence, or two pages on); a line that does not
 * start like an entry continues the one before (a title broken over two lines).
 */
export function tocOf(lines: Line[]): Toc | null {
  const at = lines.findIndex((l) => /^目录$/.test(l.flat));
  const heading = lines[at];
  if (!heading) return null;
  const entries: Line[] = [];
  const firstPage = pageOf(heading);
  let i = at + 1;
  for (; i < lines.length; i++) {
    const l = lines[i] as Line;
    const flat = entryText(l.flat);
    const first = entries[0];
    if (first && flat === first.flat) break;
    const page = pageOf(l);
    if (firstPage !== null && page !== null && page > firstPage + 1) break;
    if (flat.length > 60 || /[。；]/.test(flat)) break;
    const last = entries[entries.length - 1];
    if (last && !ENTRY_START.test(flat) && !/^说明$/.test(flat) && last.flat.length + flat.length < 70) {
      entries[entries.length - 1] = { ...last, text: last.text + l.text, flat: last.flat + flat };
      continue;
    }
    if (ENTRY_START.test(flat) || /表$/.test(flat)) entries.push({ ...l, flat });
  }
  return { heading, entries, end: i };
}

/** The core of a table title for matching a 目录 entry with the title: no enumerator, year, 部门/单位, 支出, brackets. */
export function titleCore(flat: string): string {
  return entryText(flat)
    .replace(ENTRY_START, "")
    .replace(/^\d+[.．、]?/, "")
    .replace(/(19|20)\d{2}年度?/g, "")
    .replace(/[（(][^）)]*[)）]/g, "")
    .replace(/[“”"‘’]/g, "")
    .replace(/部门|单位|预算单位|支出|公开/g, "")
    .replace(/^[：:]/, "");
}

/** Split a paragraph into sentences (。；! ?), keeping the source of the paragraph. */
export function sentencesOf(lines: Line[]): Line[] {
  return lines.flatMap((l) =>
    l.text
      .split(/(?<=[。；;！？])/)
      .map((s) => s.trim())
      .filter((s) => s !== "")
      .map((s) => ({ ...l, text: s, flat: squash(s) })),
  );
}
