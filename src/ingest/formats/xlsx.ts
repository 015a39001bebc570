/**
 * Excel reader (SheetJS, @e965/xlsx): .xlsx, BIFF .xls, WPS .et (the same OLE2 container),
 * SpreadsheetML-2003 XML and HTML saved as .xls → document model, one part per visible sheet.
 *
 * - A cell's text is what Excel displays (`w`: the number format decides `5.00` vs `5`), trimmed
 *   (an accounting zero ` -   ` reads `-`).
 * - Merged cells (`!merges`) become colSpan/rowSpan at their top-left cell.
 * - Sheets declare huge ranges (`A1:IS65536`): only columns and rows up to the last one holding
 *   text are read. Hidden rows and columns are not printed, so not read (with a warning).
 * - A sheet may hold several tables, split on fully blank rows. At the top and bottom of each
 *   table, a row holding one text cell without digits, at the left or spanning columns (a title,
 *   `注：…`), is a paragraph instead.
 * - Places: `{ kind: "sheet", sheet, row }` with the sheet's own 1-based row number.
 */
import * as XLSX from "@e965/xlsx";
import * as cptable from "@e965/xlsx/dist/cpexcel.full.mjs";
import type { DocBlock, DocCell, DocPart, DocRow, DocumentFormat, DocumentModel } from "../document/model.js";
import { decodeText } from "./decode.js";
import { UnreadableFileError } from "./errors.js";
import { htmlProducer } from "./html.js";

// Code pages for BIFF5 and older files whose strings are in the system code page (936 = GBK).
XLSX.set_cptable(cptable);

/** How the workbook bytes are stored. */
function containerOf(bytes: Uint8Array): "zip" | "ole2" | "text" {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "zip";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "ole2";
  return "text";
}

/** Displayed text of a cell, trimmed line by line; "" for an empty cell. */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell) return "";
  let text: string;
  if (cell.w !== undefined) text = cell.w;
  else if (cell.v === undefined || cell.v === null) text = "";
  else {
    try {
      text = XLSX.utils.format_cell(cell);
    } catch {
      text = String(cell.v);
    }
  }
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

interface SheetCell {
  text: string;
  colSpan: number;
  rowSpan: number;
}

/** A sheet row: its 1-based number and the cells starting in it (blank ones included). */
interface SheetRow {
  row: number;
  cells: SheetCell[];
  /** Whether a merge from an earlier row reaches into this row. */
  covered: boolean;
}

/** Rows and columns the sheet hides: not printed, so not read. */
function hiddenOf(ws: XLSX.WorkSheet): { rows: Set<number>; cols: Set<number> } {
  const rows = new Set<number>();
  const cols = new Set<number>();
  (ws["!rows"] ?? []).forEach((r, i) => {
    if (r?.hidden) rows.add(i);
  });
  (ws["!cols"] ?? []).forEach((c, i) => {
    if (c?.hidden) cols.add(i);
  });
  return { rows, cols };
}

/**
 * Read a sheet's used area into rows of cells, merges applied, trailing empty rows/columns cut,
 * hidden rows and columns left out (a merge spans the visible rows and columns it covers).
 */
function sheetRows(ws: XLSX.WorkSheet, hidden = hiddenOf(ws)): SheetRow[] {
  const texts = new Map<string, string>();
  let maxRow = -1;
  let maxCol = -1;
  let minRow = Number.POSITIVE_INFINITY;
  for (const key of Object.keys(ws)) {
    if (key.startsWith("!")) continue;
    const text = cellText(ws[key] as XLSX.CellObject);
    if (text === "") continue;
    const { r, c } = XLSX.utils.decode_cell(key);
    if (hidden.rows.has(r) || hidden.cols.has(c)) continue;
    texts.set(`${r},${c}`, text);
    maxRow = Math.max(maxRow, r);
    maxCol = Math.max(maxCol, c);
    minRow = Math.min(minRow, r);
  }
  if (maxRow < 0) return [];
  const visible = (from: number, to: number, skip: Set<number>) => {
    let n = 0;
    for (let i = from; i <= to; i++) if (!skip.has(i)) n++;
    return n;
  };
  const origins = new Map<string, { rs: number; cs: number }>();
  const covered = new Set<string>();
  const coveredRows = new Set<number>();
  for (const m of ws["!merges"] ?? []) {
    const s = m.s;
    if (s.r > maxRow || s.c > maxCol || hidden.rows.has(s.r) || hidden.cols.has(s.c)) continue;
    const er = Math.min(m.e.r, maxRow);
    const ec = Math.min(m.e.c, maxCol);
    origins.set(`${s.r},${s.c}`, { rs: visible(s.r, er, hidden.rows), cs: visible(s.c, ec, hidden.cols) });
    for (let r = s.r; r <= er; r++) {
      for (let c = s.c; c <= ec; c++) if (r !== s.r || c !== s.c) covered.add(`${r},${c}`);
      if (r > s.r) coveredRows.add(r);
    }
  }
  const rows: SheetRow[] = [];
  for (let r = minRow; r <= maxRow; r++) {
    if (hidden.rows.has(r)) continue;
    const cells: SheetCell[] = [];
    for (let c = 0; c <= maxCol; c++) {
      const key = `${r},${c}`;
      if (covered.has(key) || hidden.cols.has(c)) continue;
      const span = origins.get(key);
      cells.push({ text: texts.get(key) ?? "", colSpan: span?.cs ?? 1, rowSpan: span?.rs ?? 1 });
    }
    rows.push({ row: r + 1, cells, covered: coveredRows.has(r) });
  }
  return rows;
}

const NUMBER = /^[-+(（]?[\d,，.]+[)）]?%?$/;

function isBlank(row: SheetRow): boolean {
  return !row.covered && row.cells.every((c) => c.text === "");
}

/**
 * A row that reads as a title or note: one cell of words (not a number), at the left or spanning
 * columns, merged over no other row.
 */
function isTitleRow(row: SheetRow): boolean {
  if (row.covered) return false;
  const filled = row.cells.filter((c) => c.text !== "");
  if (filled.length !== 1) return false;
  const only = filled[0] as SheetCell;
  if (only.rowSpan > 1 || !/[\u3400-\u9fffA-Za-z]/.test(only.text) || NUMBER.test(only.text)) return false;
  return row.cells[0] === only || only.colSpan > 1;
}

/** Split a sheet's rows into blocks: tables separated by blank rows, title rows as paragraphs. */
function sheetBlocks(sheet: string, rows: SheetRow[]): DocBlock[] {
  const blocks: DocBlock[] = [];
  const segments: SheetRow[][] = [];
  let current: SheetRow[] = [];
  for (const row of rows) {
    if (isBlank(row)) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else current.push(row);
  }
  if (current.length > 0) segments.push(current);
  const paragraph = (row: SheetRow): DocBlock => ({
    type: "paragraph",
    text: (row.cells.find((c) => c.text !== "") as SheetCell).text,
    place: { kind: "sheet", sheet, row: row.row },
  });
  for (const seg of segments) {
    let start = 0;
    let end = seg.length;
    while (start < end && isTitleRow(seg[start] as SheetRow)) start++;
    while (end > start && isTitleRow(seg[end - 1] as SheetRow)) end--;
    for (const row of seg.slice(0, start)) blocks.push(paragraph(row));
    const body = seg.slice(start, end);
    if (body.length > 0) {
      const docRows: DocRow[] = body.map((r, i) => ({
        cells: r.cells.map(
          (c): DocCell => ({
            text: c.text,
            colSpan: c.colSpan,
            rowSpan: Math.min(c.rowSpan, body.length - i),
          }),
        ),
        place: { kind: "sheet", sheet, row: r.row },
      }));
      blocks.push({
        type: "table",
        rows: docRows,
        place: { kind: "sheet", sheet, row: (body[0] as SheetRow).row },
      });
    }
    for (const row of seg.slice(end)) blocks.push(paragraph(row));
  }
  return blocks;
}

/** The application a workbook names (`Microsoft Excel`, `WPS 表格`), when it does. */
function producerOf(wb: XLSX.WorkBook): string | null {
  const props = wb.Props as (XLSX.FullProperties & { Application?: string; AppVersion?: string }) | undefined;
  const app = props?.Application?.trim();
  return app ? app : null;
}

/**
 * Read a workbook (.xlsx, .xls, .et, SpreadsheetML-2003 or HTML saved as .xls) into the document
 * model: one part per visible sheet, labelled `工作表“<name>”`.
 */
export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  const container = containerOf(bytes);
  let wb: XLSX.WorkBook;
  let producer: string | null = null;
  try {
    // cellStyles: hidden rows and columns (`!rows`, `!cols`) are only read with it.
    const options: XLSX.ParsingOptions = {
      cellNF: true,
      cellText: true,
      cellDates: false,
      cellHTML: false,
      cellStyles: true,
    };
    if (container === "text") {
      const text = decodeText(bytes);
      wb = XLSX.read(text, { ...options, type: "string" });
      producer = htmlProducer(text);
      // Excel's "web page" names its one sheet in an <x:Name> the HTML reader cannot see.
      const name = /<x:Name>([^<]+)<\/x:Name>/.exec(text)?.[1]?.trim();
      const only = wb.SheetNames[0];
      if (name && wb.SheetNames.length === 1 && only && only !== name) {
        wb.Sheets[name] = wb.Sheets[only] as XLSX.WorkSheet;
        delete wb.Sheets[only];
        wb.SheetNames = [name];
      }
    } else {
      wb = XLSX.read(bytes, { ...options, type: "array" });
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(message)) {
      throw new UnreadableFileError(
        `表格文件 ${fileName} 设有密码，请在 Excel 或 WPS 中取消密码后再导入`,
        "encrypted",
      );
    }
    throw new UnreadableFileError(`无法读取表格文件 ${fileName}：${message}`);
  }
  const format: DocumentFormat = container === "zip" ? "xlsx" : "xls";
  const warnings: string[] = [];
  const parts: DocPart[] = [];
  wb.SheetNames.forEach((name, i) => {
    const hidden = wb.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    if (hidden) {
      warnings.push(`工作表“${name}”是隐藏的，未读取`);
      return;
    }
    const ws = wb.Sheets[name];
    if (!ws) return;
    const hiddenParts = hiddenOf(ws);
    if (hiddenParts.rows.size + hiddenParts.cols.size > 0) {
      warnings.push(
        `工作表“${name}”有隐藏的${[hiddenParts.rows.size ? `${hiddenParts.rows.size}行` : "", hiddenParts.cols.size ? `${hiddenParts.cols.size}列` : ""].filter(Boolean).join("、")}，未读取（打印时也不显示）`,
      );
    }
    parts.push({ label: `工作表“${name}”`, blocks: sheetBlocks(name, sheetRows(ws, hiddenParts)) });
  });
  if (parts.every((p) => p.blocks.length === 0)) {
    throw new UnreadableFileError(`表格文件 ${fileName} 中没有可读取的内容`, "empty");
  }
  for (const p of parts) if (p.blocks.length === 0) warnings.push(`${p.label}是空的`);
  return { format, producer: producer ?? producerOf(wb), parts, warnings };
}
