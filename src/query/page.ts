/**
 * The one paging parser: "--page 2", "--page=2", "第2页", "第二页", "p2" in command text.
 * The paging word and its value are always taken out of the text (never search words); a value
 * that is no number is a UserError; out of range is decided by paginate() (answers/format.ts).
 */

import { parseCnNumber } from "../domain/cn-number.js";
import { UserError } from "../domain/errors.js";

const PAGE_FLAG = /(?:^|\s)--page(?:=|\s+|$)(\S*)/i;
const PAGE_WORD = /(?:^|\s)(?:第\s*(\S+?)\s*页|[pP](\d+))(?=\s|$)/;

/** Remove a paging word from argument text; returns the page asked for (1 when none) and the rest. */
export function takePage(text: string): { page: number; rest: string } {
  const m = PAGE_FLAG.exec(text) ?? PAGE_WORD.exec(text);
  if (!m) return { page: 1, rest: text.trim() };
  const value = (m[1] ?? m[2] ?? "").trim();
  const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, " ").trim();
  return { page: pageNumber(value), rest };
}

/** "2" → 2, "-1" → -1, "二" → 2; anything else is a UserError saying what to type. */
function pageNumber(value: string): number {
  if (/^[+-]?\d{1,15}$/.test(value)) return Number(value);
  const cn = parseCnNumber(value);
  if (cn !== null) return cn;
  const shown = [...value].length > 20 ? `${[...value].slice(0, 20).join("")}…` : value;
  throw new UserError(
    value === ""
      ? "页码缺失：请在 --page 后写页码，例如 --page 2"
      : `页码“${shown}”无效：请写正整数，例如 --page 2`,
  );
}
