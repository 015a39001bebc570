/**
 * Hand-made paragraphs and rows (each with its line) as a document model whose places are those
 * lines, so the part readers cite exactly the given line numbers. Consecutive rows form one
 * table; cells may carry merged-cell spans.
 */
import type { DocBlock, DocTable, DocumentModel } from "../../src/ingest/document/model.js";

/** A hand-made cell: its text, optionally its spans. */
export interface LineCell {
  text: string;
  line?: number;
  colSpan?: number;
  rowSpan?: number;
}

/** A hand-made paragraph or row. */
export type LineBlock =
  | { type: "para"; text: string; line: number }
  | { type: "row"; cells: LineCell[]; line: number };

/** The blocks as a one-part document model placed on their lines. */
export function modelOfBlocks(blocks: LineBlock[], format: DocumentModel["format"] = "pdf"): DocumentModel {
  const out: DocBlock[] = [];
  let table: DocTable | null = null;
  for (const b of blocks) {
    const place = { kind: "line" as const, line: b.line };
    if (b.type === "para") {
      table = null;
      out.push({ type: "paragraph", text: b.text, place });
      continue;
    }
    if (!table) {
      table = { type: "table", rows: [], place };
      out.push(table);
    }
    table.rows.push({
      place,
      cells: b.cells.map((c) => ({ text: c.text, colSpan: c.colSpan ?? 1, rowSpan: c.rowSpan ?? 1 })),
    });
  }
  return { format, producer: null, parts: [{ label: "", blocks: out }], warnings: [] };
}
