/**
 * Compare documents read from different formats by what they print: every paragraph and row in
 * reading order as whitespace-squashed cell texts.
 */
import { squash } from "../../src/domain/text.js";
import { type DocTable, type DocumentModel, gridOf } from "../../src/ingest/document/model.js";
import { rejoinBrokenRows } from "./broken-rows.js";

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

/** The shape of the old text-layout block stream (src/ingest/blocks.ts). */
interface TextBlocks {
  blocks: Array<{ type: "para"; text: string } | { type: "row"; cells: Array<{ text: string }> }>;
}

// Module paths held in variables: whichever text reader the branch has is loaded at run time.
const TEXT_READER: string = "../../src/ingest/formats/text.js";
const BLOCKS_READER: string = "../../src/ingest/blocks.js";

/**
 * The lines of a text export as the project's own text reader reads it: the text format reader
 * (src/ingest/formats/text.ts, readText → document model) where it exists, else the older
 * src/ingest/blocks.ts readBlocks. Rows the export broke inside a cell are rejoined (the files
 * rebuilt from the text hold them as one row; see broken-rows.ts).
 */
export async function textVersionLines(text: string, file: string): Promise<string[][]> {
  const items: Array<string | string[][]> = [];
  const addRow = (cells: string[]) => {
    const last = items[items.length - 1];
    if (Array.isArray(last)) last.push(cells);
    else items.push([cells]);
  };
  const reader = (await import(TEXT_READER).catch(() => null)) as {
    readText?: (bytes: Uint8Array, fileName: string) => Promise<DocumentModel>;
  } | null;
  if (reader?.readText) {
    const model = await reader.readText(new TextEncoder().encode(text), file);
    for (const b of model.parts.flatMap((p) => p.blocks)) {
      if (b.type === "paragraph") items.push(b.text);
      else for (const r of b.rows) addRow(r.cells.map((c) => c.text));
    }
  } else {
    const { readBlocks } = (await import(BLOCKS_READER)) as { readBlocks: (t: string) => TextBlocks };
    for (const b of readBlocks(text).blocks) {
      if (b.type === "para") items.push(b.text);
      else addRow(b.cells.map((c) => c.text));
    }
  }
  return items
    .flatMap((item) =>
      typeof item === "string" ? [tidy([item])] : rejoinBrokenRows(item, (c) => c).map(tidy),
    )
    .filter((l) => l.length > 0);
}
