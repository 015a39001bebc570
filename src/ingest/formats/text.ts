/**
 * The text format reader: a disclosure exported as plain text → the document model.
 *
 * Layouts seen in exports of DOCX/PDF disclosures:
 * - "docx":  one table cell per line with a leading tab; a row ends at a blank line;
 *            a line without a tab right after a cell continues that cell (cells split
 *            mid-word, multi-line cells).
 * - "pdf":   one row per line, cells separated by tabs; spaces inserted between CJK
 *            characters by the PDF text layer are removed.
 * - page text whose cells end in ` |` (`收入 | 100.00 |`, also `| 收入 | 100.00 |`): one row per
 *   line, in either layout.
 * - page text with one cell per line (`收入 |`, `675.82 |`) and nothing between rows: rows rebuilt
 *   from the header words (cell-lines.ts).
 * Markers that are not document text (`[bookmark: …]`, Word field codes `{ TC … }`,
 * "page number") are stripped before anything else looks at a line.
 *
 * Every block, row and cell has the place `{ kind: "line", line }` of the file line it starts on;
 * consecutive rows (blank lines between them allowed) form one table.
 */
import { joinContinuation, trimAll } from "../../domain/text.js";
import type { DocBlock, DocCell, DocRow, DocTable, DocumentModel, Place } from "../document/model.js";
import { type LineCell, oneCellLine, rowsOfCellLines } from "./cell-lines.js";
import { decodeText } from "./decode.js";
import { UnreadableFileError } from "./errors.js";

/** How tabs are used: a cell per line (DOCX export) or cells separated on one line (PDF export). */
export type Layout = "docx" | "pdf";

const BOOKMARK = /\[bookmark:[^\]]*\]/g;
// Word field codes such as `{ TC 2、… \f C \l 1 }` or `{ PAGE }`.
const FIELD_CODE = /\{\s*(?:TC|PAGE|TOC|HYPERLINK|REF|SEQ|XE)\b[^}]*\}/g;
const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef";
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\u00a0]+|[ \\u00a0]+(?=[${CJK}])`, "g");
/** A row of page text: cells each ending in " |" (optionally a leading "| "). */
const PIPE_ROW = /^\s*\|?.*\S\s+\|\s*$/;
/** A Markdown-style rule under a pipe header: `|---|:---:|`. */
const PIPE_RULE = /^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*$/;

/** Remove markers that are not document text from one raw line. */
export function cleanLine(raw: string): string {
  let s = raw.replace(/\r$/, "").replace(BOOKMARK, "").replace(FIELD_CODE, "");
  if (/^\s*page number\s*$/i.test(s)) s = "";
  return s;
}

function isPipeRow(l: string): boolean {
  return PIPE_ROW.test(l) && (l.match(/\|/g)?.length ?? 0) >= 2;
}

/** Detect whether tabs separate cells on one line (PDF) or start a cell line (DOCX). */
export function detectLayout(lines: string[]): Layout {
  let leadingOnly = 0;
  let inner = 0;
  for (const l of lines) {
    if (/^[ \u3000]*\t[^\t]*$/.test(l)) leadingOnly++;
    else if (/[^\t\s][^\t]*\t/.test(l) || (l.match(/\t/g)?.length ?? 0) >= 2) inner++;
  }
  return inner > leadingOnly ? "pdf" : "docx";
}

function pdfCellText(s: string): string {
  return trimAll(s.replace(SPACE_BETWEEN_CJK, ""));
}

function pipeCells(l: string): string[] {
  const body = l.trim().replace(/^\|/, "").replace(/\|$/, "");
  return body.split("|").map(pdfCellText);
}

const at = (line: number): Place => ({ kind: "line", line });

function cell(text: string, line: number, own: boolean): DocCell {
  const c: DocCell = { text, colSpan: 1, rowSpan: 1 };
  if (own) {
    c.place = at(line);
    c.printed = [{ text, place: at(line) }];
  }
  return c;
}

/** Collects blocks: consecutive rows go into one table until a paragraph interrupts. */
class Builder {
  readonly blocks: DocBlock[] = [];
  private table: DocTable | null = null;

  row(r: DocRow): void {
    if (!this.table) {
      this.table = { type: "table", rows: [], place: r.place };
      this.blocks.push(this.table);
    }
    this.table.rows.push(r);
  }

  /** Close the current table: the next row starts a new one. */
  endTable(): void {
    this.table = null;
  }

  paragraph(text: string, line: number): void {
    this.table = null;
    this.blocks.push({ type: "paragraph", text, place: at(line) });
  }
}

/** Runs of at least 4 one-cell lines that rebuild into a table, by the index of their first line. */
function cellLineTables(lines: string[]): Map<number, { end: number; lead: LineCell[]; rows: DocRow[] }> {
  const out = new Map<number, { end: number; lead: LineCell[]; rows: DocRow[] }>();
  for (let i = 0; i < lines.length; ) {
    const cells: LineCell[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      const t = oneCellLine(lines[j] as string);
      if (t === null) break;
      cells.push({ text: pdfCellText(t), line: j + 1 });
    }
    const built = cells.length >= 4 ? rowsOfCellLines(cells) : null;
    if (built) {
      const rows = built.rows.map((r) => ({
        cells: r.cells.map((c) => ({ ...cell(c.text, c.line, true), colSpan: c.colSpan })),
        place: at(r.line),
      }));
      out.set(i, { end: j, lead: built.lead, rows });
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

/** Read a whole text export (already decoded) into the document model. */
export function textModel(text: string): DocumentModel {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .map(cleanLine);
  const runs = cellLineTables(lines);
  const skip = new Set<number>();
  for (const [start, run] of runs) for (let k = start; k < run.end; k++) skip.add(k);
  const layout = detectLayout(lines.filter((l, i) => !skip.has(i) && !isPipeRow(l)));
  const b = new Builder();
  /** Emit a rebuilt one-cell-per-line table starting at line index i; true when one starts there. */
  const cellRun = (i: number): boolean => {
    const run = runs.get(i);
    if (!run) return false;
    for (const c of run.lead) if (trimAll(c.text) !== "") b.paragraph(c.text, c.line);
    b.endTable();
    for (const r of run.rows) b.row(r);
    b.endTable();
    return true;
  };

  if (layout === "pdf") {
    lines.forEach((l, i) => {
      const line = i + 1;
      if (cellRun(i) || skip.has(i)) return;
      if (trimAll(l) === "" || PIPE_RULE.test(l)) return;
      const cells = isPipeRow(l) ? pipeCells(l) : l.includes("\t") ? l.split("\t").map(pdfCellText) : null;
      if (cells) b.row({ cells: cells.map((c) => cell(c, line, false)), place: at(line) });
      else b.paragraph(pdfCellText(l), line);
    });
  } else {
    let row: DocRow | null = null;
    let lastWasCellLine = false;
    lines.forEach((l, i) => {
      const line = i + 1;
      if (cellRun(i)) {
        row = null;
        lastWasCellLine = false;
        return;
      }
      if (skip.has(i) || PIPE_RULE.test(l)) return;
      if (isPipeRow(l)) {
        row = null;
        lastWasCellLine = false;
        b.row({ cells: pipeCells(l).map((c) => cell(c, line, false)), place: at(line) });
        return;
      }
      const cellMatch = /^[ \u3000]*\t(.*)$/.exec(l);
      if (cellMatch) {
        if (!row) {
          row = { cells: [], place: at(line) };
          b.row(row);
        }
        row.cells.push(cell(trimAll(cellMatch[1] ?? ""), line, true));
        lastWasCellLine = true;
        return;
      }
      if (trimAll(l) === "") {
        row = null;
        lastWasCellLine = false;
        return;
      }
      if (row && lastWasCellLine) {
        const c = row.cells[row.cells.length - 1] as DocCell;
        // A number never continues with Chinese text: that is a paragraph the export glued on
        // without a blank line (e.g. a heading right after a table's last amount).
        const numericCell = /^[-+]?[\d,]+(?:\.\d+)?%?$/.test(c.text);
        if (!(numericCell && /[\u3400-\u9fff]/.test(l))) {
          c.text = joinContinuation(c.text, trimAll(l));
          c.printed?.push({ text: trimAll(l), place: at(line) });
          return;
        }
      }
      row = null;
      lastWasCellLine = false;
      b.paragraph(trimAll(l), line);
    });
  }
  return { format: "text", producer: null, parts: [{ label: "", blocks: b.blocks }], warnings: [] };
}

/** The text format reader: decode (BOM, else UTF-8), refuse empty text, read the layout. */
export async function readText(bytes: Uint8Array, _fileName: string): Promise<DocumentModel> {
  const text = decodeText(bytes);
  if (text.trim() === "") throw new UnreadableFileError("文件为空", "empty", "not-a-disclosure");
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 20 && bad / text.length > 0.01)
    throw new UnreadableFileError("文件不是 UTF-8 文本", "unreadable", "not-a-disclosure");
  return textModel(text);
}
