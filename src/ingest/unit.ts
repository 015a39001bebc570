/**
 * Small helpers shared by the table readers: the money unit a table states, figures from
 * cells, and cleaning of cell text.
 */
import { parseAmount } from "../domain/money.js";
import { trimAll } from "../domain/text.js";
import type { Figure, MoneyUnit } from "../domain/types.js";

const UNIT = /单位\s*[:：]\s*(亿元|万元|元)/;

/** Find a stated money unit ("单位：万元", "金额单位：元", "价值（金额单位：万元）") in a text, or null. */
export function findUnit(text: string): MoneyUnit | null {
  const m = UNIT.exec(text.replace(/[\s\u3000]+/g, ""));
  return m ? (m[1] as MoneyUnit) : null;
}

/** The first line of a cell, trimmed: amount cells sometimes carry a glued paragraph below. */
export function firstLine(text: string): string {
  return trimAll(text.split("\n")[0] ?? "");
}

/** True when a cell's text has more lines after the first non-blank one. */
export function hasTrailingLines(text: string): boolean {
  return text
    .split("\n")
    .slice(1)
    .some((l) => trimAll(l) !== "");
}

const CJK = "\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef\\u201c\\u201d";
const SPACE_NEAR_CJK = new RegExp(`(?<=[${CJK}])[\\s\\u00a0]+|[\\s\\u00a0]+(?=[${CJK}])`, "g");

/**
 * Clean a label or name cell: remove whitespace next to CJK characters ("合  计" → "合计",
 * "    其中：…" → "其中：…"), collapse other whitespace runs to one space, trim.
 */
export function cleanText(text: string): string {
  return trimAll(text.replace(SPACE_NEAR_CJK, "").replace(/[\s\u00a0]+/g, " "));
}

/** A cell as a Figure in the given unit; a blank cell is null (未列示), never 0. */
export function figureOf(
  text: string,
  unit: MoneyUnit,
  file: string,
  section: string,
  line: number,
): Figure | null {
  const t = firstLine(text).replace(/\s+/g, "");
  if (t === "") return null;
  return { text: t, fen: parseAmount(t, unit), unit, source: { file, section, line } };
}
