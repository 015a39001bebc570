/**
 * Text lines: pieces grouped by baseline (tolerance relative to the font size), sorted by x, and
 * joined into text by the size of the gap between them.
 */
import { isWide, type Piece } from "./pieces.js";

/** Pieces on one baseline, left to right. */
export interface TextLine {
  pieces: Piece[];
  /** Baseline from the top of the page (of the first piece). */
  y: number;
  /** Largest font size on the line. */
  size: number;
  x0: number;
  x1: number;
}

/** Vertical middle of a piece's glyphs (CJK glyphs sit mostly above the baseline). */
export function middleOf(p: Piece): number {
  return p.y - p.size * 0.35;
}

/** Group pieces into lines by baseline; lines come top to bottom, pieces left to right. */
export function groupLines(pieces: Piece[]): TextLine[] {
  const sorted = [...pieces].sort((a, b) => middleOf(a) - middleOf(b) || a.x0 - b.x0);
  const lines: Array<{ pieces: Piece[]; mid: number; size: number }> = [];
  for (const p of sorted) {
    const mid = middleOf(p);
    // Look back over the last few lines: items of one row may arrive out of order.
    let target: (typeof lines)[number] | undefined;
    for (let k = lines.length - 1; k >= 0 && k >= lines.length - 4; k--) {
      const line = lines[k] as (typeof lines)[number];
      if (Math.abs(line.mid - mid) <= 0.4 * Math.min(line.size, p.size)) {
        target = line;
        break;
      }
    }
    if (target) {
      target.pieces.push(p);
      target.size = Math.max(target.size, p.size);
    } else {
      lines.push({ pieces: [p], mid, size: p.size });
    }
  }
  return lines
    .map((l) => {
      const ps = l.pieces.sort((a, b) => a.x0 - b.x0);
      return {
        pieces: ps,
        y: Math.min(...ps.map((p) => p.y)),
        size: l.size,
        x0: Math.min(...ps.map((p) => p.x0)),
        x1: Math.max(...ps.map((p) => p.x1)),
      };
    })
    .sort((a, b) => a.y - b.y || a.x0 - b.x0);
}

const NUMBER_END = /[\d,.]$/;
const NUMBER_START = /^[\d,.%]/;

/**
 * Join pieces (left to right, one baseline) into text. Pieces closer than 0.15 em touch; a space
 * next to a Chinese character is dropped (producers space out CJK text); pieces of one number
 * closer than `numberGap` em are rejoined; any other gap becomes one space.
 */
export function joinPieces(pieces: Piece[], numberGap = 0.3): string {
  let text = "";
  let prev: Piece | null = null;
  for (const p of pieces) {
    if (prev) {
      const gap = p.x0 - prev.x1;
      const em = Math.max(prev.size, p.size);
      const last = Array.from(prev.text).pop() ?? "";
      const first = Array.from(p.text)[0] ?? "";
      const touching = gap < 0.15 * em;
      const cjk = isWide(last) || isWide(first);
      const number = NUMBER_END.test(prev.text) && NUMBER_START.test(p.text) && gap < numberGap * em;
      // A wide gap separates two fields on one line (`编制部门：… 单位：元`), except between the
      // single characters of a letter-spaced word (`项    目`).
      // A label and its value (`部门：      江苏省…`) read as one text.
      const field =
        gap > 2 * em &&
        !(Array.from(prev.text).length === 1 && Array.from(p.text).length === 1) &&
        !/[：:]$/.test(prev.text);
      if ((!touching && !cjk && !number) || (field && !number)) text += " ";
    }
    text += p.text;
    prev = p;
  }
  return text;
}

/** Join the text of successive lines of one paragraph or cell: no space next to CJK text. */
export function joinLineTexts(texts: string[]): string {
  let out = "";
  for (const t of texts) {
    const s = t.trim();
    if (!s) continue;
    if (out) {
      const last = Array.from(out).pop() ?? "";
      const first = Array.from(s)[0] ?? "";
      const tight =
        isWide(last) || isWide(first) || /[-/(（]$/.test(out) || (/\d$/.test(out) && /^[\d.,%]/.test(s));
      if (!tight) out += " ";
    }
    out += s;
  }
  return out;
}
