/**
 * The PDF format reader: pdfjs-dist text items and ruling lines → the document model.
 * One part per page (`第N页`); ruled tables become DocTables (merged cells with spans, a table
 * continued on the next page joined into one), the text between them paragraphs.
 */
import type { DocBlock, DocPart, DocTable, DocumentModel } from "../document/model.js";
import { UnreadableFileError } from "./errors.js";
import { alignedTables } from "./pdf/aligned-table.js";
import { extractPdf } from "./pdf/extract.js";
import type { RawRow } from "./pdf/grid-table.js";
import { joinLineTexts } from "./pdf/lines.js";
import { dropPageFurniture } from "./pdf/margins.js";
import { pageContent } from "./pdf/page-content.js";
import { type LaidTable, layoutPage, type PageLayout } from "./pdf/page-layout.js";
import { paragraphsOf, splitFields } from "./pdf/paragraphs.js";

/** Message for a PDF without a text layer (a scan). */
export const NO_TEXT_LAYER = "该PDF没有文字层（可能是扫描件），需要先做文字识别（OCR）后再导入";

/** Read a PDF into the document model. */
export async function readPdf(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  const pdf = await extractPdf(bytes, fileName);
  const warnings: string[] = [];
  const layouts: PageLayout[] = pdf.pages.map((page, i) => layoutPage(i + 1, pageContent(page, pdf.ops)));
  if (!layouts.some((l) => l.hasText)) throw new UnreadableFileError(NO_TEXT_LAYER);
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

/**
 * A page that starts with a table whose column lines fit the table that ends the previous page
 * (same outer edges, every column line of the new part on a column line of the old) continues
 * it: its rows are appended there, with spans counted in the old table's columns; header rows
 * repeated from the start of the table are dropped, and the page keeps no copy.
 */
function joinContinuedTables(parts: DocPart[], layouts: PageLayout[]): void {
  let open: { table: DocTable; xs: number[]; last: RawRow | undefined } | null = null;
  parts.forEach((part, i) => {
    const layout = layouts[i] as PageLayout;
    const laid = [...layout.tables].sort((a, b) => a.top - b.top);
    const first = part.blocks[0];
    const firstLaid = laid[0];
    if (open && first?.type === "table" && firstLaid && fitsColumns(open.xs, firstLaid.xs)) {
      const base = open.table;
      const xs = open.xs;
      const laidRows = [...firstLaid.rows];
      // A row broken by the page: its first line on the new page only finishes wrapped cells.
      const fragment = laidRows[0];
      if (fragment && open.last && finishesRow(open.last, fragment)) {
        const lastRow = base.rows[base.rows.length - 1];
        for (const c of fragment.cells) {
          if (!c.text) continue;
          const k = open.last.cells.findIndex(
            (b) => Math.abs(b.x0 - c.x0) <= NEAR && Math.abs(b.x1 - c.x1) <= NEAR,
          );
          const target = lastRow?.cells[k];
          if (target) target.text = joinLineTexts([target.text, c.text]);
        }
        laidRows.shift();
      }
      const rows = laidRows.map((r) => ({
        place: { kind: "page" as const, page: layout.page, line: r.line },
        cells: r.cells.map((c) => ({
          text: c.text,
          rowSpan: c.rowSpan,
          colSpan: columnsBetween(xs, c.x0, c.x1),
        })),
      }));
      let skip = 0;
      while (
        skip < rows.length &&
        skip < base.rows.length &&
        rowText(rows[skip]) === rowText(base.rows[skip])
      )
        skip++;
      if (skip === rows.length) skip = 0;
      base.rows.push(...rows.slice(skip));
      part.blocks.shift();
      laid.shift();
      if (part.blocks.length === 0) {
        const tail = firstLaid.rows[firstLaid.rows.length - 1];
        if (tail && tail !== fragment) open.last = tail;
        return;
      }
    }
    const last = part.blocks[part.blocks.length - 1];
    const lastLaid = laid[laid.length - 1];
    open =
      last?.type === "table" && lastLaid
        ? { table: last, xs: lastLaid.xs, last: lastLaid.rows[lastLaid.rows.length - 1] }
        : null;
  });
}

const AMOUNT = /^[-−]?[\d,]+(\.\d+)?%?$/;
const ENUMERATED = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d)/;

/**
 * The first row on a new page finishes the last row of the previous page when each of its
 * non-empty cells sits under a cell whose left-aligned text ran to its right border (was wrapped),
 * starts at the left border too, and reads as the rest of a name (not an amount, not a new
 * enumerated item).
 */
function finishesRow(last: RawRow, first: RawRow): boolean {
  const filled = first.cells.filter((c) => c.text);
  if (!filled.length) return false;
  return filled.every((c) => {
    if (AMOUNT.test(c.text) || ENUMERATED.test(c.text)) return false;
    const above = last.cells.find((b) => Math.abs(b.x0 - c.x0) <= NEAR && Math.abs(b.x1 - c.x1) <= NEAR);
    return Boolean(above?.text && above.full && above.flushLeft && c.flushLeft && !AMOUNT.test(above.text));
  });
}

function rowText(row: DocTable["rows"][number] | undefined): string {
  return row ? row.cells.map((c) => `${c.text}/${c.colSpan}`).join("|") : "";
}

const NEAR = 3;

function fitsColumns(base: number[], next: number[]): boolean {
  const near = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && Math.abs(a - b) <= NEAR;
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
