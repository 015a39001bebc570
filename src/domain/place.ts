/**
 * Where a block, row, cell or figure came from, in the document's own terms, and how that place is
 * named to users. A core type: the document model (ingest), stored figures (domain/types) and every
 * answer's sources share it, so it lives at the bottom and answering never loads the readers.
 */

/** Where a block, row or cell came from, in the document's own terms. */
export type Place =
  /** PDF: 1-based page; `line` is the 1-based text line on that page when known. */
  | { kind: "page"; page: number; line?: number }
  /** Excel: sheet name as shown on its tab, 1-based row as numbered in the sheet. */
  | { kind: "sheet"; sheet: string; row: number }
  /** Word/HTML: 1-based table number in the document, 1-based row within that table. */
  | { kind: "table"; table: number; row: number }
  /** Word/HTML: 1-based paragraph number in the document (outside tables). */
  | { kind: "paragraph"; paragraph: number }
  /** Text: 1-based line of the file. */
  | { kind: "line"; line: number };

/** Chinese label of a place, as shown to users: `第12页`, `工作表“收支总表” 第8行`, `表3 第5行`, `第1735行`. */
export function placeLabel(place: Place): string {
  switch (place.kind) {
    case "page":
      return `第${place.page}页`;
    case "sheet":
      return `工作表“${place.sheet}” 第${place.row}行`;
    case "table":
      return `表${place.table} 第${place.row}行`;
    case "paragraph":
      return `第${place.paragraph}段`;
    case "line":
      return `第${place.line}行`;
  }
}
