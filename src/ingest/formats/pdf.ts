/**
 * The PDF format reader: pdfjs-dist text items and ruling lines → the document model.
 * One part per page (`第N页`); ruled tables become DocTables (merged cells with spans, a table
 * continued on the next page joined into one), the text between them paragraphs.
 */
import type { DocBlock, DocPart, DocTable, DocumentModel } from "../document/model.js";
import { alignedTables } from "./pdf/aligned-table.js";
import { joinContinuedTables } from "./pdf/continued-tables.js";
import { extractPdf } from "./pdf/extract.js";
import { joinLineTexts } from "./pdf/lines.js";
import { dropPageFurniture } from "./pdf/margins.js";
import { pageContent } from "./pdf/page-content.js";
import { type LaidTable, layoutPage, type PageLayout } from "./pdf/page-layout.js";
import { paragraphsOf, splitFields } from "./pdf/paragraphs.js";

/**
 * Read a PDF into the document model. A page without a text layer is kept as an empty part with
 * a warning; a PDF of such pages only (a scan) is refused by the pipeline (ingest/scan.ts).
 */
export async function readPdf(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  const pdf = await extractPdf(bytes, fileName);
  const warnings: string[] = [];
  const layouts: PageLayout[] = pdf.pages.map((page, i) => layoutPage(i + 1, pageContent(page, pdf.ops)));
  for (const l of layouts)
    if (!l.hasText) warnings.push(`第${l.page}页没有文字（可能是图片或扫描页），已跳过`);
  dropPageFurniture(layouts);
  const flags = new Map<DocBlock, { endsOpen: boolean; startsFlush: boolean }>();
  const parts = layouts.map((l) => blocksOf(l, flags));
  joinContinuedTables(parts, layouts);
  joinContinuedParagraphs(parts, flags);
  return { format: "pdf", producer: pdf.producer, parts, warnings };
}

/** Blocks of one page in reading order: paragraphs of the text between tables, and the tables. */
function blocksOf(
  layout: PageLayout,
  flags: Map<DocBlock, { endsOpen: boolean; startsFlush: boolean }>,
): DocPart {
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
    // Unruled tables first; the lines they leave are paragraphs, split where a table was.
    const found = alignedTables(run);
    const used = new Set(found.flatMap((t) => t.lines));
    for (const t of found) {
      const top = (t.lines[0] as (typeof run)[number]).y;
      const laid: LaidTable = {
        rows: t.rows,
        top,
        bottom: (t.lines[t.lines.length - 1] as (typeof run)[number]).y,
        xs: t.xs,
        line: t.rows[0]?.line ?? 1,
      };
      blocks.push({ y: top, block: docTable(laid, page) });
    }
    const pieces: Array<typeof run> = [[]];
    for (const line of run) {
      if (used.has(line)) {
        if ((pieces[pieces.length - 1] as typeof run).length) pieces.push([]);
      } else (pieces[pieces.length - 1] as typeof run).push(...splitFields(line));
    }
    for (const p of pieces.flatMap((lines) => paragraphsOf(lines, layout.width))) {
      const block: DocBlock = {
        type: "paragraph",
        text: p.text,
        place: { kind: "page", page, line: p.line },
      };
      flags.set(block, { endsOpen: p.endsOpen, startsFlush: p.startsFlush });
      blocks.push({ y: p.y, block });
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
 * A paragraph that runs to the right margin at the foot of a page and a paragraph that starts
 * flush left (not indented, no enumerator) at the head of the next page are one paragraph: it
 * keeps the place where it starts.
 */
function joinContinuedParagraphs(
  parts: DocPart[],
  flags: Map<DocBlock, { endsOpen: boolean; startsFlush: boolean }>,
): void {
  for (let i = 1; i < parts.length; i++) {
    const prev = (parts[i - 1] as DocPart).blocks;
    const next = (parts[i] as DocPart).blocks;
    const last = prev[prev.length - 1];
    const first = next[0];
    if (last?.type !== "paragraph" || first?.type !== "paragraph") continue;
    if (!flags.get(last)?.endsOpen || !flags.get(first)?.startsFlush) continue;
    last.text = joinLineTexts([last.text, first.text]);
    flags.set(last, {
      endsOpen: flags.get(first)?.endsOpen ?? false,
      startsFlush: flags.get(last)?.startsFlush ?? false,
    });
    next.shift();
    // A one-paragraph page may carry the paragraph on again.
    if (next.length === 0) parts[i] = { ...(parts[i] as DocPart), blocks: [] };
  }
}
