/**
 * Web page reader: an HTML file (any encoding) → document model, one part holding paragraphs
 * and tables in document order. Also reads the HTML that mammoth makes from a .docx.
 *
 * - Paragraphs: `<p>`, headings, `<div>` text, list items; `<br>` separates lines, each its own
 *   paragraph. Whitespace collapses as a browser shows it; a line break in the source between
 *   two Chinese characters is no space at all. `&nbsp;` is a space (a cell holding only `&nbsp;`
 *   is blank).
 * - Tables: rows of the table itself (not of tables nested in it), cells with colspan/rowspan.
 *   A table holding tables whose rows never hold two texts side by side is page layout
 *   (government sites wrap the page in one): its cells are read as flow, so the inner tables
 *   come out as tables in order. Otherwise a nested table is part of its cell's text, a line
 *   per row.
 * - `<script>`, `<style>`, `<head>`, comments and `display:none` elements are ignored.
 * - Excel 2003 XML (SpreadsheetML), which looks like markup, is handed to the Excel reader.
 */
import * as cheerio from "cheerio";
import type {
  DocBlock,
  DocCell,
  DocParagraph,
  DocRow,
  DocTable,
  DocumentFormat,
  DocumentModel,
} from "../document/model.js";
import { decodeText } from "./decode.js";
import { UnreadableFileError } from "./errors.js";

/** The parts of a parsed HTML node this reader looks at (domhandler's shape). */
interface HtmlNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: HtmlNode[];
}

const IGNORED = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "head",
  "title",
  "iframe",
  "object",
  "svg",
  "button",
  "select",
  "option",
]);
const BLOCK = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "nav",
  "aside",
  "blockquote",
  "pre",
  "center",
  "address",
  "figure",
  "figcaption",
  "caption",
  "form",
  "fieldset",
  "hr",
  "body",
  "html",
  "tr",
  "td",
  "th",
  "thead",
  "tbody",
  "tfoot",
]);
const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef";
const BREAK_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\t\\r\\f]*\\n\\s*(?=[${CJK}])`, "g");

function isHidden(el: HtmlNode): boolean {
  const style = el.attribs?.style ?? "";
  return /display\s*:\s*none/i.test(style) || el.attribs?.hidden !== undefined;
}

/** Collapse source whitespace as a browser shows it; `&nbsp;` (U+00A0) becomes a plain space. */
function collapse(raw: string): string {
  return raw
    .replace(BREAK_BETWEEN_CJK, "")
    .replace(/[ \t\r\n\f]+/g, " ")
    .replace(/\u00a0/g, " ");
}

/** Trim spaces (ASCII, ideographic, no-break) at both ends of every line; drop blank edge lines. */
function tidyLines(text: string): string {
  return text
    .split("\n")
    .map((l) => l.replace(/^[ \u3000\u00a0]+|[ \u3000\u00a0]+$/g, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "")
    .replace(/\n{2,}/g, "\n");
}

/** Accumulates raw flow text; a line ends at each block boundary or `<br>`, whitespace collapsed then. */
class LineBuffer {
  private current = "";
  readonly lines: string[] = [];
  add(text: string): void {
    this.current += text;
  }
  flush(): void {
    const t = tidyLines(collapse(this.current));
    if (t !== "") this.lines.push(...t.split("\n"));
    this.current = "";
  }
}

function containsTable(node: HtmlNode): boolean {
  for (const c of node.children ?? []) {
    if (c.type !== "tag" && c.type !== "script" && c.type !== "style") continue;
    if (c.name === "table") return true;
    if (containsTable(c)) return true;
  }
  return false;
}

/** Text of a node outside any table nested in it. */
function ownText(node: HtmlNode): string {
  let out = "";
  const walk = (n: HtmlNode) => {
    if (n.type === "text") out += n.data ?? "";
    else if (n.type === "tag" && n.name !== "table" && !IGNORED.has(n.name ?? ""))
      for (const c of n.children ?? []) walk(c);
  };
  walk(node);
  return out.replace(/[\s\u00a0\u3000]+/g, "");
}

/** A `<td>` or `<th>`. */
const isCell = (n: HtmlNode): boolean => n.type === "tag" && (n.name === "td" || n.name === "th");

/**
 * A table that holds tables and never puts text side by side in one row is page layout (a
 * government site wrapping its page): its cells are read as flow. A table with a nested table
 * that is a grid of text is data: the nested table becomes lines of its cell's text.
 */
function isLayoutTable(table: HtmlNode): boolean {
  if (!containsTable(table)) return false;
  return ownRows(table).every((tr) => {
    const cells = (tr.children ?? []).filter(isCell);
    return cells.filter((td) => ownText(td) !== "").length <= 1;
  });
}

/** The rows of a table itself: `<tr>` children, directly or through thead/tbody/tfoot. */
function ownRows(table: HtmlNode): HtmlNode[] {
  const rows: HtmlNode[] = [];
  const visit = (n: HtmlNode) => {
    for (const c of n.children ?? []) {
      if (c.type !== "tag") continue;
      if (c.name === "tr") {
        if (!isHidden(c)) rows.push(c);
      } else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") visit(c);
    }
  };
  visit(table);
  return rows;
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

/** Text of a node as lines (cells: paragraphs and `<br>` inside a cell become `\n`). */
function textOf(node: HtmlNode): string {
  const buf = new LineBuffer();
  const walk = (n: HtmlNode) => {
    if (n.type === "text") {
      buf.add(n.data ?? "");
      return;
    }
    if (n.type !== "tag") return;
    const name = n.name ?? "";
    if (IGNORED.has(name) || isHidden(n)) return;
    if (name === "br") {
      buf.flush();
      return;
    }
    if (name === "table") {
      // A table nested in a cell: one line per row, its cells separated by a space.
      buf.flush();
      for (const tr of ownRows(n)) {
        const cells = (tr.children ?? []).filter(isCell);
        buf.add(
          cells
            .map((td) => textOf(td).replace(/\n/g, " "))
            .filter((t) => t !== "")
            .join(" "),
        );
        buf.flush();
      }
      return;
    }
    const block = BLOCK.has(name);
    if (block) buf.flush();
    for (const c of n.children ?? []) walk(c);
    if (block) buf.flush();
  };
  for (const c of node.children ?? []) walk(c);
  buf.flush();
  return buf.lines.join("\n");
}

/** Walks a document body, numbering tables and paragraphs in document order. */
class FlowReader {
  readonly blocks: DocBlock[] = [];
  private tables = 0;
  private paragraphs = 0;
  private readonly buf = new LineBuffer();

  private flush(): void {
    this.buf.flush();
    for (const text of this.buf.lines.splice(0)) {
      const p: DocParagraph = {
        type: "paragraph",
        text,
        place: { kind: "paragraph", paragraph: ++this.paragraphs },
      };
      this.blocks.push(p);
    }
  }

  walk(n: HtmlNode): void {
    if (n.type === "text") {
      this.buf.add(n.data ?? "");
      return;
    }
    if (n.type !== "tag" && n.type !== "root") return;
    const name = n.name ?? "";
    if (IGNORED.has(name) || isHidden(n)) return;
    if (name === "br") {
      this.flush();
      return;
    }
    if (name === "table") {
      this.flush();
      if (isLayoutTable(n)) {
        // A layout table: read its cells as flow, row by row.
        for (const tr of ownRows(n)) {
          for (const td of tr.children ?? []) {
            if (isCell(td)) {
              this.walk(td);
              this.flush();
            }
          }
        }
      } else {
        this.table(n);
      }
      return;
    }
    const block = BLOCK.has(name);
    if (block) this.flush();
    for (const c of n.children ?? []) this.walk(c);
    if (block) this.flush();
  }

  private table(n: HtmlNode): void {
    // A caption is the table's title: a paragraph before it.
    for (const c of n.children ?? []) if (c.type === "tag" && c.name === "caption") this.walk(c);
    this.flush();
    const trs = ownRows(n);
    if (trs.length === 0) return;
    const number = ++this.tables;
    const rows: DocRow[] = trs.map((tr, i) => {
      const cells: DocCell[] = [];
      for (const td of tr.children ?? []) {
        if (td.type !== "tag" || (td.name !== "td" && td.name !== "th") || isHidden(td)) continue;
        cells.push({
          text: textOf(td),
          colSpan: span(td.attribs?.colspan),
          rowSpan: span(td.attribs?.rowspan),
        });
      }
      return { cells, place: { kind: "table", table: number, row: i + 1 } };
    });
    // A rowspan reaching past the table's last row is clamped to it.
    rows.forEach((row, r) => {
      for (const c of row.cells) c.rowSpan = Math.min(c.rowSpan, rows.length - r);
    });
    const table: DocTable = { type: "table", rows, place: { kind: "table", table: number, row: 1 } };
    this.blocks.push(table);
  }

  finish(): DocBlock[] {
    this.flush();
    return this.blocks;
  }
}

/** The blocks of an HTML string in document order (paragraphs and tables, places numbered from 1). */
export function htmlBlocks(html: string): DocBlock[] {
  const $ = cheerio.load(html);
  const root = $.root()[0] as unknown as HtmlNode;
  const reader = new FlowReader();
  reader.walk(root);
  return reader.finish();
}

/** The producer an HTML file names (`<meta name="Generator" content="Microsoft Excel 15">`), if any. */
export function htmlProducer(html: string): string | null {
  const m =
    /<meta\b[^>]*\bname\s*=\s*["']?(?:generator|ProgId)["']?[^>]*\bcontent\s*=\s*["']([^"']+)["']/i.exec(
      html.slice(0, 8192),
    );
  return m?.[1]?.trim() || null;
}

/** Build a one-part document model from HTML text. */
export function htmlModel(html: string, format: DocumentFormat, producer: string | null): DocumentModel {
  return { format, producer, parts: [{ label: "", blocks: htmlBlocks(html) }], warnings: [] };
}

const SPREADSHEET_ML =
  /<(?:ss:)?Workbook\b[^>]*urn:schemas-microsoft-com:office:spreadsheet|<\?mso-application\s+progid="Excel\.Sheet"/i;

/** Read a web page (decoded by BOM, declared charset, then detection) into the document model. */
export async function readHtml(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  const html = decodeText(bytes);
  // Excel 2003 XML (SpreadsheetML) looks like markup (`<Table>`) but is a workbook.
  if (SPREADSHEET_ML.test(html.slice(0, 4096))) {
    const { readWorkbook } = await import("./xlsx.js");
    return readWorkbook(bytes, fileName);
  }
  const model = htmlModel(html, "html", htmlProducer(html));
  if (model.parts.every((p) => p.blocks.length === 0)) {
    throw new UnreadableFileError(`网页文件 ${fileName} 中没有可读取的文字或表格`, "empty");
  }
  return model;
}
