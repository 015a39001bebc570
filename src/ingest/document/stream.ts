/**
 * The reading view of a document model that the part readers iterate: its paragraphs and table
 * rows in reading order, flattened over parts and tables, each with an ordinal `line`.
 *
 * Ordinals: when every place of the document is a text line, the ordinal is that line number
 * (so text files keep citing `第N行`); otherwise a running number over paragraphs, rows, cells
 * with a place of their own and printed lines. `places` maps every ordinal back to its Place.
 *
 * Merged cells are expanded to the grid: a row holds one cell per column it covers; a position
 * covered by a cell starting to its left in the same row is blank with `spanned` set to that
 * cell's text (header rows use it to name the columns under a merged header), a position covered
 * from a row above is blank. Positions after a row's last cell are not filled.
 */
import {
  type DocCell,
  type DocRow,
  type DocTable,
  type DocumentModel,
  gridOf,
  type Place,
  placeLabel,
} from "./model.js";

/** A table cell: its text and the ordinal it starts on. */
export interface Cell {
  text: string;
  line: number;
  /** Text of the merged cell covering this blank position from the left, in the same row. */
  spanned?: string;
  /** Columns and rows a merged cell covers (only on the cells of `Row.spans`). */
  colSpan?: number;
  rowSpan?: number;
}

/** A paragraph outside any table. */
export interface Paragraph {
  type: "para";
  text: string;
  line: number;
}

/** A table row: cells in column order, including blank ones. */
export interface Row {
  type: "row";
  cells: Cell[];
  line: number;
  /** When the table has merged cells: the row's cells as printed, each once with its spans. */
  spans?: Cell[];
}

/** A paragraph or a table row, in reading order. */
export type Block = Paragraph | Row;

/** One printed text in reading order: a paragraph, a row, or one printed line of a cell. */
export interface TextLine {
  text: string;
  line: number;
  /** How many cells it holds side by side: 0 for a paragraph, 1 for a line of one cell, more for a row. */
  cells: number;
}

/** The reading view of one document. */
export interface BlockStream {
  blocks: Block[];
  /** Printed texts in reading order (for lookups such as the heading above a table). */
  texts: TextLine[];
  /** The Place of each ordinal. */
  places: Map<number, Place>;
  /** The highest ordinal used. */
  lastLine: number;
  /** The printed lines of a cell, keyed by the Cell object, when the format reader knows them. */
  printed: WeakMap<Cell, Array<{ text: string; line: number }>>;
  /** The Chinese label of an ordinal for messages: `第12页`, `表3 第5行`, `第1735行`. */
  label(line: number): string;
}

function allPlaces(model: DocumentModel): Place[] {
  const out: Place[] = [];
  for (const part of model.parts)
    for (const b of part.blocks) {
      out.push(b.place);
      if (b.type === "table")
        for (const r of b.rows) {
          out.push(r.place);
          for (const c of r.cells) {
            if (c.place) out.push(c.place);
            for (const p of c.printed ?? []) out.push(p.place);
          }
        }
    }
  return out;
}

function samePlace(a: Place, b: Place): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The reading view of a document model. The ingest pipeline builds it once per document
 * (parseDisclosure) and hands it to every part reader; each call builds a new view.
 */
export function streamOf(model: DocumentModel): BlockStream {
  const byLine = allPlaces(model).every((p) => p.kind === "line");
  const places = new Map<number, Place>();
  let counter = 0;
  let lastLine = 0;
  const ordinal = (place: Place, previous?: { place: Place; line: number }): number => {
    if (previous && samePlace(previous.place, place)) return previous.line;
    const n = byLine && place.kind === "line" ? place.line : ++counter;
    if (!places.has(n)) places.set(n, place);
    lastLine = Math.max(lastLine, n);
    return n;
  };
  const blocks: Block[] = [];
  const texts: TextLine[] = [];
  const printed = new WeakMap<Cell, Array<{ text: string; line: number }>>();

  const readTable = (table: DocTable) => {
    const spans = table.rows.some((r) => r.cells.some((c) => c.colSpan > 1 || c.rowSpan > 1));
    const grid = spans ? gridOf(table) : null;
    table.rows.forEach((row: DocRow, r) => {
      const rowLine = ordinal(row.place);
      const rowPrev = { place: row.place, line: rowLine };
      const cellOf = (c: DocCell): Cell => {
        const line = c.place ? ordinal(c.place, rowPrev) : rowLine;
        const out: Cell = { text: c.text, line };
        if (c.printed && c.printed.length > 0) {
          const lines = c.printed.map((p, k) => ({
            text: p.text,
            line: k === 0 ? line : ordinal(p.place, { place: c.place ?? row.place, line }),
          }));
          printed.set(out, lines);
        }
        return out;
      };
      let cells: Cell[];
      if (!grid) cells = row.cells.map(cellOf);
      else {
        const line = grid[r] ?? [];
        let last = line.length - 1;
        while (last >= 0 && line[last] === null) last--;
        cells = line.slice(0, last + 1).map((g) => {
          if (!g) return { text: "", line: rowLine };
          if (g.origin) return cellOf(g.cell);
          const sameRow = row.cells.includes(g.cell);
          return sameRow ? { text: "", line: rowLine, spanned: g.cell.text } : { text: "", line: rowLine };
        });
      }
      const viewRow: Row = { type: "row", cells, line: rowLine };
      if (grid) {
        viewRow.spans = row.cells.map((c) => ({
          text: c.text,
          line: c.place ? ordinal(c.place, rowPrev) : rowLine,
          colSpan: c.colSpan,
          rowSpan: c.rowSpan,
        }));
      }
      blocks.push(viewRow);
      if (cells.some((c) => printed.has(c))) {
        for (const c of cells) {
          const lines = printed.get(c) ?? [{ text: c.text, line: c.line }];
          for (const p of lines) texts.push({ text: p.text, line: p.line, cells: 1 });
        }
      } else texts.push({ text: cells.map((c) => c.text).join("\t"), line: rowLine, cells: cells.length });
    });
  };

  for (const part of model.parts) {
    for (const b of part.blocks) {
      if (b.type === "paragraph") {
        const line = ordinal(b.place);
        blocks.push({ type: "para", text: b.text, line });
        texts.push({ text: b.text, line, cells: 0 });
      } else readTable(b);
    }
  }
  texts.sort((a, b) => a.line - b.line);
  const label = (line: number): string => {
    const place = places.get(line);
    return place ? placeLabel(place) : `第${line}行`;
  };
  return { blocks, texts, places, lastLine, printed, label };
}
