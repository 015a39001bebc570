/**
 * Reply → Telegram HTML messages. The table goes in <pre> aligned by display width with labels
 * in the last column; long tables are split at row boundaries into several messages, each
 * below 4096 characters, every part repeating the table header and marked "（续）".
 * Nothing is dropped. The inline keyboard rides on the last message.
 */

import { TELEGRAM_CALLBACK_DATA_MAX_BYTES, TELEGRAM_MESSAGE_MAX } from "../../platforms/limits.js";
import { formatPage } from "../../render/text.js";
import { layoutMonoTable, truncateChars } from "../../render/width.js";
import { formatSource, type Reply, type ReplyAction, type ReplyTable } from "../../reply/reply.js";

/** One sendMessage payload (chat id added by the adapter). */
export interface TelegramMessage {
  text: string;
  parse_mode: "HTML";
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

/** Options for renderTelegram. */
export interface TelegramRenderOptions {
  /** Short token for a button (state kept server-side by the adapter); default: the command itself when ≤ 64 bytes. */
  callbackData?: (action: ReplyAction) => string;
}

/** Longest HTML source per message: strictly below Telegram's 4096. */
const MAX = TELEGRAM_MESSAGE_MAX - 1;
/** Longest heading kept (Telegram has no title field; this keeps continuation parts readable). */
const HEADING_MAX = 256;
/** Suffix of the heading on continuation messages. */
export const TELEGRAM_CONTINUED = "（续）";

/** Escape the three characters Telegram's HTML parse mode requires: & < >. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Split raw text into escaped pieces of at most `max` characters, never inside an entity or surrogate pair. */
function splitEscaped(raw: string, max: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of raw) {
    const e = escapeHtml(ch);
    if (cur.length + e.length > max) {
      out.push(cur);
      cur = "";
    }
    cur += e;
  }
  out.push(cur);
  return out;
}

/** Accumulates HTML lines into messages below the limit. */
class Packer {
  readonly messages: string[] = [];
  cur = "";

  /** Append a line (already HTML) to the current message, starting a new one when it would overflow. */
  line(html: string): void {
    if (this.cur && this.cur.length + 1 + html.length > MAX) this.flush();
    this.cur = this.cur ? `${this.cur}\n${html}` : html;
  }

  /** Append raw text, escaped and split if a single line is longer than a message. */
  text(raw: string): void {
    for (const piece of splitEscaped(raw, MAX)) this.line(piece);
  }

  /** Blank separator line, never at the start of a message. */
  gap(): void {
    if (this.cur) this.cur += "\n";
  }

  flush(): void {
    const t = this.cur.replace(/\n+$/, "");
    if (t) this.messages.push(t);
    this.cur = "";
  }
}

/** Render a Reply as one or more Telegram HTML messages (each < 4096 chars), keyboard on the last. */
export function renderTelegram(reply: Reply, opts: TelegramRenderOptions = {}): TelegramMessage[] {
  const p = new Packer();
  const bold = reply.kind !== "error";
  const headingHtml = (suffix: string) => {
    const h = escapeHtml(truncateChars(reply.heading, HEADING_MAX) + suffix);
    return bold ? `<b>${h}</b>` : h;
  };
  if (reply.heading) p.line(headingHtml(""));
  if (reply.text?.length) {
    p.gap();
    for (const para of reply.text) for (const l of para.split("\n")) p.text(l);
  }
  if (reply.fields?.length) {
    p.gap();
    for (const f of reply.fields) p.text(`${f.label}：${f.value}`);
  }
  if (reply.table) {
    p.gap();
    packTable(p, reply.table, headingHtml(TELEGRAM_CONTINUED));
  }

  const { keyboard, omitted } = buildKeyboard(reply.actions ?? [], opts);
  const tail: string[] = [];
  for (const w of reply.warnings ?? []) tail.push(`⚠ ${w}`);
  for (const n of reply.notes ?? []) tail.push(n);
  for (const s of reply.sources ?? []) tail.push(`来源：${formatSource(s)}`);
  if (tail.length) {
    p.gap();
    for (const l of tail) p.text(l);
  }
  if (reply.page || omitted.length) {
    p.gap();
    if (reply.page) p.text(formatPage(reply.page));
    for (const a of omitted) p.line(`${escapeHtml(a.label)}：<code>${escapeHtml(a.command)}</code>`);
  }
  p.flush();

  const out: TelegramMessage[] = p.messages.map((text) => ({ text, parse_mode: "HTML" }));
  const last = out[out.length - 1];
  if (last && keyboard.length) last.reply_markup = { inline_keyboard: keyboard };
  return out;
}

/** Put the table into <pre> blocks, one per message, repeating the header after each split. */
function packTable(p: Packer, table: ReplyTable, continuedHeading: string): void {
  const t = layoutMonoTable(table, { labelLast: true, trimEnd: true });
  const close = "</pre>";
  const head = t.head.map(escapeHtml).join("\n");
  const openPre = () => {
    p.cur = p.cur ? `${p.cur}\n<pre>${head}` : `<pre>${head}`;
  };
  // Room for one row line in an otherwise empty continuation message.
  const rowMax = MAX - continuedHeading.length - head.length - "\n<pre>\n".length - close.length;
  const firstRow = t.rows[0] ?? t.totals[0] ?? "";
  if (p.cur && p.cur.length + 6 + head.length + 1 + escapeHtml(firstRow).length + close.length > MAX)
    p.flush();
  openPre();
  for (const raw of [...t.rows, ...t.totals]) {
    for (const piece of splitEscaped(raw, Math.max(1, rowMax))) {
      if (p.cur.length + 1 + piece.length + close.length > MAX) {
        p.cur += close;
        p.flush();
        p.cur = continuedHeading;
        openPre();
      }
      p.cur += `\n${piece}`;
    }
  }
  p.cur += close;
}

/** Inline keyboard: page buttons share one row, every other action gets its own row. */
function buildKeyboard(
  actions: ReplyAction[],
  opts: TelegramRenderOptions,
): { keyboard: Array<Array<{ text: string; callback_data: string }>>; omitted: ReplyAction[] } {
  const pageRow: Array<{ text: string; callback_data: string }> = [];
  const rows: Array<Array<{ text: string; callback_data: string }>> = [];
  const omitted: ReplyAction[] = [];
  for (const a of actions) {
    const data = opts.callbackData ? opts.callbackData(a) : a.command;
    const bytes = Buffer.byteLength(data, "utf8");
    if (bytes < 1 || bytes > TELEGRAM_CALLBACK_DATA_MAX_BYTES) {
      omitted.push(a);
      continue;
    }
    const button = { text: a.label, callback_data: data };
    if (a.kind === "page") pageRow.push(button);
    else rows.push([button]);
  }
  return { keyboard: pageRow.length ? [pageRow, ...rows] : rows, omitted };
}
