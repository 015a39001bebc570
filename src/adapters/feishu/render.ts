/**
 * Reply → Feishu/Lark interactive cards (card JSON 2.0). Text goes in plain-text `div`s (no
 * markdown, so document text can never become a link or a mention); the table is a native card
 * 2.0 `table` (paging inside the card, ten rows a page), money right-aligned as the exact text the
 * Reply carries; buttons carry their command in the callback value. A card stays below 30 KB: a
 * long table continues in further cards marked "（续）", each repeating the header; nothing is
 * dropped. Buttons ride on the last card.
 */

import {
  FEISHU_CARD_MAX_BYTES,
  FEISHU_TABLE_COLUMNS_MAX,
  FEISHU_TABLE_PAGE_SIZE_MAX,
} from "../../platforms/limits.js";
import { formatActionHint, formatPage } from "../../render/text.js";
import { flattenCell, layoutMonoTable, truncateChars } from "../../render/width.js";
import { formatSource, type Reply, type ReplyAction, type ReplyTable } from "../../reply/reply.js";

/** A card element (JSON 2.0 component). */
export type FeishuElement = Record<string, unknown>;

/** One interactive card (the `content` of an `interactive` message, before JSON.stringify). */
export interface FeishuCard {
  schema: "2.0";
  config: { update_multi: true; width_mode: "fill" };
  header: { title: { tag: "plain_text"; content: string }; template: string };
  body: { elements: FeishuElement[] };
}

/** The value a button sends back in `card.action.trigger` (event.action.value). */
export interface FeishuButtonValue {
  /** The chat line the button runs. */
  cmd: string;
  kind: ReplyAction["kind"];
}

/** Options for renderFeishu. */
export interface FeishuRenderOptions {
  /** Render buttons (false when card callbacks cannot reach the bot: hints as text instead). */
  buttons?: boolean;
}

/** Suffix of the heading on continuation cards. */
export const FEISHU_CONTINUED = "（续）";
/** Bytes kept free below the card limit (JSON escaping of the message body, rounding). */
const CARD_RESERVE = 2048;
/** Longest card title kept. */
const TITLE_MAX = 100;

/** Byte size of a card as sent. */
export function cardBytes(card: FeishuCard): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}

function text(content: string, size?: "notation"): FeishuElement {
  const el: FeishuElement = { tag: "div", text: { tag: "plain_text", content } };
  if (size) (el.text as Record<string, unknown>).text_size = size;
  return el;
}

function card(heading: string, kind: Reply["kind"], elements: FeishuElement[]): FeishuCard {
  return {
    schema: "2.0",
    config: { update_multi: true, width_mode: "fill" },
    header: {
      title: { tag: "plain_text", content: truncateChars(heading || " ", TITLE_MAX) },
      template: kind === "error" ? "red" : "blue",
    },
    body: { elements },
  };
}

/** A card 2.0 table over some rows (columns c0…cN, header names as display names). */
function tableElement(table: ReplyTable, rows: string[][]): FeishuElement {
  const cols = table.columns.slice(0, FEISHU_TABLE_COLUMNS_MAX);
  return {
    tag: "table",
    page_size: Math.min(FEISHU_TABLE_PAGE_SIZE_MAX, Math.max(1, rows.length)),
    row_height: "low",
    header_style: { bold: true, background_style: "grey" },
    columns: cols.map((c, i) => ({
      name: `c${i}`,
      display_name: c.header,
      data_type: "text",
      horizontal_align: c.align,
      width: "auto",
    })),
    rows: rows.map((r) => Object.fromEntries(cols.map((_, i) => [`c${i}`, flattenCell(r[i]) || " "]))),
  };
}

/** A button element running `a.command`. */
function button(a: ReplyAction): FeishuElement {
  const value: FeishuButtonValue = { cmd: a.command, kind: a.kind };
  return {
    tag: "button",
    text: { tag: "plain_text", content: a.label },
    type: a.kind === "page" || a.kind === "choose" ? "primary" : "default",
    behaviors: [{ type: "callback", value }],
  };
}

/** Render a Reply as one or more cards, each below the card size limit. */
export function renderFeishu(reply: Reply, opts: FeishuRenderOptions = {}): FeishuCard[] {
  const withButtons = opts.buttons ?? true;
  const head: FeishuElement[] = [];
  if (reply.text?.length) head.push(text(reply.text.join("\n\n")));
  if (reply.fields?.length) head.push(text(reply.fields.map((f) => `${f.label}：${f.value}`).join("\n")));

  const tail: FeishuElement[] = [];
  const notes: string[] = [];
  for (const w of reply.warnings ?? []) notes.push(`⚠ ${w}`);
  for (const n of reply.notes ?? []) notes.push(n);
  if (notes.length) tail.push(text(notes.join("\n")));
  const foot: string[] = [];
  for (const s of reply.sources ?? []) foot.push(`来源：${formatSource(s)}`);
  if (reply.page) foot.push(formatPage(reply.page));
  if (!withButtons) for (const a of reply.actions ?? []) foot.push(formatActionHint(a));
  if (reply.attachment) foot.push(`附件：${reply.attachment.filename}`);
  if (foot.length) tail.push(text(foot.join("\n"), "notation"));
  const buttons = withButtons ? (reply.actions ?? []).map(button) : [];

  const table = reply.table;
  if (!table) return [card(reply.heading, reply.kind, [...head, ...tail, ...buttons])];
  if (table.columns.length > FEISHU_TABLE_COLUMNS_MAX) {
    // Wider than a card table: the aligned text layout (the CSV export has every column).
    const t = layoutMonoTable(table);
    const mono = [...t.head, ...t.rows, ...t.totals].join("\n");
    return [card(reply.heading, reply.kind, [...head, text(mono), ...tail, ...buttons])];
  }

  // Pack rows into cards: each card = [head on the first] + table + [tail and buttons on the last].
  const budget = FEISHU_CARD_MAX_BYTES - CARD_RESERVE;
  const rows = [...table.rows, ...(table.totals ?? [])];
  const cards: FeishuCard[] = [];
  let start = 0;
  while (start < rows.length || cards.length === 0) {
    const first = cards.length === 0;
    const title = first ? reply.heading : `${reply.heading}${FEISHU_CONTINUED}`;
    const lead = first ? head : [];
    const build = (end: number, last: boolean) =>
      card(title, reply.kind, [
        ...lead,
        tableElement(table, rows.slice(start, end)),
        ...(last ? [...tail, ...buttons] : []),
      ]);
    // Everything left fits with the tail: the last card.
    if (cardBytes(build(rows.length, true)) <= budget) {
      cards.push(build(rows.length, true));
      break;
    }
    // Otherwise take as many rows as fit (at least one), leaving the tail for a later card.
    let end = start + 1;
    while (end < rows.length && cardBytes(build(end + 1, false)) <= budget) end += 1;
    cards.push(build(end, false));
    start = end;
    if (start >= rows.length) {
      cards.push(card(`${reply.heading}${FEISHU_CONTINUED}`, reply.kind, [...tail, ...buttons]));
      break;
    }
  }
  return cards;
}
