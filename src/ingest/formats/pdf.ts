/**
 * The PDF format reader: pdfjs-dist text items and ruling lines → the document model.
 * One part per page (`第N页`); ruled tables become DocTables (merged cells with spans, a table
 * continued on the next page joined into one), the text between them paragraphs.
 */
import type { DocBlock, DocPart, DocTable, DocumentModel } from "../document/model.js";
import { UnreadableFileError } from "./errors.js";
import { openPdf } from "./pdf/load.js";
import { dropPageFurniture } from "./pdf/margins.js";
import { pageContent } from "./pdf/page-content.js";
import { type LaidTable, layoutPage, type PageLayout } from "./pdf/page-layout.js";
import { paragraphsOf } from "./pdf/paragraphs.js";

/** Message for a PDF without a text layer (a scan). */
export const NO_TEXT_LAYER = "该PDF没有文字层（可能是扫描件），需要先做文字识别（OCR）后再导入";

/** Read a PDF into the document model. */
export async function readPdf(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  const doc = await openPdf(bytes, fileName);
  try {
    const warnings: string[] = [];
    const layouts: PageLayout[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let page: Awaited<ReturnType<typeof doc.getPage>>;
      try {
        page = await doc.getPage(n);
      } catch {
        throw new UnreadableFileError(`${fileName}：第${n}页已损坏，无法读取。`);
      }
      layouts.push(layoutPage(n, await pageContent(page)));
      page.cleanup();
    }
    if (!layouts.some((l) => l.hasText)) throw new UnreadableFileError(NO_TEXT_LAYER);
    for (const l of layouts) if (!l.hasText) warnings.push(`第${l.page}页没有文字（可能是图片或扫描页），已跳过`);
    dropPageFurniture(layouts);
    const parts = layouts.map(blocksOf);
    joinContinuedTables(parts, layouts);
    return { format: "pdf", producer: await producerOf(doc), parts, warnings };
  } finally {
    await doc.destroy();
  }
}

async function producerOf(doc: Awaited<ReturnType<typeof openPdf>>): Promise<string | null> {
  try {
    const { info } = await doc.getMetadata();
    const record = info as Record<string, unknown>;
    const names = [record.Producer, record.Creator].filter((v): v is string => typeof v === "string" && v.trim() !== "");
    return names.length ? [...new Set(names.map((s) => s.trim()))].join(" / ") : null;
  } catch {
    return null;
  }
}

/** Blocks of one page in reading order: paragraphs of the text between tables, and the tables. */
function blocksOf(layout: PageLayout): DocPart {
  const page = layout.page;
  const blocks: Array<{ y: number; block: DocBlock }> = [];
  const tables = [...layout.tables].sort((a, b) => a.top - b.top);
  for (const t of tables) blocks.push({ y: t.top, block: docTable(t, page) });
  // Text lines between two tables (or before the first / after the last) form one run.
  const runs = new Map<number, typeof layout.lines>();
  for (const line of layout.lines) {
    const k = tables.filter((t) => t.top <= line.y).length;
    const run = runs.get(k) ?? [];
    run.push(line);
    runs.set(k, run);
  }
  for (const run of runs.values()) {
    for (const p of paragraphsOf(run, layout.width)) {
      blocks.push({ y: p.y, block: { type: "paragraph", text: p.text, place: { kind: "page", page, line: p.line } } });
    }
  }
  blocks.sort((a, b) => a.y - b.y);
  return { label: `第${page}页`, blocks: blocks.map((b) => b.block) };
}

function docTable(t: LaidTable, page: number): DocTable {
  return {
    type: "table",
    place: { kind: "page", page, line: t.line },
    rows: t.rows.map((r) => ({
      cells: r.cells.map((c) => ({ text: c.text, colSpan: c.colSpan, rowSpan: c.rowSpan })),
      place: { kind: "page", page, line: r.line },
    })),
  };
}

/**
 * A page that starts with a table whose column lines fit the table that ends the previous page
 * (same outer edges, every column line of the new part on a column line of the old) continues
 * it: its rows are appended there, with spans counted in the old table's columns; header rows
 * repeated from the start of the table are dropped, and the page keeps no copy.
 */
function joinContinuedTables(parts: DocPart[], layouts: PageLayout[]): void {
  let open: { table: DocTable; xs: number[] } | null = null;
  parts.forEach((part, i) => {
    const layout = layouts[i] as PageLayout;
    const laid = [...layout.tables].sort((a, b) => a.top - b.top);
    const first = part.blocks[0];
    const firstLaid = laid[0];
    if (open && first?.type === "table" && firstLaid && fitsColumns(open.xs, firstLaid.xs)) {
      const base = open.table;
      const xs = open.xs;
      const rows = firstLaid.rows.map((r) => ({
        place: { kind: "page" as const, page: layout.page, line: r.line },
        cells: r.cells.map((c) => ({ text: c.text, rowSpan: c.rowSpan, colSpan: columnsBetween(xs, c.x0, c.x1) })),
      }));
      let skip = 0;
      while (skip < rows.length && skip < base.rows.length && rowText(rows[skip]) === rowText(base.rows[skip])) skip++;
      if (skip === rows.length) skip = 0;
      base.rows.push(...rows.slice(skip));
      part.blocks.shift();
      laid.shift();
      if (part.blocks.length === 0) return;
    }
    const last = part.blocks[part.blocks.length - 1];
    const lastLaid = laid[laid.length - 1];
    open = last?.type === "table" && lastLaid ? { table: last, xs: lastLaid.xs } : null;
  });
}

function rowText(row: DocTable["rows"][number] | undefined): string {
  return row ? row.cells.map((c) => `${c.text}/${c.colSpan}`).join("|") : "";
}

const NEAR = 3;

function fitsColumns(base: number[], next: number[]): boolean {
  const near = (a: number | undefined, b: number | undefined) => a !== undefined && b !== undefined && Math.abs(a - b) <= NEAR;
  return (
    near(base[0], next[0]) &&
    near(base[base.length - 1], next[next.length - 1]) &&
    next.every((x) => base.some((b) => Math.abs(b - x) <= NEAR))
  );
}

/** Number of the base table's columns between two x positions. */
function columnsBetween(xs: number[], x0: number, x1: number): number {
  let n = 0;
  for (let k = 0; k + 1 < xs.length; k++) {
    const mid = ((xs[k] as number) + (xs[k + 1] as number)) / 2;
    if (mid > x0 && mid < x1) n++;
  }
  return Math.max(1, n);
}
