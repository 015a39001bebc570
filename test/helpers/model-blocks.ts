/**
 * Corpus table inputs for the part readers: a document model (the PDF reader's output, or its
 * stored JSON fixture in test/fixtures/corpus-models) turned into the paragraph/row stream the part
 * readers read (as a model placed on those lines), merged cells keeping their spans. Line numbers encode the page:
 * line = page × 1000 + position on the page.
 */
import { readFileSync } from "node:fs";
import type { DocRow, DocumentModel, Place } from "../../src/ingest/document/model.js";
import { type LineBlock as Block, type LineCell as Cell, modelOfBlocks } from "./blocks-model.js";

type FixtureCell = string | { t: string; c: number; r: number };
interface FixtureModel {
  file: string;
  producer: string | null;
  pages: Array<{
    page: number;
    blocks: Array<{ p: string } | { rows: Array<{ page: number | null; cells: FixtureCell[] }> }>;
  }>;
}

/** The page a fixture line number stands for. */
export const pageOfLine = (line: number): number => Math.floor(line / 1000);

const pageOf = (place: Place, fallback: number) => (place.kind === "page" ? place.page : fallback);

/** A document model as a block stream (lines = page × 1000 + n). */
export function blocksOfModel(model: DocumentModel): DocumentModel {
  const blocks: Block[] = [];
  const counters = new Map<number, number>();
  const lineOn = (page: number) => {
    const n = (counters.get(page) ?? 0) + 1;
    counters.set(page, n);
    return page * 1000 + n;
  };
  model.parts.forEach((part, p) => {
    for (const b of part.blocks) {
      if (b.type === "paragraph") {
        blocks.push({ type: "para", text: b.text, line: lineOn(pageOf(b.place, p + 1)) });
        continue;
      }
      for (const row of b.rows) {
        const line = lineOn(pageOf(row.place, p + 1));
        const cells: Cell[] = row.cells.map((c) =>
          c.colSpan > 1 || c.rowSpan > 1
            ? { text: c.text, line, colSpan: c.colSpan, rowSpan: c.rowSpan }
            : { text: c.text, line },
        );
        blocks.push({ type: "row", cells, line });
      }
    }
  });
  return modelOfBlocks(blocks, model.format);
}

/** A stored model fixture (compact JSON) as a document model. */
export function fixtureModel(name: string): DocumentModel {
  const m = JSON.parse(
    readFileSync(new URL(`../fixtures/corpus-models/${name}.json`, import.meta.url), "utf8"),
  ) as FixtureModel;
  const last = Math.max(0, ...m.pages.map((p) => p.page));
  const parts: DocumentModel["parts"] = Array.from({ length: last }, (_, i) => ({
    label: `第${i + 1}页`,
    blocks: [],
  }));
  for (const page of m.pages) {
    const place: Place = { kind: "page", page: page.page };
    const part = parts[page.page - 1] as DocumentModel["parts"][number];
    for (const b of page.blocks) {
      if ("p" in b) {
        part.blocks.push({ type: "paragraph", text: b.p, place });
        continue;
      }
      const rows: DocRow[] = b.rows.map((r) => ({
        place: { kind: "page", page: r.page ?? page.page },
        cells: r.cells.map((c) =>
          typeof c === "string"
            ? { text: c, colSpan: 1, rowSpan: 1 }
            : { text: c.t, colSpan: c.c, rowSpan: c.r },
        ),
      }));
      part.blocks.push({ type: "table", rows, place });
    }
  }
  return { format: "pdf", producer: m.producer, parts, warnings: [] };
}

/** Read a corpus model fixture (by PDF name without extension) as a block stream. */
export function corpusBlocks(name: string): DocumentModel {
  return blocksOfModel(fixtureModel(name));
}
