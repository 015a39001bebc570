import { squash } from "../../src/domain/text.js";
import type { BlockStream } from "../../src/ingest/blocks.js";
import { type DocTable, type DocumentModel, gridOf } from "../../src/ingest/document/model.js";

/**
 * Cell texts of one table row as the Word text export prints them: a vertically merged cell's
 * continuation is a blank cell, a horizontally merged cell appears once.
 */
export function exportedRow(table: DocTable, r: number): string[] {
  const grid = gridOf(table);
  const line = grid[r] ?? [];
  const out: string[] = [];
  line.forEach((entry, c) => {
    if (!entry) out.push("");
    else if (entry.origin) out.push(entry.cell.text);
    else if (line[c - 1]?.cell !== entry.cell) out.push("");
  });
  return out;
}

/** Drop trailing blank cells; squash whitespace in each cell. */
function tidy(cells: string[]): string[] {
  const out = cells.map(squash);
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}

/** Every paragraph and row of a model in reading order as squashed cell texts (blank rows left out). */
export function modelLines(model: DocumentModel): string[][] {
  const lines: string[][] = [];
  for (const part of model.parts) {
    for (const b of part.blocks) {
      if (b.type === "paragraph") lines.push(tidy([b.text]));
      else for (let r = 0; r < b.rows.length; r++) lines.push(tidy(exportedRow(b, r)));
    }
  }
  return lines.filter((l) => l.length > 0);
}

/** The same lines from a text export read by readBlocks. */
export function streamLines(stream: BlockStream): string[][] {
  return stream.blocks
    .map((b) => tidy(b.type === "para" ? [b.text] : b.cells.map((c) => c.text)))
    .filter((l) => l.length > 0);
}
