/**
 * Corpus table fixtures: the table pages of a corpus PDF as the PDF reader (pdf branch) read them
 * into the document model, stored as JSON (paragraphs `{p}`, tables `{rows: [{page, cells}]}`,
 * a merged cell as `{t, c, r}`), turned into the paragraph/row stream the part readers read.
 * Line numbers encode the page: line = page × 1000 + position on the page.
 */
import { readFileSync } from "node:fs";
import type { Block, BlockStream, Cell } from "../../src/ingest/blocks.js";

type FixtureCell = string | { t: string; c: number; r: number };
interface FixtureModel {
  file: string;
  pages: Array<{
    page: number;
    blocks: Array<{ p: string } | { rows: Array<{ page: number | null; cells: FixtureCell[] }> }>;
  }>;
}

/** The page a fixture line number stands for. */
export const pageOfLine = (line: number): number => Math.floor(line / 1000);

/** Read a corpus model fixture (by PDF name without extension) as a block stream. */
export function corpusBlocks(name: string): BlockStream {
  const model = JSON.parse(
    readFileSync(new URL(`../fixtures/corpus-models/${name}.json`, import.meta.url), "utf8"),
  ) as FixtureModel;
  const blocks: Block[] = [];
  const counters = new Map<number, number>();
  const lineOn = (page: number) => {
    const n = (counters.get(page) ?? 0) + 1;
    counters.set(page, n);
    return page * 1000 + n;
  };
  for (const part of model.pages) {
    for (const b of part.blocks) {
      if ("p" in b) {
        blocks.push({ type: "para", text: b.p, line: lineOn(part.page) });
        continue;
      }
      for (const row of b.rows) {
        const line = lineOn(row.page ?? part.page);
        const cells: Cell[] = row.cells.map((c) =>
          typeof c === "string" ? { text: c, line } : { text: c.t, line, colSpan: c.c, rowSpan: c.r },
        );
        blocks.push({ type: "row", cells, line });
      }
    }
  }
  return { layout: "pdf", blocks, lines: [] };
}
