/**
 * The rows of one project 绩效目标表 below its identity rows: 绩效目标 (or the 项目总目标 /
 * 年度总体目标 columns of a 填报表), 资金支出计划 and the indicator rows. Read by labels and header
 * positions, whatever the export layout.
 */
import { parseAmount, parsePercent } from "../domain/money.js";
import { joinContinuation, squash, trimAll } from "../domain/text.js";
import type { Indicator, MoneyUnit, ParseWarning, PlanPoint } from "../domain/types.js";
import type { Cell, Row } from "./document/stream.js";
import { fundingLabelUnit, fundKind } from "./project-funding.js";

/** Labels of the name cell. */
export const NAME_LABELS = new Set(["项目名称", "专项资金名称", "资金名称"]);
/** Labels of the 资金用途 cell. */
export const PURPOSE_LABELS = new Set(["资金用途", "项目资金主要用途", "主要用途", "资金主要用途"]);
/**
 * Labels of a 填报表's identity rows that have no place in a Project (项目性质, 主管部门, dates …):
 * known only so that a value is never read across them.
 */
export const FORM_LABELS = new Set([
  "项目性质",
  "项目类别",
  "主管部门",
  "实施单位",
  "计划开始日期",
  "计划完成日期",
  "项目资金",
]);
/** Labels of a 填报表's goal columns: the year's goal first, the whole project's second. */
export const ANNUAL_GOAL_LABELS = new Set(["年度总体目标", "年度绩效目标", "年度目标"]);
export const OVERALL_GOAL_LABELS = new Set(["项目总目标", "总体目标"]);
/** The 资金支出计划 label. */
export const PLAN = /^(?:资金)?支出计划/;
/** A plan column label: short and about a month, quarter or year ("3月底", "第一季度"). */
export const PERIOD = /^.{0,6}(?:月|季度|年)[底末份]?$/;

/** A cell's text with all whitespace removed, "" for a missing cell. */
export function sq(c: Cell | undefined): string {
  return c ? squash(c.text) : "";
}

/** True for the label cells of a project table (项目编码, 预算数, 资金支出计划 …). */
export function isLabel(s: string): boolean {
  return (
    s === "项目编码" ||
    NAME_LABELS.has(s) ||
    PURPOSE_LABELS.has(s) ||
    fundKind(s) !== null ||
    fundingLabelUnit(s) !== null ||
    FORM_LABELS.has(s) ||
    isGoalLabel(s) ||
    s === "预算规模及资金用途" ||
    s === "绩效目标" ||
    PLAN.test(s)
  );
}

/** True for a 填报表 goal column label (项目总目标, 年度总体目标 …). */
export function isGoalLabel(s: string): boolean {
  return ANNUAL_GOAL_LABELS.has(s) || OVERALL_GOAL_LABELS.has(s);
}

/** True when every cell of the row is blank. */
export function emptyRow(r: Row): boolean {
  return r.cells.every((c) => trimAll(c.text) === "");
}

/** Goal rows: "绩效目标 | [目标N |] text" plus following rows whose first cell is blank. */
export function readGoal(rows: Row[], at: number): { goal: string | null; consumed: number } {
  const parts: string[] = [];
  let r = at;
  while (r < rows.length) {
    const row = rows[r] as Row;
    if (
      r > at &&
      (sq(row.cells[0]) !== "" || isIndicatorHeader(row) || row.cells.some((c) => PLAN.test(sq(c))))
    )
      break;
    const texts = row.cells
      .slice(1)
      .map((c) => trimAll(c.text))
      .filter((t) => t !== "");
    if (texts.length >= 2 && /^目标$/.test(squash(texts[0] as string))) texts.shift();
    if (texts.length > 0) parts.push(texts.join(" "));
    r++;
  }
  return { goal: parts.length > 0 ? parts.join("\n") : null, consumed: r - at };
}

/**
 * 填报表 goals at rows[at], the row holding the 项目总目标 / 年度总体目标 labels: each label's text is
 * the value beside it in that row, or else the text below it (in its columns, up to the next
 * label's) on the rows down to the next label or indicator header. The goal is the year's
 * (年度总体目标), else the whole project's (项目总目标).
 */
export function readGoalColumns(rows: Row[], at: number): { goal: string | null; consumed: number } {
  const head = rows[at] as Row;
  const labels = head.cells.map((c, i) => ({ s: sq(c), i })).filter((x) => isGoalLabel(x.s));
  let r = at + 1;
  while (r < rows.length) {
    const row = rows[r] as Row;
    if (isIndicatorHeader(row) || row.cells.some((c) => isLabel(sq(c)))) break;
    r++;
  }
  const below = rows.slice(at + 1, r);
  const texts = new Map<string, string>();
  labels.forEach(({ s, i }, k) => {
    const stop = labels[k + 1]?.i ?? Number.POSITIVE_INFINITY;
    const beside = head.cells.slice(i + 1, stop).find((c) => trimAll(c.text) !== "");
    const parts = beside
      ? [trimAll(beside.text)]
      : below.flatMap((row) =>
          row.cells
            .slice(i, stop)
            .map((c) => trimAll(c.text))
            .filter((t) => t !== ""),
        );
    if (parts.length > 0) texts.set(s, parts.reduce(joinContinuation));
  });
  const first = (set: Set<string>): string | undefined => {
    for (const { s } of labels) if (set.has(s) && texts.has(s)) return texts.get(s);
    return undefined;
  };
  const goal = first(ANNUAL_GOAL_LABELS) ?? first(OVERALL_GOAL_LABELS) ?? null;
  return { goal, consumed: r - at };
}

/** A row of period labels ("3月底" …, "第一季度" …) after cell `from`. */
function isPeriodRow(row: Row, from = 1): boolean {
  const texts = row.cells
    .slice(from)
    .map((c) => sq(c))
    .filter((t) => t !== "");
  return texts.length > 0 && texts.every((t) => PERIOD.test(t) && !isLabel(t));
}

/** What a 资金支出计划 read produced: the points and how many rows it used. */
export interface PlanRead {
  plan: PlanPoint[];
  consumed: number;
}

/**
 * 资金支出计划 at rows[at]: period labels after the plan label (or on the next row when the plan
 * row carries 预算数 labels instead), then a values row; values aligned to labels by position,
 * positions where both are empty dropped (PDF spurious cells). Blank values stay as points
 * with text "" and null numbers.
 */
export function readPlan(
  rows: Row[],
  at: number,
  context: { title: string; budgetFen: number | null; unit: MoneyUnit },
  warnings: ParseWarning[],
): PlanRead {
  const head = rows[at] as Row;
  const from = Math.max(1, head.cells.findIndex((c) => PLAN.test(sq(c))) + 1);
  let labelsRow: Row = head;
  let r = at + 1;
  if (!isPeriodRow(head, from)) {
    const next = rows[r];
    if (!next || !isPeriodRow(next, from)) {
      warnings.push({ message: `资金支出计划未找到时间列：${context.title}`, line: head.line });
      return { plan: [], consumed: 1 };
    }
    labelsRow = next;
    r++;
  }
  const valuesRow = rows[r];
  const hasValues =
    valuesRow !== undefined &&
    sq(valuesRow.cells[0]) === "" &&
    !isIndicatorHeader(valuesRow) &&
    !isPeriodRow(valuesRow, from);
  const values = hasValues ? valuesRow.cells : [];
  const width = Math.max(labelsRow.cells.length, values.length);
  const raw: Array<{ label: string; text: string; line: number }> = [];
  for (let k = from; k < width; k++) {
    const label = squash(labelsRow.cells[k]?.text ?? "");
    const v = values[k];
    const text = v ? trimAll(v.text) : "";
    if (label === "" && text === "") continue;
    if (label === "") {
      warnings.push({
        message: `资金支出计划的数值没有对应的时间列：${context.title}`,
        line: v?.line ?? head.line,
      });
    }
    raw.push({ label, text, line: v?.line ?? labelsRow.line });
  }
  const unit = decidePlanUnit(
    sq(head.cells[from - 1]),
    raw.map((p) => p.text),
    context.budgetFen,
    context.unit,
  );
  const plan = raw.map((p): PlanPoint => {
    const blank = p.text === "";
    return {
      label: p.label,
      text: p.text,
      unit,
      fen: blank || unit === "%" ? null : parseAmount(p.text, unit),
      basisPoints: blank || unit !== "%" ? null : parsePercent(p.text),
      line: p.line,
    };
  });
  return { plan, consumed: r - at + (hasValues ? 1 : 0) };
}

/**
 * The real unit of plan values: "%" when printed with %; money when a value exceeds 100 or
 * the last value or the sum equals the budget (budget not 100); "%" when the last value is 100 while the
 * budget is not; otherwise what the header says (（%） → "%"), else the table unit.
 */
export function decidePlanUnit(
  header: string,
  texts: string[],
  budgetFen: number | null,
  unit: MoneyUnit,
): MoneyUnit | "%" {
  const filled = texts.filter((t) => t !== "");
  if (filled.some((t) => /[%％]/.test(t))) return "%";
  const last = filled[filled.length - 1];
  const lastFen = last === undefined ? null : parseAmount(last, unit);
  const hundred = parseAmount("100", unit);
  const amounts = filled.map((t) => parseAmount(t, unit));
  if (amounts.some((y) => (y ?? 0) > (hundred as number))) return unit;
  const sum = amounts.every((y) => y !== null)
    ? amounts.reduce((a, y) => (a as number) + (y as number), 0)
    : null;
  if (budgetFen !== null && budgetFen !== hundred && (lastFen === budgetFen || sum === budgetFen))
    return unit;
  if (lastFen === hundred && budgetFen !== hundred) return "%";
  if (/[%％]/.test(header)) return "%";
  return unit;
}

interface Columns {
  width: number;
  level1: number;
  level2: number;
  level3: number;
  description: number;
  value: number;
  basis: number;
}

/** The 一级指标 二级指标 三级指标 … header row (split cells squashed). */
export function isIndicatorHeader(row: Row): boolean {
  const s = row.cells.map((c) => sq(c));
  return s.includes("一级指标") && s.includes("二级指标") && s.includes("三级指标");
}

function columnsOf(row: Row): Columns {
  const s = row.cells.map((c) => sq(c));
  const find = (test: (t: string) => boolean) => s.findIndex(test);
  return {
    width: row.cells.length,
    level1: find((t) => t === "一级指标"),
    level2: find((t) => t === "二级指标"),
    level3: find((t) => t === "三级指标"),
    description: find((t) => /指标描述|指标内容/.test(t)),
    // "指标值", "年度指标值", "年度(/项目)指标值".
    value: find((t) => /^(?:年度|项目)?(?:指标|目标)值$/.test(t.replace(/[(（][^)）]*[)）]/g, ""))),
    basis: find((t) => /确定依据|依据/.test(t)),
  };
}

type Field = "level1" | "level2" | "level3" | "description" | "value" | "basis";
const FIELDS: Field[] = ["level1", "level2", "level3", "description", "value", "basis"];

/** Indicator rows after the header, aligned by the header's cell positions. */
export function readIndicators(rows: Row[], warnings: ParseWarning[]): Indicator[] {
  let cols = columnsOf(rows[0] as Row);
  const out: Indicator[] = [];
  const carry: Carry = { level1: null, level2: null };
  let pending: Cell[] = [];
  let pendingLine = 0;
  for (const row of rows.slice(1)) {
    if (isIndicatorHeader(row)) {
      cols = columnsOf(row);
      continue;
    }
    if (pending.length === 0 && emptyRow(row)) continue;
    let cells = row.cells;
    let line = row.line;
    if (pending.length > 0 || cells.length < cols.width) {
      // A row shorter than the header is a piece of one row that the document broke (a text
      // export ends a row at a blank line inside a cell): rejoin the pieces up to the header width.
      if (pending.length === 0) pendingLine = row.line;
      pending = pending.concat(cells);
      if (pending.length < cols.width) continue;
      if (pending.length > cols.width) {
        warnings.push({
          message: `指标行单元格数（${pending.length}）与表头（${cols.width}）不符`,
          line: pendingLine,
        });
      }
      cells = pending;
      line = pendingLine;
      pending = [];
    }
    if (cells.every((c) => trimAll(c.text) === "")) continue;
    addIndicator(out, carry, cells, cols, line);
  }
  if (pending.length > 0) {
    warnings.push({
      message: `指标行不完整（${pending.length}/${cols.width} 个单元格），已略去`,
      line: pendingLine,
      truncated: "row",
    });
  }
  return out;
}

/** Level names of merged cells, inherited by the rows below them. */
interface Carry {
  level1: string | null;
  level2: string | null;
}

function addIndicator(out: Indicator[], carry: Carry, cells: Cell[], cols: Columns, line: number): void {
  const get = (i: number): string | null => {
    const t = i >= 0 ? trimAll(cells[i]?.text ?? "") : "";
    return t === "" ? null : t;
  };
  const ind: Indicator = {
    level1: get(cols.level1),
    level2: get(cols.level2),
    level3: get(cols.level3),
    description: get(cols.description),
    value: get(cols.value),
    basis: get(cols.basis),
    line,
  };
  const prev = out[out.length - 1];
  // A row broken across lines: only the tail of some cells, no levels and no value.
  if (prev && !ind.level1 && !ind.level2 && !ind.value && (!ind.level3 || !ind.description)) {
    for (const f of FIELDS) {
      const v = ind[f];
      if (v !== null) prev[f] = prev[f] === null ? v : joinContinuation(prev[f] as string, v);
    }
    return;
  }
  if (ind.level1) {
    carry.level1 = ind.level1;
    carry.level2 = null;
  } else ind.level1 = carry.level1;
  if (ind.level2) carry.level2 = ind.level2;
  else ind.level2 = carry.level2;
  // A level name printed on a row of its own (merged cell): carried, not an indicator.
  if (!ind.level3 && !ind.description && !ind.value && !ind.basis) return;
  out.push(ind);
}
