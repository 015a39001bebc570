/**
 * Rebuild seed 000 (data/000_30685518d77b763b.txt, a Word text export) as the files real users
 * have: test/fixtures/formats/seed000.{html,xlsx,xls,docx,pdf}.
 *
 *   npx tsx scripts/make-format-fixtures.ts
 *
 * - The text is read with the project's text reader (paragraphs and rows); consecutive rows form
 *   one table.
 * - Rows the export broke at a blank line inside a cell are one row again (rejoinBrokenRows).
 * - Two-row headers get their merges back: the Word export shows a
 *   vertically merged cell's continuation as a blank cell and a horizontally merged cell once,
 *   so `序号 | 收入 | 支出` over `"" | 项目 | 预算数 | 项目 | 预算数` is 序号 rowspan 2 and
 *   收入/支出 colspan 2.
 * - seed000.html: GBK encoded, `<meta charset=gbk>`, rowspan/colspan.
 * - seed000.xlsx: SheetJS; one sheet per standard table plus one for the rest; amounts as numbers
 *   with a `0.00` format (displayed text = printed text), merges as `!merges`.
 * - seed000.xls: LibreOffice from the xlsx. seed000.docx and seed000.pdf: LibreOffice from the html.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import { kindOfTitle } from "../src/ingest/standard-tables.js";
import { rejoinBrokenRows } from "../test/helpers/broken-rows.js";
import { soffice } from "./lib/soffice.js";

const ROOT = new URL("..", import.meta.url).pathname;
const SOURCE = join(ROOT, "data/000_30685518d77b763b.txt");
const OUT = join(ROOT, "test/fixtures/formats");

interface Cell {
  text: string;
  colSpan: number;
  rowSpan: number;
}
type Row = Cell[];
type Item = { kind: "para"; text: string } | { kind: "table"; rows: Row[] };

// Module paths held in variables: whichever text reader the branch has is loaded at run time.
const TEXT_READER: string = "../src/ingest/formats/text.js";
const BLOCKS_READER: string = "../src/ingest/blocks.js";

/**
 * Paragraphs and tables (runs of consecutive rows) of the text export, in order, read by the
 * project's text reader (formats/text.ts readText, or the older blocks.ts readBlocks).
 */
async function itemsOf(text: string, file: string): Promise<Item[]> {
  type Model = { parts: Array<{ blocks: Array<{ type: string; text?: string; rows?: Array<{ cells: Array<{ text: string }> }> }> }> };
  type Stream = { blocks: Array<{ type: string; text?: string; cells?: Array<{ text: string }> }> };
  const reader = (await import(TEXT_READER).catch(() => null)) as {
    readText?: (bytes: Uint8Array, fileName: string) => Promise<Model>;
  } | null;
  const rows: Array<string | string[]> = [];
  if (reader?.readText) {
    const model = await reader.readText(new TextEncoder().encode(text), file);
    for (const b of model.parts.flatMap((p) => p.blocks)) {
      if (b.type === "paragraph") rows.push(b.text ?? "");
      else for (const r of b.rows ?? []) rows.push(r.cells.map((c) => c.text));
    }
  } else {
    const { readBlocks } = (await import(BLOCKS_READER)) as { readBlocks: (t: string) => Stream };
    for (const b of readBlocks(text).blocks) rows.push(b.type === "para" ? (b.text ?? "") : (b.cells ?? []).map((c) => c.text));
  }
  const items: Item[] = [];
  for (const r of rows) {
    if (typeof r === "string") {
      items.push({ kind: "para", text: r });
      continue;
    }
    const row = r.map((t) => ({ text: t, colSpan: 1, rowSpan: 1 }));
    const last = items[items.length - 1];
    if (last?.kind === "table") last.rows.push(row);
    else items.push({ kind: "table", rows: [row] });
  }
  return items;
}

/**
 * Give a two-row header its merges back when they can be told: row `a` has no blank cell, row
 * `b` is wider and its blank cells sit under the vertically merged cells of `a`; each run of
 * `b`'s other cells is shared evenly by the cells of `a` above it. Returns whether it merged.
 */
function mergeHeader(a: Row, b: Row): boolean {
  if (b.length <= a.length || a.some((c) => c.text === "") || !b.some((c) => c.text === "")) return false;
  // A header is words: no amounts or codes (`项目编码 | 13660024P00449710005Q` is data).
  if (a.some((c) => /\d{5,}|^[\d.,]+$/.test(c.text))) return false;
  const spans: number[] = [];
  let p = 0;
  let i = 0;
  while (i < a.length) {
    if (b[p]?.text === "") {
      spans.push(0); // rowspan 2
      p++;
      i++;
      continue;
    }
    let run = 0;
    while (p + run < b.length && b[p + run]?.text !== "") run++;
    // The cells of `a` above this run: all but one per later blank and one per later run.
    const rest = b.slice(p + run);
    const laterBlanks = rest.filter((c) => c.text === "").length;
    const laterRuns = rest.filter((c, k) => c.text !== "" && (k === 0 || rest[k - 1]?.text === "")).length;
    const group = a.length - i - laterBlanks - laterRuns;
    if (group <= 0 || run % group !== 0) return false;
    for (let g = 0; g < group; g++) spans.push(run / group);
    p += run;
    i += group;
  }
  if (p !== b.length) return false;
  a.forEach((cell, k) => {
    const s = spans[k] as number;
    if (s === 0) cell.rowSpan = 2;
    else cell.colSpan = s;
  });
  // The blank continuation cells of the vertical merges are covered, not cells of their own.
  for (let k = b.length - 1; k >= 0; k--) if (b[k]?.text === "") b.splice(k, 1);
  return true;
}

/** Apply mergeHeader to the first header pair of every table; rejoin rows the export broke. */
function restoreMerges(items: Item[]): string[] {
  const merged: string[] = [];
  for (const item of items) {
    if (item.kind === "para") continue;
    item.rows = rejoinBrokenRows(item.rows, (c) => c.text);
    for (let r = 0; r + 1 < item.rows.length; r++) {
      if (mergeHeader(item.rows[r] as Row, item.rows[r + 1] as Row)) {
        merged.push((item.rows[r] as Row).map((c) => c.text).join("|"));
        break;
      }
    }
  }
  return merged;
}

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/ {2,}/g, (m) => "&nbsp;".repeat(m.length))
    .replace(/\t/g, "&nbsp;&nbsp;")
    .replace(/\n/g, "<br>");

function toHtml(items: Item[]): string {
  const out = [
    "<!DOCTYPE html>",
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">',
    "<title>部门预算</title>",
    "<style>body{font-size:9pt}table{border-collapse:collapse;width:100%}td{border:1px solid #000;padding:1px 2px;font-size:9pt}</style>",
    "</head><body>",
  ];
  for (const item of items) {
    if (item.kind === "para") {
      out.push(`<p>${escapeHtml(item.text)}</p>`);
      continue;
    }
    out.push('<table border="1" cellspacing="0" cellpadding="2" width="100%">');
    for (const row of item.rows) {
      const tds = row.map((c) => {
        const attrs = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ""}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ""}`;
        return `<td${attrs}>${c.text === "" ? "&nbsp;" : escapeHtml(c.text)}</td>`;
      });
      out.push(`<tr>${tds.join("")}</tr>`);
    }
    out.push("</table>");
  }
  out.push("</body></html>");
  return `${out.join("\n")}\n`;
}

/** A cell as Excel would hold it: amounts as numbers whose format prints the same text. */
function excelCell(text: string): XLSX.CellObject {
  if (/^(?:0|[1-9]\d{0,14})$/.test(text)) return { t: "n", v: Number(text) };
  const dec = /^-?(?:0|[1-9]\d{0,14})\.(\d{1,6})$/.exec(text);
  if (dec) return { t: "n", v: Number(text), z: `0.${"0".repeat((dec[1] as string).length)}` };
  return { t: "s", v: text };
}

/** Sheet names: one sheet per standard table (`1.收支总表`), the rest on one `说明` sheet. */
function toWorkbook(items: Item[]): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  type SheetRows = { name: string; rows: Array<Array<XLSX.CellObject | null>>; merges: XLSX.Range[] };
  let sheet: SheetRows | null = null;
  const sheets: SheetRows[] = [];
  let tables = 0;
  let afterTable = false;
  for (const item of items) {
    const kind = item.kind === "para" ? kindOfTitle(item.text) : null;
    const startsNarrative = item.kind === "para" && !kind && afterTable && !/^注/.test(item.text) && tables >= 9 && sheet?.name !== "说明";
    if (kind || startsNarrative || !sheet) {
      sheet = { name: kind ? `${++tables}.${kind}`.slice(0, 31) : "说明", rows: [], merges: [] };
      sheets.push(sheet);
      afterTable = false;
    }
    if (item.kind === "para") {
      if (afterTable) sheet.rows.push([]);
      sheet.rows.push([{ t: "s", v: item.text }]);
      afterTable = false;
      continue;
    }
    const top = sheet.rows.length;
    const grid: Array<Array<XLSX.CellObject | null>> = [];
    item.rows.forEach((row, r) => {
      const line = (grid[r] ??= []);
      let c = 0;
      for (const cell of row) {
        while (line[c] !== undefined) c++;
        for (let dr = 0; dr < cell.rowSpan; dr++) {
          const target = (grid[r + dr] ??= []);
          for (let dc = 0; dc < cell.colSpan; dc++) target[c + dc] = null;
        }
        line[c] = cell.text === "" ? null : excelCell(cell.text);
        if (cell.colSpan > 1 || cell.rowSpan > 1) {
          sheet?.merges.push({ s: { r: top + r, c }, e: { r: top + r + cell.rowSpan - 1, c: c + cell.colSpan - 1 } });
        }
        c += cell.colSpan;
      }
    });
    sheet.rows.push(...grid);
    afterTable = true;
  }
  for (const s of sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxC = 0;
    s.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell) ws[XLSX.utils.encode_cell({ r, c })] = cell;
        maxC = Math.max(maxC, c);
      });
    });
    ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, s.rows.length - 1), c: maxC } });
    ws["!merges"] = s.merges;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  return wb;
}


async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const items = await itemsOf(readFileSync(SOURCE, "utf8"), SOURCE.split("/").pop() as string);
  const merged = restoreMerges(items);
  console.log(`merged headers: ${merged.length}\n  ${merged.join("\n  ")}`);

  const html = toHtml(items);
  const gbk = iconv.encode(html, "gbk");
  if (iconv.decode(gbk, "gbk") !== html) throw new Error("seed 000 has characters outside GBK");
  writeFileSync(join(OUT, "seed000.html"), gbk);

  const wb = toWorkbook(items);
  writeFileSync(join(OUT, "seed000.xlsx"), XLSX.write(wb, { type: "buffer", bookType: "xlsx", compression: true }));

  const work = mkdtempSync(join(tmpdir(), "seed000-"));
  try {
    copyFileSync(join(OUT, "seed000.xlsx"), join(work, "seed000.xlsx"));
    copyFileSync(join(OUT, "seed000.html"), join(work, "seed000.html"));
    copyFileSync(soffice(join(work, "seed000.xlsx"), "xls", work), join(OUT, "seed000.xls"));
    const docx = soffice(join(work, "seed000.html"), 'docx:MS Word 2007 XML', work);
    copyFileSync(docx, join(OUT, "seed000.docx"));
    copyFileSync(soffice(docx, "pdf", work), join(OUT, "seed000.pdf"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`wrote ${OUT}/seed000.{html,xlsx,xls,docx,pdf}`);
  writeSamples();
}

/** A small Word file with a nested table and curly quotes, and a legacy .doc (to be refused). */
function writeSamples(): void {
  const html = [
    '<html><head><meta charset="utf-8"></head><body>',
    "<p>四、财政拨款“三公”经费预算情况</p>",
    '<table border="1"><tr><td>项目</td><td>说明</td></tr>',
    '<tr><td>“三公”经费</td><td><p>合计 5.00 万元</p><table border="1"><tr><td>公务接待费</td><td>5.00</td></tr></table></td></tr>',
    "</table>",
    "<p>以上数据为预算数。</p>",
    "</body></html>",
  ].join("\n");
  const work = mkdtempSync(join(tmpdir(), "samples-"));
  try {
    writeFileSync(join(work, "nested.html"), html);
    copyFileSync(soffice(join(work, "nested.html"), "docx:MS Word 2007 XML", work), join(OUT, "nested.docx"));
    writeFileSync(join(work, "legacy.html"), '<html><head><meta charset="utf-8"></head><body><p>旧版 Word 文档</p></body></html>');
    copyFileSync(soffice(join(work, "legacy.html"), "doc:MS Word 97", work), join(OUT, "legacy.doc"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`wrote ${OUT}/nested.docx, legacy.doc`);
}

await main();
