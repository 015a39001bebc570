/**
 * Tables without ruling lines: a run of at least three consecutive lines that each hold two or
 * more fields separated by wide gaps (≥ 2 em) is a table; its columns are the x ranges covered
 * by the fields of the lines with the most fields, and every field goes to the columns it
 * overlaps (a field across several columns, like a merged header, gets a colSpan).
 */
import type { RawCell, RawRow } from "./grid-table.js";
import { joinPieces } from "./lines.js";
import type { LaidLine } from "./page-layout.js";
import type { Piece } from "./pieces.js";

/** A field: pieces of one line close enough to be one cell. */
interface Field {
  text: string;
  x0: number;
  x1: number;
}

const FIELD_GAP = 2;
const MIN_ROWS = 3;

function fieldsOf(line: LaidLine): Field[] {
  const groups: Piece[][] = [];
  let prev: Piece | null = null;
  for (const p of line.pieces) {
    const em = Math.max(p.size, prev?.size ?? 0);
    if (!prev || p.x0 - prev.x1 >= FIELD_GAP * em) groups.push([p]);
    else groups[groups.length - 1]?.push(p);
    prev = p;
  }
  // Letter-spaced words (`项    目`): single characters far apart are one field.
  const merged: Piece[][] = [];
  for (const g of groups) {
    const last = merged[merged.length - 1];
    const single = (x: Piece[]) => x.length === 1 && Array.from((x[0] as Piece).text).length === 1;
    if (last && single(g) && single(last)) last.push(...g);
    else merged.push(g);
  }
  return merged.map((g) => ({
    text: joinPieces(g, 1.0),
    x0: Math.min(...g.map((p) => p.x0)),
    x1: Math.max(...g.map((p) => p.x1)),
  }));
}

/** A table found among free lines, with the lines it used. */
export interface AlignedTable {
  rows: Array<RawRow & { line: number }>;
  lines: LaidLine[];
  xs: number[];
}

/** Find unruled tables among a run of free lines (top to bottom). */
export function alignedTables(lines: LaidLine[]): AlignedTable[] {
  const fields = lines.map(fieldsOf);
  const out: AlignedTable[] = [];
  let i = 0;
  while (i < lines.length) {
    if ((fields[i] as Field[]).length < 2) {
      i++;
      continue;
    }
    let j = i;
    while (
      j + 1 < lines.length &&
      (fields[j + 1] as Field[]).length >= 2 &&
      gapOk(lines[j] as LaidLine, lines[j + 1] as LaidLine)
    )
      j++;
    if (j - i + 1 >= MIN_ROWS) out.push(build(lines.slice(i, j + 1), fields.slice(i, j + 1)));
    i = j + 1;
  }
  return out;
}

function gapOk(a: LaidLine, b: LaidLine): boolean {
  return b.y - a.y < 3.5 * Math.max(a.size, b.size);
}

function build(lines: LaidLine[], fields: Field[][]): AlignedTable {
  const most = Math.max(...fields.map((f) => f.length));
  // Column ranges: union of the field ranges of the fullest lines.
  const ranges = fields
    .filter((f) => f.length === most)
    .flat()
    .map((f) => [f.x0, f.x1] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const columns: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    const last = columns[columns.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else columns.push([a, b]);
  }
  const xs = [
    (columns[0] as [number, number])[0],
    ...columns.slice(1).map((c, k) => ((columns[k] as [number, number])[1] + c[0]) / 2),
    (columns[columns.length - 1] as [number, number])[1],
  ];
  const rows = lines.map((line, r) => {
    const cells: RawCell[] = [];
    let col = 0;
    for (const f of fields[r] as Field[]) {
      let first = columns.findIndex((c) => f.x1 > c[0] && f.x0 < c[1]);
      let last = first;
      if (first < 0) {
        // In a gap: the nearest column by centre.
        const mid = (f.x0 + f.x1) / 2;
        first = last = columns.reduce(
          (best, c, k) =>
            Math.abs((c[0] + c[1]) / 2 - mid) <
            Math.abs(
              ((columns[best] as [number, number])[0] + (columns[best] as [number, number])[1]) / 2 - mid,
            )
              ? k
              : best,
          0,
        );
      } else {
        while (last + 1 < columns.length && f.x1 > (columns[last + 1] as [number, number])[0]) last++;
      }
      first = Math.max(first, col);
      last = Math.max(last, first);
      while (col < first) cells.push(blank(xs, col++));
      cells.push({
        text: f.text,
        colSpan: last - first + 1,
        rowSpan: 1,
        x0: xs[first] as number,
        x1: xs[last + 1] as number,
        full: false,
        flushLeft: false,
      });
      col = last + 1;
    }
    while (col < columns.length) cells.push(blank(xs, col++));
    return { cells, y: line.y, line: line.line };
  });
  return { rows, lines, xs };
}

function blank(xs: number[], c: number): RawCell {
  return {
    text: "",
    colSpan: 1,
    rowSpan: 1,
    x0: xs[c] as number,
    x1: xs[c + 1] as number,
    full: false,
    flushLeft: false,
  };
}
