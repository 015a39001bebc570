/**
 * Filling a ruled grid with text: each piece goes to the cell under its middle; a piece that
 * crosses a drawn column line (cells glued by the producer) is split there at the estimated
 * character positions, except inside a number (an amount overflowing its cell stays whole); the
 * lines inside one cell are joined.
 */
import { cellsOf, type Grid, type GridCell } from "./grids.js";
import { groupLines, joinLineTexts, joinPieces, middleOf } from "./lines.js";
import type { Piece } from "./pieces.js";

/** A cell with its column edges and whether its text runs to the right border (wrapped). */
export interface RawCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  x0: number;
  x1: number;
  /** The last text line reaches the cell's right border: the text may go on in the next row. */
  full: boolean;
  /** The text starts within 1 em of the cell's left border (left-aligned). */
  flushLeft: boolean;
}

/** A table row before it gets its place: cells and the baseline of its first text. */
export interface RawRow {
  cells: RawCell[];
  /** Baseline (top-down) of the first text in the row. */
  y: number;
}

/** True when a piece's middle lies inside the grid. */
export function insideGrid(grid: Grid, p: Piece): boolean {
  const mid = middleOf(p);
  const cx = (p.x0 + p.x1) / 2;
  const top = grid.ys[0] as number;
  const bottom = grid.ys[grid.ys.length - 1] as number;
  const left = grid.xs[0] as number;
  const right = grid.xs[grid.xs.length - 1] as number;
  return mid > top && mid < bottom && cx > left - 1 && cx < right + 1;
}

function rowIndex(grid: Grid, y: number): number {
  for (let r = 0; r < grid.ys.length - 1; r++) if (y < (grid.ys[r + 1] as number)) return r;
  return grid.ys.length - 2;
}

function colIndex(grid: Grid, x: number): number {
  for (let c = 0; c < grid.xs.length - 1; c++) if (x < (grid.xs[c + 1] as number)) return c;
  return grid.xs.length - 2;
}

/** Split a piece at every drawn column line it crosses (on its row). */
function splitAtColumns(grid: Grid, p: Piece): Piece[] {
  const r = rowIndex(grid, middleOf(p));
  const chars = Array.from(p.text);
  const cuts: number[] = [];
  grid.xs.forEach((x, c) => {
    if (!grid.vertical[r]?.[c]) return;
    if (x <= p.x0 + 1 || x >= p.x1 - 1) return;
    // Cut before the first character whose middle is right of the line.
    const k = chars.findIndex((_, i) => {
      const start = p.charX[i] as number;
      const end = (p.charX[i + 1] as number | undefined) ?? p.x1;
      return (start + end) / 2 > x;
    });
    const cut = k > 0 ? outsideNumber(chars, k) : null;
    if (cut !== null) cuts.push(cut);
  });
  if (!cuts.length) return [p];
  const out: Piece[] = [];
  let from = 0;
  for (const k of [...new Set(cuts)].sort((a, b) => a - b).concat(chars.length)) {
    if (k <= from) continue;
    const x0 = p.charX[from] as number;
    const x1 = k < chars.length ? (p.charX[k] as number) : p.x1;
    out.push({ ...p, text: chars.slice(from, k).join(""), x0, x1, charX: p.charX.slice(from, k) });
    from = k;
  }
  return out;
}

const NUMBER_CHAR = /[\d.,]/;

/**
 * Where to cut `chars` for a column line that falls before `k`. A line inside a number is not
 * between two cells: one amount too wide for its cell (WPS and Word draw it past the border, its
 * glyphs touching across the line) stays whole, in the cell holding most of its characters; the
 * cut moves to the number's end (or start). Null when no cut is left.
 */
function outsideNumber(chars: string[], k: number): number | null {
  if (!NUMBER_CHAR.test(chars[k - 1] ?? "") || !NUMBER_CHAR.test(chars[k] ?? "")) return k;
  let start = k;
  while (start > 0 && NUMBER_CHAR.test(chars[start - 1] ?? "")) start--;
  let end = k;
  while (end < chars.length && NUMBER_CHAR.test(chars[end] ?? "")) end++;
  const cut = k - start >= end - k ? end : start;
  return cut > 0 && cut < chars.length ? cut : null;
}

/**
 * Join a piece that starts with digits to the number piece it touches on its left (no gap, same
 * line): the last digits of an overflowing amount drawn as their own text run past a cell border.
 */
function joinOverflowingDigits(pieces: Piece[]): Piece[] {
  const out = [...pieces];
  const gone = new Set<number>();
  const touches = (left: Piece, p: Piece) =>
    Math.abs(left.y - p.y) < 0.2 * p.size &&
    Math.abs(left.size - p.size) < 0.1 * p.size &&
    Math.abs(p.x0 - left.x1) < 0.15 * p.size &&
    /^[-\d.,]*\d[.,]?$/.test(left.text);
  out.forEach((p, i) => {
    if (!/^\d/.test(p.text)) return;
    const j = out.findIndex((q, n) => n !== i && !gone.has(n) && touches(q, p));
    if (j < 0) return;
    const left = out[j] as Piece;
    out[j] = { ...left, text: left.text + p.text, x1: p.x1, charX: [...left.charX, ...p.charX] };
    gone.add(i);
  });
  return out.filter((_, i) => !gone.has(i));
}

/** Text of one cell from its pieces: lines top to bottom, pieces joined by gap. */
function cellText(pieces: Piece[]): string {
  return joinLineTexts(groupLines(pieces).map((l) => joinPieces(l.pieces, 1.0)));
}

/** True when the last line of the cell's text ends within 1.5 em of its right border. */
function runsToBorder(pieces: Piece[], right: number): boolean {
  const last = groupLines(pieces).pop();
  return last ? right - last.x1 < 1.5 * last.size : false;
}

/**
 * Turn a grid and the pieces inside it into rows. Rows without any text are dropped (their
 * height is counted out of the spans of cells that cover them).
 */
export function gridRows(grid: Grid, pieces: Piece[]): RawRow[] {
  const cells = cellsOf(grid);
  const owner = new Map<string, GridCell>();
  for (const cell of cells) {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) owner.set(`${r},${c}`, cell);
    }
  }
  const content = new Map<GridCell, Piece[]>();
  for (const p of joinOverflowingDigits(pieces).flatMap((q) => splitAtColumns(grid, q))) {
    const r = rowIndex(grid, middleOf(p));
    const c = colIndex(grid, (p.x0 + p.x1) / 2);
    const cell = owner.get(`${r},${c}`);
    if (!cell) continue;
    const list = content.get(cell) ?? [];
    list.push(p);
    content.set(cell, list);
  }
  const rowsCount = grid.ys.length - 1;
  const kept: boolean[] = Array(rowsCount).fill(false);
  const rowY: number[] = Array(rowsCount).fill(Number.POSITIVE_INFINITY);
  for (const [cell, ps] of content) {
    kept[cell.row] = true;
    rowY[cell.row] = Math.min(rowY[cell.row] as number, ...ps.map((p) => p.y));
  }
  const rows: RawRow[] = [];
  const byRow = new Map<number, GridCell[]>();
  for (const cell of cells) {
    // A cell whose first grid row is blank starts in the first kept row it covers.
    let first = -1;
    for (let rr = cell.row; rr < cell.row + cell.rowSpan; rr++) {
      if (kept[rr]) {
        first = rr;
        break;
      }
    }
    if (first < 0) continue;
    const list = byRow.get(first) ?? [];
    list.push(cell);
    byRow.set(first, list);
  }
  for (let r = 0; r < rowsCount; r++) {
    if (!kept[r]) continue;
    const row: RawRow = { cells: [], y: rowY[r] as number };
    for (const cell of (byRow.get(r) ?? []).sort((a, b) => a.col - b.col)) {
      let rowSpan = 0;
      for (let rr = cell.row; rr < cell.row + cell.rowSpan; rr++) if (kept[rr]) rowSpan++;
      const ps = content.get(cell) ?? [];
      row.cells.push({
        full: runsToBorder(ps, grid.xs[cell.col + cell.colSpan] as number),
        flushLeft:
          ps.length > 0 && Math.min(...ps.map((p) => p.x0 - (grid.xs[cell.col] as number) - p.size)) < 0,
        text: cellText(ps),
        colSpan: cell.colSpan,
        rowSpan: Math.max(1, rowSpan),
        x0: grid.xs[cell.col] as number,
        x1: grid.xs[cell.col + cell.colSpan] as number,
      });
    }
    rows.push(row);
  }
  return rows;
}
