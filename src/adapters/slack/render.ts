/**
 * Reply → Slack Block Kit. The table goes out as a native `table` block in `attachments`
 * (CJK alignment is then Slack's job); a code-block layout is kept for tables wider than 20
 * columns and for workspaces that reject the table block (adapter retries with table: "code").
 * Every cut is visible: "…另有 N 行，请用导出查看".
 */
import type { types as Slack } from "@slack/bolt";
import {
  SLACK_ACTIONS_ELEMENTS_MAX,
  SLACK_BUTTON_TEXT_MAX,
  SLACK_BUTTON_VALUE_MAX,
  SLACK_CONTEXT_ELEMENT_TEXT_MAX,
  SLACK_CONTEXT_ELEMENTS_MAX,
  SLACK_HEADER_TEXT_MAX,
  SLACK_MAX_BLOCKS,
  SLACK_SECTION_FIELD_TEXT_MAX,
  SLACK_SECTION_FIELDS_MAX,
  SLACK_SECTION_TEXT_MAX,
  SLACK_TABLE_MAX_CELL_CHARS,
  SLACK_TABLE_MAX_COLUMNS,
  SLACK_TABLE_MAX_ROWS,
  SLACK_TOP_TEXT_MAX,
  SLACK_TOTAL_BLOCK_TEXT_MAX,
} from "../../platforms/limits.js";
import { formatPage, renderText } from "../../render/text.js";
import { flattenCell, layoutMonoTable, truncateChars } from "../../render/width.js";
import { formatSource, type Reply, type ReplyAction, type ReplyTable } from "../../reply/reply.js";

/** A chat.postMessage / respond() payload: fallback text, blocks and (for native tables) attachments. */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
  attachments?: unknown[];
}

/** How renderSlack lays out the table. */
export interface SlackRenderOptions {
  /** "native": table block in attachments (default); "code": monospace code blocks in sections. */
  table?: "native" | "code";
}

/** Characters kept free below the ~12k total for the truncation note and rounding. */
const TEXT_RESERVE = 500;
/** Marker appended when the fallback text is cut. */
export const SLACK_TEXT_TRUNCATED = "…（内容过长，已截断，完整数据请用导出）";

/** Escape the three characters Slack mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The visible note for rows left out: "…另有 N 行，请用导出查看". */
export function cutNote(n: number): string {
  return `…另有 ${n} 行，请用导出查看`;
}

/** Render a Reply as Slack blocks (≤ 50, section text ≤ 3000, ~12k total) plus fallback text ≤ 4000. */
export function renderSlack(reply: Reply, opts: SlackRenderOptions = {}): SlackMessage {
  const head: Slack.KnownBlock[] = [];
  if (reply.heading) {
    if (reply.kind === "error") head.push(...sections(escapeMrkdwn(reply.heading)));
    else head.push(header(reply.heading));
  }
  if (reply.text?.length) head.push(...sections(reply.text.map(escapeMrkdwn).join("\n\n")));
  if (reply.fields?.length) head.push(...fieldSections(reply.fields));

  const { blocks: actionBlocks, omitted } = actionsBlocks(reply.actions ?? []);
  const ctx: string[] = [];
  for (const w of reply.warnings ?? []) ctx.push(`⚠ ${escapeMrkdwn(w)}`);
  for (const n of reply.notes ?? []) ctx.push(escapeMrkdwn(n));
  for (const s of reply.sources ?? []) ctx.push(`来源：${escapeMrkdwn(formatSource(s))}`);
  if (reply.page) ctx.push(formatPage(reply.page));
  for (const a of omitted) ctx.push(`${escapeMrkdwn(a.label)}：\`${escapeMrkdwn(a.command)}\``);
  const tail = contextBlocks(ctx);

  const tableBlocks: Slack.KnownBlock[] = [];
  let attachments: unknown[] | undefined;
  if (reply.table) {
    const used = blockTextLength([...head, ...tail, ...actionBlocks]);
    const charBudget = Math.max(0, SLACK_TOTAL_BLOCK_TEXT_MAX - used - TEXT_RESERVE);
    const native =
      (opts.table ?? "native") === "native" && reply.table.columns.length <= SLACK_TABLE_MAX_COLUMNS;
    let shown: number;
    if (native) {
      const t = nativeTable(reply.table, Math.min(SLACK_TABLE_MAX_CELL_CHARS, charBudget));
      attachments = [{ blocks: [t.block] }];
      shown = t.shown;
    } else {
      const blockBudget = SLACK_MAX_BLOCKS - head.length - tail.length - actionBlocks.length - 1;
      const t = codeTable(reply.table, blockBudget, charBudget);
      tableBlocks.push(...t.blocks);
      shown = t.shown;
    }
    const cut = reply.table.rows.length - shown;
    if (cut > 0) tableBlocks.push(...sections(cutNote(cut)));
  }

  const body = [...head, ...tableBlocks, ...tail];
  const room = SLACK_MAX_BLOCKS - actionBlocks.length;
  if (body.length > room) {
    const dropped = body.length - (room - 1);
    body.splice(room - 1, body.length, ...sections(`…另有 ${dropped} 段内容未显示，请用导出查看`));
  }
  const message: SlackMessage = {
    // The fallback text is mrkdwn too: escaped so document text can never become a mention or link.
    text: truncateLines(escapeMrkdwn(renderText(reply)), SLACK_TOP_TEXT_MAX, SLACK_TEXT_TRUNCATED),
    blocks: [...body, ...actionBlocks],
  };
  if (attachments) message.attachments = attachments;
  return message;
}

/** Header block, truncated to 150 characters with "…". */
function header(text: string): Slack.HeaderBlock {
  return {
    type: "header",
    text: { type: "plain_text", text: truncateChars(text, SLACK_HEADER_TEXT_MAX), emoji: true },
  };
}

/** One or more mrkdwn sections, split at line boundaries so each text is ≤ 3000. */
function sections(mrkdwn: string): Slack.SectionBlock[] {
  return packLines(mrkdwn.split("\n"), SLACK_SECTION_TEXT_MAX).map((text) => ({
    type: "section",
    text: { type: "mrkdwn", text },
  }));
}

/** Key/value facts as section fields, 10 per section. */
function fieldSections(fields: Array<{ label: string; value: string }>): Slack.SectionBlock[] {
  const out: Slack.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK_SECTION_FIELDS_MAX) {
    out.push({
      type: "section",
      fields: fields.slice(i, i + SLACK_SECTION_FIELDS_MAX).map((f) => ({
        type: "mrkdwn",
        text: truncateChars(
          `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`,
          SLACK_SECTION_FIELD_TEXT_MAX,
        ),
      })),
    });
  }
  return out;
}

/** Small-print lines (warnings, notes, sources, page) packed into context blocks. */
function contextBlocks(lines: string[]): Slack.ContextBlock[] {
  const elements = packLines(lines, SLACK_CONTEXT_ELEMENT_TEXT_MAX).map(
    (text): Slack.MrkdwnElement => ({ type: "mrkdwn", text }),
  );
  const out: Slack.ContextBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_CONTEXT_ELEMENTS_MAX) {
    out.push({ type: "context", elements: elements.slice(i, i + SLACK_CONTEXT_ELEMENTS_MAX) });
  }
  return out;
}

/** Buttons (action_id "bb_<kind>_<n>", value = the command); actions whose command is too long are returned as omitted. */
function actionsBlocks(actions: ReplyAction[]): { blocks: Slack.ActionsBlock[]; omitted: ReplyAction[] } {
  const seen: Record<string, number> = {};
  const buttons: Slack.Button[] = [];
  const omitted: ReplyAction[] = [];
  for (const a of actions) {
    if (a.command.length > SLACK_BUTTON_VALUE_MAX) {
      omitted.push(a);
      continue;
    }
    const n = seen[a.kind] ?? 0;
    seen[a.kind] = n + 1;
    buttons.push({
      type: "button",
      action_id: `bb_${a.kind}_${n}`,
      text: { type: "plain_text", text: truncateChars(a.label, SLACK_BUTTON_TEXT_MAX), emoji: true },
      value: a.command,
    });
  }
  const blocks: Slack.ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += SLACK_ACTIONS_ELEMENTS_MAX) {
    blocks.push({ type: "actions", elements: buttons.slice(i, i + SLACK_ACTIONS_ELEMENTS_MAX) });
  }
  return { blocks, omitted };
}

/** Native table block: header row, as many body rows as fit (≤ 100 rows, cell budget), then totals. */
function nativeTable(table: ReplyTable, charBudget: number): { block: Slack.TableBlock; shown: number } {
  const row = (cells: string[]): Slack.RawTextElement[] =>
    table.columns.map((_, i) => ({ type: "raw_text", text: flattenCell(cells[i]) || " " }));
  const chars = (cells: Slack.RawTextElement[]) => cells.reduce((n, c) => n + c.text.length, 0);
  const head = row(table.columns.map((c) => c.header));
  const totals = (table.totals ?? []).map(row);
  let used = chars(head) + totals.reduce((n, r) => n + chars(r), 0);
  const maxBody = SLACK_TABLE_MAX_ROWS - 1 - totals.length;
  const body: Slack.RawTextElement[][] = [];
  for (const r of table.rows) {
    if (body.length >= maxBody) break;
    const cells = row(r);
    if (used + chars(cells) > charBudget) break;
    used += chars(cells);
    body.push(cells);
  }
  return {
    block: {
      type: "table",
      rows: [head, ...body, ...totals],
      column_settings: table.columns.map((c) => ({ align: c.align, is_wrapped: c.align === "left" })),
    },
    shown: body.length,
  };
}

/** Code-block table in sections ≤ 3000, labels in the last column, cut at row boundaries to fit the budgets. */
function codeTable(
  table: ReplyTable,
  blockBudget: number,
  charBudget: number,
): { blocks: Slack.SectionBlock[]; shown: number } {
  const t = layoutMonoTable(table, { labelLast: true, trimEnd: true });
  // "```\n" … "\n```": the newlines keep a leading space of the first line inside the block.
  const fence = "```\n";
  const lineMax = SLACK_SECTION_TEXT_MAX - 2 * fence.length;
  const fitLine = (l: string) => truncateChars(escapeMrkdwn(l), lineMax);
  const totals = t.totals.map(fitLine);
  const totalsCost = totals.reduce((n, l) => n + l.length + 1, 0);
  // Keep one block free for the totals in case they do not fit in the last chunk.
  const maxChunks = Math.max(0, blockBudget - (totals.length ? 1 : 0));
  if (maxChunks === 0) return { blocks: [], shown: 0 };
  const chunkLen = (c: string[]) => c.reduce((n, l) => n + l.length + 1, 0) - 1 + 2 * fence.length;
  let cur = t.head.map(fitLine);
  const chunks: string[][] = [cur];
  let used = chunkLen(cur);
  let shown = 0;
  for (const raw of t.rows) {
    const line = fitLine(raw);
    const newChunk = chunkLen(cur) + 1 + line.length > SLACK_SECTION_TEXT_MAX;
    const cost = line.length + 1 + (newChunk ? 2 * fence.length : 0);
    if (used + cost + totalsCost + 2 * fence.length > charBudget) break;
    if (newChunk) {
      if (chunks.length >= maxChunks) break;
      cur = [];
      chunks.push(cur);
    }
    cur.push(line);
    used += cost;
    shown++;
  }
  if (totals.length) {
    if (chunkLen(cur) + totalsCost <= SLACK_SECTION_TEXT_MAX) cur.push(...totals);
    else chunks.push(totals);
  }
  const blocks: Slack.SectionBlock[] = chunks.map((c) => ({
    type: "section",
    text: { type: "mrkdwn", text: `${fence}${c.join("\n")}\n\`\`\`` },
  }));
  return { blocks, shown };
}

/** Join lines into chunks of at most `max` characters (newline-joined); a longer line is cut visibly. */
function packLines(lines: string[], max: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const raw of lines) {
    const line = truncateChars(raw, max);
    if (cur && cur.length + 1 + line.length > max) {
      out.push(cur);
      cur = line;
    } else {
      cur = cur ? `${cur}\n${line}` : line;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Cut text at a line boundary so that it plus "\n" + marker fits in `max`. */
function truncateLines(text: string, max: number, marker: string): string {
  if (text.length <= max) return text;
  const room = max - marker.length - 1;
  const cut = text.lastIndexOf("\n", room);
  const kept = cut > room / 2 ? text.slice(0, cut) : truncateChars(text, room, "");
  return `${kept}\n${marker}`;
}

/** Sum of every `text` string inside the blocks: what Slack counts toward msg_blocks_too_long. */
export function blockTextLength(blocks: unknown): number {
  if (Array.isArray(blocks)) return blocks.reduce((n: number, b) => n + blockTextLength(b), 0);
  if (blocks && typeof blocks === "object") {
    let n = 0;
    for (const [k, v] of Object.entries(blocks)) {
      if (k === "text" && typeof v === "string") n += v.length;
      else n += blockTextLength(v);
    }
    return n;
  }
  return 0;
}
