/**
 * Paragraphs from the text lines between tables: wrapped lines of one paragraph are joined; a
 * line that ends short of the right margin ends its paragraph, and a line that is indented,
 * starts with an enumerator (`一、` `（一）` `1.`), changes font size or follows a wide vertical
 * gap starts a new one.
 */
import { joinLineTexts, joinPieces } from "./lines.js";
import type { LaidLine } from "./page-layout.js";

/** A paragraph before it gets its place. */
export interface RawParagraph {
  text: string;
  line: number;
  y: number;
  /** The last line runs to the right margin: the paragraph may go on on the next page. */
  endsOpen: boolean;
  /** The first line starts at the left margin without an enumerator: it may continue a paragraph. */
  startsFlush: boolean;
}

const ENUMERATOR =
  /^(（[一二三四五六七八九十百\d]+）|\([一二三四五六七八九十百\d]+\)|[一二三四五六七八九十百]+、|\d+[.．、](?!\d)|[①-⑳]|第[一二三四五六七八九十]+(部分|章|节|条))/;

/** Gap (em) between two texts of one line that makes them separate paragraphs. */
const FAR_APART = 6;

/**
 * Split a line where two texts stand far apart (`编制部门：…          单位：元`): each part is
 * a paragraph of its own, marked `beside` so that no following line is joined to it.
 * Single characters spaced out (`目      录`) and a label with its value (`部门：     江苏省…`)
 * stay together.
 */
export function splitFields(line: LaidLine): LaidLine[] {
  const groups: Array<typeof line.pieces> = [];
  let prev: (typeof line.pieces)[number] | null = null;
  for (const p of line.pieces) {
    // A label (`部门：`) stays with the value printed far to its right.
    const far =
      prev &&
      p.x0 - prev.x1 > FAR_APART * Math.max(p.size, prev.size) &&
      Array.from(prev.text).length + Array.from(p.text).length > 2 &&
      !/[:：]$/.test(prev.text);
    if (!prev || far) groups.push([p]);
    else groups[groups.length - 1]?.push(p);
    prev = p;
  }
  if (groups.length < 2) return [line];
  return groups.map((pieces) => ({
    ...line,
    pieces,
    x0: Math.min(...pieces.map((p) => p.x0)),
    x1: Math.max(...pieces.map((p) => p.x1)),
    text: joinPieces(pieces),
    beside: true,
  }));
}

/** Join lines (top to bottom, one run between tables) into paragraphs. */
export function paragraphsOf(lines: LaidLine[], pageWidth: number): RawParagraph[] {
  if (!lines.length) return [];
  const body = lines.filter((l) => l.text.length >= 8);
  const right = body.length ? Math.max(...body.map((l) => l.x1)) : pageWidth * 0.88;
  const left = body.length ? Math.min(...body.map((l) => l.x0)) : pageWidth * 0.12;
  const out: Array<{ texts: string[]; line: number; y: number; first: LaidLine; last: LaidLine }> = [];
  let prev: LaidLine | null = null;
  for (const l of lines) {
    let fresh = true;
    if (prev) {
      const em = Math.max(prev.size, l.size);
      const endedShort = prev.x1 < right - 1.5 * em;
      const indented = l.x0 > left + 1.2 * em;
      const sizeChange = Math.abs(prev.size - l.size) > 0.15 * em;
      const wideGap = l.y - prev.y > 2.6 * em;
      const beside = l.beside === true || prev.beside === true;
      // A short text set off to the right (a centred title, a right-aligned `单位:万元`) is never
      // continued by the next line.
      const offset = prev.x0 > left + 1.2 * em && prev.x1 - prev.x0 < 0.5 * (right - left);
      fresh = endedShort || indented || sizeChange || wideGap || beside || offset || ENUMERATOR.test(l.text);
    }
    const current = out[out.length - 1];
    if (fresh || !current) out.push({ texts: [l.text], line: l.line, y: l.y, first: l, last: l });
    else {
      current.texts.push(l.text);
      current.last = l;
    }
    prev = l;
  }
  const full = body.length >= 3;
  return out.map((p) => ({
    text: joinLineTexts(p.texts),
    line: p.line,
    y: p.y,
    endsOpen: full && p.last.x1 >= right - 1.5 * p.last.size,
    startsFlush: full && p.first.x0 <= left + 1.2 * p.first.size && !ENUMERATOR.test(p.first.text),
  }));
}
