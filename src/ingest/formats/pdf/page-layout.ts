/**
 * One page laid out: the ruled tables (filled with their text) and the text lines outside them,
 * each with its 1-based line number on the page.
 */
import { gridRows, insideGrid, type RawRow } from "./grid-table.js";
import { cellsOf, type Grid, gridsOf } from "./grids.js";
import { groupLines, joinPieces, type TextLine } from "./lines.js";
import type { PageContent } from "./page-content.js";
import type { Piece } from "./pieces.js";

/** A text line outside any table, with its text and line number. */
export interface LaidLine extends TextLine {
  text: string;
  line: number;
  /** Part of a line split where its texts stand far apart: a paragraph of its own. */
  beside?: boolean;
}

/** A table on the page. */
export interface LaidTable {
  rows: Array<RawRow & { line: number }>;
  top: number;
  bottom: number;
  /** Column boundaries, for recognising a table continued on the next page. */
  xs: number[];
  line: number;
}

/** A page's tables and free text lines. */
export interface PageLayout {
  page: number;
  width: number;
  height: number;
  lines: LaidLine[];
  tables: LaidTable[];
  /** The page had text items at all. */
  hasText: boolean;
}

/** Lay out one page. */
export function layoutPage(page: number, content: PageContent): PageLayout {
  const allLines = groupLines(content.pieces);
  const lineNumber = (y: number): number => {
    let best = 0;
    let dist = Number.POSITIVE_INFINITY;
    allLines.forEach((l, i) => {
      const d = Math.abs(l.y - y);
      if (d < dist) {
        dist = d;
        best = i;
      }
    });
    return best + 1;
  };
  // A frame drawn around text (one cell once merged) is a box, not a table.
  const grids = gridsOf(content.rulings).filter(
    (g) => cellsOf(g).length > 1 && content.pieces.some((p) => insideGrid(g, p)),
  );
  const taken = new Set<Piece>();
  const tables: LaidTable[] = [];
  for (const grid of grids) {
    const inside = content.pieces.filter((p) => !taken.has(p) && insideGrid(grid, p));
    for (const p of inside) taken.add(p);
    const rows = gridRows(grid, inside);
    if (!rows.length) continue;
    tables.push(tableOf(grid, rows, lineNumber));
  }
  const free = groupLines(content.pieces.filter((p) => !taken.has(p)));
  const lines: LaidLine[] = free.map((l) => ({ ...l, text: joinPieces(l.pieces), line: lineNumber(l.y) }));
  return {
    page,
    width: content.width,
    height: content.height,
    lines,
    tables,
    hasText: content.pieces.length > 0,
  };
}

function tableOf(grid: Grid, rows: RawRow[], lineNumber: (y: number) => number): LaidTable {
  const laid = rows.map((r) => ({ ...r, line: lineNumber(r.y) }));
  return {
    rows: laid,
    top: grid.ys[0] as number,
    bottom: grid.ys[grid.ys.length - 1] as number,
    xs: grid.xs,
    line: laid[0]?.line ?? 1,
  };
}
