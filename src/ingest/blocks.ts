/**
 * Text layout reader: turns an exported disclosure text into a stream of blocks
 * (paragraphs and table rows of cells), whatever the export layout.
 *
 * Layouts seen in exports of DOCX/PDF disclosures:
 * - "docx":  one table cell per line with a leading tab; a row ends at a blank line;
 *            a line without a tab right after a cell continues that cell (cells split
 *            mid-word, multi-line cells).
 * - "pdf":   one row per line, cells separated by tabs; spaces inserted between CJK
 *            characters by the PDF text layer are removed.
 * Markers that are not document text (`[bookmark: …]`, Word field codes `{ TC … }`,
 * "page number") are stripped before anything else looks at a line.
 */

/**
 * A table cell: its text (continuation lines joined) and the line it starts on. A reader that
 * knows merged cells (the document model) gives their spans; a text export does not.
 */
export interface Cell {
  text: string;
  line: number;
  /** Columns the cell covers (default 1). */
  colSpan?: number;
  /** Rows the cell covers (default 1). */
  rowSpan?: number;
}

/** A paragraph line outside any table. */
export interface Paragraph {
  type: "para";
  text: string;
  line: number;
}

/** A table row: cells in order, including blank ones. */
export interface Row {
  type: "row";
  cells: Cell[];
  line: number;
}

export type Block = Paragraph | Row;

export type Layout = "docx" | "pdf";

/** The blocks of one document plus the layout that was detected. */
export interface BlockStream {
  layout: Layout;
  blocks: Block[];
  /** Cleaned lines (1-based: lines[0] is line 1), for sentence lookups by line. */
  lines: string[];
}

const BOOKMARK = /\[bookmark:[^\]]*\]/g;
// Word field codes such as `{ TC 2、… \f C \l 1 }` or `{ PAGE }`.
const FIELD_CODE = /\{\s*(?:TC|PAGE|TOC|HYPERLINK|REF|SEQ|XE)\b[^}]*\}/g;
const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef";
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\u00a0]+|[ \\u00a0]+(?=[${CJK}])`, "g");

/** Remove markers that are not document text from one raw line. */
export function cleanLine(raw: string): string {
  let s = raw.replace(/\r$/, "").replace(BOOKMARK, "").replace(FIELD_CODE, "");
  if (/^\s*page number\s*$/i.test(s)) s = "";
  return s;
}

export { squash } from "../domain/text.js";

/** Trim ASCII, ideographic and no-break spaces from both ends. */
export function trimAll(text: string): string {
  return text.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, "");
}

const ENUMERATOR = /^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）]|目标\s*\d|[一二三四五六七八九十]+、)/;

/**
 * Join a cell's continuation lines: a line break after punctuation or before an
 * enumerator ("2.", "（三）", "目标 2") is kept; a break in the middle of a word is removed.
 */
export function joinContinuation(prev: string, next: string): string {
  if (prev === "") return next;
  if (next === "") return prev;
  if (/[。；;：:！？!?]$/.test(prev) || ENUMERATOR.test(next)) return `${prev}\n${next}`;
  return prev + next;
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

/** Read a whole text export into blocks. */
export function readBlocks(text: string): BlockStream {
  const rawLines = text.replace(/^\uFEFF/, "").split("\n");
  const lines = rawLines.map(cleanLine);
  const layout = detectLayout(lines);
  const blocks: Block[] = [];

  if (layout === "pdf") {
    lines.forEach((l, i) => {
      const line = i + 1;
      if (trimAll(l) === "") return;
      if (l.includes("\t")) {
        blocks.push({
          type: "row",
          line,
          cells: l.split("\t").map((c) => ({ text: pdfCellText(c), line })),
        });
      } else {
        blocks.push({ type: "para", text: pdfCellText(l), line });
      }
    });
    return { layout, blocks, lines };
  }

  let row: Row | null = null;
  let lastWasCellLine = false;
  lines.forEach((l, i) => {
    const line = i + 1;
    const cellMatch = /^[ \u3000]*\t(.*)$/.exec(l);
    if (cellMatch) {
      if (!row) {
        row = { type: "row", cells: [], line };
        blocks.push(row);
      }
      row.cells.push({ text: trimAll(cellMatch[1] ?? ""), line });
      lastWasCellLine = true;
      return;
    }
    if (trimAll(l) === "") {
      row = null;
      lastWasCellLine = false;
      return;
    }
    if (row && lastWasCellLine) {
      const cell = row.cells[row.cells.length - 1] as Cell;
      // A number never continues with Chinese text: that is a paragraph the export glued on
      // without a blank line (e.g. a heading right after a table's last amount).
      const numericCell = /^[-+]?[\d,]+(?:\.\d+)?%?$/.test(cell.text);
      if (!(numericCell && /[\u3400-\u9fff]/.test(l))) {
        cell.text = joinContinuation(cell.text, trimAll(l));
        return;
      }
    }
    row = null;
    lastWasCellLine = false;
    blocks.push({ type: "para", text: trimAll(l), line });
  });
  return { layout, blocks, lines };
}
