/**
 * Tables laid out one cell per line (web pages saved as text, text exports of HTML tables):
 * every cell is a line ending in ` |` (`收入 |`, `一般公共预算拨款 |`, `675.82 |`, an empty cell
 * `|`), with nothing between rows. The rows are rebuilt from the header words: the run of column
 * names right before the first data cell (`项目 | 预算数 | 项目 | 预算数`) gives the number of
 * columns; words above it (`收入 | 支出`) are an upper header row spread over those columns. When no
 * column names are found, the column count is the smallest one under which every column holds
 * either amounts or text, never both.
 */
import { squash } from "../../domain/text.js";

/** One cell of the run with the file line it stands on. */
export interface LineCell {
  text: string;
  line: number;
}

/** One rebuilt row: cells in column order with their colSpan. */
export interface LineRow {
  cells: Array<LineCell & { colSpan: number }>;
  line: number;
}

/** A line holding exactly one cell: text (or nothing) followed by a single closing bar. */
const CELL_LINE = /^[ \t\u3000]*([^|]*?)[ \t\u3000]*\|[ \t\u3000]*$/;

/** The cell text of a one-cell line, or null when the line is not one. */
export function oneCellLine(line: string): string | null {
  const m = CELL_LINE.exec(line);
  return m ? (m[1] ?? "") : null;
}

const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;
const isAmount = (t: string) => AMOUNT.test(squash(t));

/**
 * Column names a budget table prints in its lowest header row. `收入` / `支出` alone head a side,
 * not a column, and are left to the upper row.
 */
const COLUMN_WORD =
  /^(?:项目|科目|(?:功能分类|经济分类|支出功能分类|部门经济分类)?科目(?:编码|名称)?|编码|名称|单位(?:编码|名称)|金额|合计|小计|总计|(?:本年|上年|全年|年初)?(?:预算|决算)数?|(?:本年|上年)?金额|基本支出|项目支出|人员经费|公用经费|事业单位经营支出|上缴上级支出|对附属单位补助支出|一般公共预算(?:拨款)?|政府性基金(?:预算)?(?:拨款)?|国有资本经营预算(?:拨款)?|财政拨款(?:合计)?|事业收入|其他收入|单位资金|行次|栏次|增减(?:额|%|率)?|变动(?:额|率)?)$/;

const isColumnWord = (t: string) => COLUMN_WORD.test(squash(t));

/** Mismatches when `cells` are cut into rows of n: a column holding both amounts and text. */
function mismatches(cells: LineCell[], n: number): { bad: number; filled: number; rows: number } {
  const amounts = new Array<number>(n).fill(0);
  const texts = new Array<number>(n).fill(0);
  let rows = 0;
  for (let r = 0; r * n < cells.length; r++) {
    const row = cells.slice(r * n, r * n + n);
    if (!row.some((c) => isAmount(c.text))) continue;
    rows++;
    row.forEach((c, j) => {
      if (squash(c.text) === "") return;
      if (isAmount(c.text)) amounts[j] = (amounts[j] ?? 0) + 1;
      else texts[j] = (texts[j] ?? 0) + 1;
    });
  }
  let bad = 0;
  let filled = 0;
  for (let j = 0; j < n; j++) {
    bad += Math.min(amounts[j] ?? 0, texts[j] ?? 0);
    filled += (amounts[j] ?? 0) + (texts[j] ?? 0);
  }
  return { bad, filled, rows };
}

const consistent = (cells: LineCell[], n: number) => {
  const m = mismatches(cells, n);
  return m.rows >= 2 && m.bad <= Math.max(0, Math.floor(m.filled * 0.05));
};

function chunk(cells: LineCell[], n: number): LineRow[] {
  const rows: LineRow[] = [];
  for (let i = 0; i < cells.length; i += n) {
    const part = cells.slice(i, i + n);
    rows.push({ cells: part.map((c) => ({ ...c, colSpan: 1 })), line: (part[0] as LineCell).line });
  }
  return rows;
}

/** Header cells above the column names: one row, each cell spread evenly over the columns. */
function upperRow(cells: LineCell[], n: number): LineRow | null {
  const filled = cells.filter((c) => squash(c.text) !== "");
  if (filled.length === 0) return null;
  if (n % filled.length !== 0)
    return { cells: filled.map((c) => ({ ...c, colSpan: 1 })), line: (filled[0] as LineCell).line };
  const span = n / filled.length;
  return { cells: filled.map((c) => ({ ...c, colSpan: span })), line: (filled[0] as LineCell).line };
}

/**
 * Rebuild the rows of a run of one-cell lines; null when the run is no table (no amounts, or no
 * column count under which the amounts line up).
 */
export function rowsOfCellLines(cells: LineCell[]): { lead: LineCell[]; rows: LineRow[] } | null {
  const first = cells.findIndex((c) => isAmount(c.text));
  if (first < 0) return null;
  // By header words: the last run of column names before the first amount.
  let end = -1;
  let start = -1;
  for (let i = first - 1; i >= 0; i--) {
    const word = isColumnWord((cells[i] as LineCell).text);
    if (end < 0 && word) end = i;
    else if (end >= 0 && !word) {
      start = i + 1;
      break;
    }
    if (end >= 0 && i === 0) start = 0;
  }
  if (end >= 0 && end - start + 1 >= 2) {
    const n = end - start + 1;
    const data = cells.slice(end + 1);
    if (consistent(data, n)) {
      // Lead cells: the title and unit lines (paragraphs), then `收入 | 支出` over the columns.
      const lead = cells.slice(0, start);
      let upperStart = lead.length - 1;
      while (
        upperStart >= 0 &&
        /^(?:(?:本年)?(?:收入|支出)(?:预算|决算)?)?$/.test(squash((lead[upperStart] as LineCell).text))
      )
        upperStart--;
      const upper = upperRow(lead.slice(upperStart + 1), n);
      const rows = [...(upper ? [upper] : []), ...chunk(cells.slice(start, end + 1), n), ...chunk(data, n)];
      return { lead: lead.slice(0, upperStart + 1), rows };
    }
  }
  // No header words: the smallest column count under which the columns line up, cut where the
  // rows' first column holds the most labels.
  for (let n = 2; n <= 8; n++) {
    let best: { off: number; labels: number } | null = null;
    for (let off = 0; off < n; off++) {
      const body = cells.slice(off);
      if (!consistent(body, n)) continue;
      const labels = chunk(body, n).filter(
        (r) =>
          r.cells.some((c) => isAmount(c.text)) &&
          !isAmount(r.cells[0]?.text ?? "") &&
          squash(r.cells[0]?.text ?? "") !== "",
      ).length;
      if (!best || labels > best.labels) best = { off, labels };
    }
    if (best) return { lead: cells.slice(0, best.off), rows: chunk(cells.slice(best.off), n) };
  }
  return null;
}
