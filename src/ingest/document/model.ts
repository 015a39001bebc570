/**
 * The document model: what every format reader (PDF, Excel, Word, HTML, text) produces and the
 * only thing the part readers (standard tables, narrative, projects, …) read.
 *
 * A document is a list of parts (PDF pages, Excel sheets, or one part for Word/HTML/text), each
 * holding blocks in reading order: paragraphs of text and tables (rows of cells). Every block,
 * row and cell carries its Place in the document's own terms, so a figure can cite `第12页`,
 * `工作表“1.收支总表” 第8行`, `表3 第5行` or `第1735行`.
 *
 * Cell text is exactly as printed (thousands separators kept, `5.00` not `5`); a blank cell is "".
 * Merged cells follow HTML semantics: a cell appears once, in the row and column where it starts,
 * with its colSpan/rowSpan; the positions it covers are not repeated (see `gridOf`).
 */

import type { Place } from "../../domain/place.js";

// Place and its label are core types (domain/place.ts); re-exported for the readers.
export { type Place, placeLabel } from "../../domain/place.js";

/** The file formats a format reader recognises (by content, not by extension). */
export type DocumentFormat = "pdf" | "xlsx" | "xls" | "docx" | "html" | "text";

/** One table cell, its text as printed. */
export interface DocCell {
  text: string;
  /** Columns this cell covers (≥ 1). */
  colSpan: number;
  /** Rows this cell covers (≥ 1). */
  rowSpan: number;
  /** Where the cell starts, when not where its row does (a text export printing one cell per line). */
  place?: Place;
  /**
   * The printed lines of a cell written over several lines, with their places, when the reader
   * knows them (text exports). The first is where the cell starts; `text` is their joined text.
   */
  printed?: Array<{ text: string; place: Place }>;
}

/** One table row: the cells that start in it, left to right. */
export interface DocRow {
  cells: DocCell[];
  place: Place;
}

/** A paragraph (a heading, a sentence run, a title) outside any table. */
export interface DocParagraph {
  type: "paragraph";
  text: string;
  place: Place;
}

/** A table: rows in order. A table continued on the next PDF page is one table. */
export interface DocTable {
  type: "table";
  rows: DocRow[];
  place: Place;
}

export type DocBlock = DocParagraph | DocTable;

/** A page (PDF), a sheet (Excel) or the whole body (Word, HTML, text). */
export interface DocPart {
  /** `第3页`, `工作表“1.收支总表”`, or "" for a single-part document. */
  label: string;
  blocks: DocBlock[];
}

/** A file read into the document model. */
export interface DocumentModel {
  format: DocumentFormat;
  /** The producer the file names (PDF Producer/Creator, Excel/Word application), when known. */
  producer: string | null;
  parts: DocPart[];
  /** Things the format reader noticed (e.g. a page without text), in Chinese. */
  warnings: string[];
}

/**
 * Expand a table into a rectangular grid: grid[r][c] is the cell covering that position, or null
 * where the row has no cell. A merged cell appears at every position it covers; `origin` tells
 * whether the position is where the cell starts.
 */
export function gridOf(table: DocTable): Array<Array<{ cell: DocCell; origin: boolean } | null>> {
  const grid: Array<Array<{ cell: DocCell; origin: boolean } | null>> = table.rows.map(() => []);
  table.rows.forEach((row, r) => {
    const line = grid[r] as Array<{ cell: DocCell; origin: boolean } | null>;
    let c = 0;
    for (const cell of row.cells) {
      while (line[c]) c++;
      for (let dr = 0; dr < Math.max(1, cell.rowSpan); dr++) {
        const target = grid[r + dr];
        if (!target) break;
        for (let dc = 0; dc < Math.max(1, cell.colSpan); dc++) {
          target[c + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
      }
      c += Math.max(1, cell.colSpan);
    }
  });
  const width = Math.max(0, ...grid.map((g) => g.length));
  for (const g of grid) for (let c = 0; c < width; c++) if (g[c] === undefined) g[c] = null;
  return grid;
}
