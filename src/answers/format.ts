/** Display helpers shared by answers: figures, sources, paging. */
import { exactWanDecimals, formatWan, withSeparators } from "../domain/money.js";
import { placeLabel } from "../domain/place.js";
import type { Figure, Source } from "../domain/types.js";
import type { Reply, ReplySource } from "../reply/reply.js";
import { citeSources } from "./sources.js";

/** What a figure the document does not state shows as. */
export const NOT_STATED = "未列示";

/**
 * 万元 text of an exact 分 amount: two decimals, or four or six when needed to stay exact
 * (12345 元 → 1.2345, 6429768.84 元 → 642.976884).
 */
export function exactWan(fen: number): string {
  return withSeparators(formatWan(fen, exactWanDecimals(fen)));
}

/**
 * A figure exactly as the document prints it, never converted, with thousands separators
 * (`withSeparators`: every figure of an answer in one format); the unit is said by the column
 * header or the caller (see units.ts).
 */
export function showFigure(f: Figure | null | undefined): string {
  return f ? withSeparators(f.text) : NOT_STATED;
}

/**
 * Amounts inside a sentence written elsewhere (a check's finding) in the answers' one format:
 * a number of four or more integer digits with decimals (`19243.37`) or followed by its unit
 * (`1776000 元`) gets thousands separators, digits unchanged. Line and page numbers, years and
 * codes (no decimals, no unit) are left alone.
 */
export function separateAmounts(text: string): string {
  return text.replace(/(?<![\d,.])\d{4,}(?:\.\d+|(?=\s*(?:亿元|万元|元)))/g, (n) => withSeparators(n));
}

/** Show a computed sum in 万元 (exact). */
export function showFen(fen: number | null): string {
  return fen === null ? NOT_STATED : exactWan(fen);
}

/**
 * The sources of a reply, one per file and section in first-seen order; a section whose figures
 * know their places cites every distinct place (`第20–23页`), see sources.ts.
 */
export function uniqueSources(sources: Array<Source | null | undefined>): ReplySource[] {
  return citeSources(sources);
}

/** A figure's source as shown with a reply: file, section, line and its place label when not a text line. */
export function replySource(s: Source): ReplySource {
  const out: ReplySource = { file: s.file, section: s.section, line: s.line };
  if (s.place) out.where = placeLabel(s.place);
  return out;
}

/** Rows per page in chat replies. */
export const PAGE_SIZE = 15;

/**
 * Cut one page out of a row list and add paging actions. `commandFor(page)` gives the chat line
 * that shows a page (1-based). `notice` says when the page asked for does not exist (shown in notes).
 */
export function paginate<T>(
  rows: T[],
  page: number,
  commandFor: (page: number) => string,
  pageSize: number = PAGE_SIZE,
): { rows: T[]; page: Reply["page"]; actions: NonNullable<Reply["actions"]>; notice: string[] } {
  const count = Math.max(1, Math.ceil(rows.length / pageSize));
  const index = Math.min(Math.max(1, page), count);
  // A page out of range is said, not silently replaced (the answer shows the nearest page).
  const notice =
    page > count
      ? [`没有第 ${page} 页：共 ${count} 页，显示的是最后一页（第 ${count} 页）`]
      : page < 1
        ? [`页码从 1 开始（收到 ${page}），显示的是第 1 页`]
        : [];
  const slice = rows.slice((index - 1) * pageSize, index * pageSize);
  const actions: NonNullable<Reply["actions"]> = [];
  if (index > 1) actions.push({ label: "上一页", command: commandFor(index - 1), kind: "page" });
  if (index < count) actions.push({ label: "下一页", command: commandFor(index + 1), kind: "page" });
  // Reply.page.index is 0-based (renderers show index + 1).
  return {
    rows: slice,
    page: count > 1 ? { index: index - 1, count, total: rows.length } : undefined,
    actions,
    notice,
  };
}

/** Echo user input without letting a very long input flood a reply (domain/text.ts). */
export { clip } from "../domain/text.js";
