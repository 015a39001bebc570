/**
 * Reply → chat markdown messages, shared by the renderers of platforms whose messages are one
 * markdown text (DingTalk, WeCom): the heading in bold, text and fields as escaped lines, the
 * table either as a monospace code block (platforms without markdown tables) or as a pipe table,
 * then warnings, notes, sources, the page and the commands as hints. A long reply is split at line
 * (table: row) boundaries into several messages, each below the platform's byte limit, every
 * continuation marked "（续）" and repeating the table header. Nothing is dropped.
 */
import { formatSource, type Reply, type ReplyTable } from "../reply/reply.js";
import { formatActionHint, formatPage } from "./text.js";
import { flattenCell, layoutMonoTable, truncateChars } from "./width.js";

/** How a platform's markdown is written. */
export interface MarkdownStyle {
  /** Largest message text, in UTF-8 bytes. */
  maxBytes: number;
  /** "mono": a ``` block aligned by display width (labels last); "pipe": a markdown table. */
  table: "mono" | "pipe";
  /** Commands shown as hints (platforms whose buttons cannot run a command). */
  hints: boolean;
}

/** One rendered message: a short title (notification preview) and its markdown text. */
export interface MarkdownMessage {
  title: string;
  text: string;
}

/** Suffix of the heading on continuation messages. */
export const MARKDOWN_CONTINUED = "（续）";
/** Longest title kept (the preview line in the chat list). */
const TITLE_MAX = 64;

/**
 * Escape what would turn document text into markdown, and nothing more (chat clients that ignore
 * a backslash show it): emphasis stars, code ticks, link brackets and HTML `<` anywhere; `_` only
 * where it could start or end emphasis (not between letters or digits, as in file names); `#` and
 * `>` only at the start of a line; `|` only inside table cells.
 */
export function escapeMarkdown(text: string, opts: { cell?: boolean } = {}): string {
  let out = text.replace(/([*`[\]<])/g, "\\$1");
  out = out.replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace("_", "\\_"));
  out = out.replace(/^(\s*)([#>])/gm, "$1\\$2");
  if (opts.cell) out = out.replace(/\|/g, "\\|");
  return out;
}

/** UTF-8 byte length. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** A pipe-table row: cells escaped (| and newlines cannot appear inside a cell). */
function pipeRow(cells: string[]): string {
  return `| ${cells.map((c) => escapeMarkdown(flattenCell(c), { cell: true }) || " ").join(" | ")} |`;
}

/** The table as a header block (repeated on every continuation) and body lines (split between rows). */
function tableLines(
  table: ReplyTable,
  style: MarkdownStyle,
): { head: string[]; body: string[]; open: string; close: string } {
  if (style.table === "pipe") {
    const head = [
      pipeRow(table.columns.map((c) => c.header)),
      `|${table.columns.map((c) => (c.align === "right" ? " ---: " : " --- ")).join("|")}|`,
    ];
    const body = [...table.rows, ...(table.totals ?? [])].map(pipeRow);
    return { head, body, open: "", close: "" };
  }
  const t = layoutMonoTable(table, { labelLast: true, trimEnd: true });
  // A code block shows its text as is: only a fence inside would end it early.
  const safe = (l: string) => l.replace(/```/g, "ˋˋˋ");
  return { head: t.head.map(safe), body: [...t.rows, ...t.totals].map(safe), open: "```", close: "```" };
}

/** Cut one over-long line into pieces of at most `max` bytes (never inside a character). */
function splitLine(line: string, max: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of line) {
    if (utf8Bytes(cur + ch) > max) {
      out.push(cur);
      cur = "";
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Render a Reply as one or more markdown messages below `style.maxBytes`. */
export function renderMarkdown(reply: Reply, style: MarkdownStyle): MarkdownMessage[] {
  const heading = reply.heading || " ";
  const title = truncateChars(heading, TITLE_MAX);
  const headLine = (cont: boolean) =>
    `**${escapeMarkdown(cont ? `${heading}${MARKDOWN_CONTINUED}` : heading)}**`;

  const lead: string[] = [];
  for (const t of reply.text ?? []) lead.push(...t.split("\n").map((l) => escapeMarkdown(l)), "");
  for (const f of reply.fields ?? []) lead.push(`${escapeMarkdown(f.label)}：${escapeMarkdown(f.value)}`);
  if (reply.fields?.length) lead.push("");

  const tail: string[] = [];
  for (const w of reply.warnings ?? []) tail.push(`⚠ ${escapeMarkdown(w)}`);
  for (const n of reply.notes ?? []) tail.push(escapeMarkdown(n));
  for (const s of reply.sources ?? []) tail.push(`来源：${escapeMarkdown(formatSource(s))}`);
  if (reply.page) tail.push(formatPage(reply.page));
  if (style.hints) for (const a of reply.actions ?? []) tail.push(escapeMarkdown(formatActionHint(a)));
  if (reply.attachment) tail.push(`附件：${escapeMarkdown(reply.attachment.filename)}`);

  const max = style.maxBytes;
  const messages: MarkdownMessage[] = [];
  let lines: string[] = [];
  // Lines that must close the current message (an open code fence) and reopen it in the next.
  let reopen: string[] = [];
  let closeWith: string[] = [];
  const bytes = (ls: string[]) => utf8Bytes(ls.join("\n"));
  const flush = () => {
    messages.push({ title, text: [...lines, ...closeWith].join("\n").trimEnd() });
    lines = [headLine(true), "", ...reopen];
  };
  const push = (line: string) => {
    for (const piece of splitLine(
      line,
      Math.max(64, max - bytes([headLine(true), ...reopen, ...closeWith]) - 8),
    )) {
      if (lines.length > 0 && bytes([...lines, piece, ...closeWith]) > max) flush();
      lines.push(piece);
    }
  };

  lines = [headLine(false), ""];
  for (const l of lead) push(l);
  if (reply.table) {
    const t = tableLines(reply.table, style);
    const head = t.open ? [t.open, ...t.head] : t.head;
    // Start the table on a fresh message when even its header does not fit here.
    if (bytes([...lines, ...head, t.close]) > max) flush();
    for (const h of head) lines.push(h);
    reopen = head;
    closeWith = t.close ? [t.close] : [];
    for (const row of t.body) push(row);
    for (const c of closeWith) lines.push(c);
    reopen = [];
    closeWith = [];
    if (tail.length) lines.push("");
  }
  for (const l of tail) push(l);
  messages.push({ title, text: lines.join("\n").trimEnd() });
  return messages;
}
