/**
 * The platform-neutral Reply: what a command returns. Renderers turn it into plain text,
 * Slack Block Kit or a Telegram message; commands never build platform payloads.
 */
import type { ReplyAction } from "../domain/reply-action.js";
import type { ChartSpec } from "./chart.js";

/** Where the figures of a reply come from; always shown to the user. */
export interface ReplySource {
  file: string;
  section: string;
  line: number;
  /** The place(s) in the document's own terms (`第12页`, `第20–23页`); `第N行` when absent. */
  where?: string;
}

/** Column alignment: money and counts right, text left. */
export type Align = "left" | "right";

export interface ReplyColumn {
  header: string;
  align: Align;
}

/** A table: every cell is already display text (money formatted, 未列示 for not stated). */
export interface ReplyTable {
  columns: ReplyColumn[];
  rows: string[][];
  /** Total rows shown after the body, visually separated. */
  totals?: string[][];
}

export type { ReplyAction } from "../domain/reply-action.js";

/** A file offered with the reply (CSV export). */
export interface ReplyAttachment {
  filename: string;
  mime: string;
  /** UTF-8 content (CSV with BOM for spreadsheet programs). */
  content: string;
}

/**
 * A chart offered with the reply (issue 21): drawn by charts/render.ts as a PNG and sent as each
 * platform shows images; renderers that cannot show one keep the table.
 */
export type ReplyChart = ChartSpec;

/** One reply to one invocation. */
export interface Reply {
  /** Bold first line, e.g. "河北雄安新区容东管理委员会 2024年 “三公”经费（万元）". */
  heading: string;
  /** Free text paragraphs before the table. */
  text?: string[];
  /** Key/value facts, e.g. 预算数: 961.30. */
  fields?: Array<{ label: string; value: string }>;
  table?: ReplyTable;
  /** Warnings (⚠) where the document disagrees with itself. */
  warnings?: string[];
  /** Plain notes after the table (e.g. "未列示 = 文件未载明"). */
  notes?: string[];
  sources?: ReplySource[];
  actions?: ReplyAction[];
  attachment?: ReplyAttachment;
  /** A chart of the reply's figures (a picture of the table, never other figures). */
  chart?: ReplyChart;
  /** Paging state when the reply is one page of a longer list: index is 0-based, count = pages, total = items. */
  page?: { index: number; count: number; total: number };
  /**
   * "error" replies are user errors (usage, unknown department), shown plainly. "ignored": the
   * line was addressed to another bot ("/budget@other_bot"); adapters post nothing.
   */
  kind?: "answer" | "error" | "help" | "ignored";
}

/** Format a source for humans: "000_….txt · 部门预算财政拨款“三公”经费支出表 · 第1735行" (or "· 第20–23页"). */
export function formatSource(s: ReplySource): string {
  return `${s.file} · ${s.section} · ${s.where ?? `第${s.line}行`}`;
}

/** The reply to a line addressed to another bot: nothing is posted. */
export const IGNORED_REPLY: Reply = { heading: "", kind: "ignored" };
