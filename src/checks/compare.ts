/**
 * Shared helpers for rules: turn figures into comparable amounts, sum them exactly,
 * and build a Finding when two amounts disagree (≤ 100 元 is a rounding difference).
 */
import { compareAsPrinted, formatInUnit } from "../domain/money.js";
import type { Figure, MoneyUnit, Source } from "../domain/types.js";
import type { Finding, FindingSide, Severity } from "./types.js";

/** Differences up to this many 分 (0.01 万元 = 100 元) are reported as "rounding", not as errors. */
export const ROUNDING_TOLERANCE_FEN = 10_000;

/** A stated amount: a FindingSide whose fen is known. */
export interface Amount extends FindingSide {
  fen: number;
  unit: MoneyUnit;
}

/** A figure as a comparable amount; null when the figure is not stated or not a plain amount. */
export function amountOf(label: string, figure: Figure | null | undefined): Amount | null {
  if (!figure || figure.fen === null) return null;
  return { label, text: figure.text, fen: figure.fen, unit: figure.unit, source: figure.source };
}

/**
 * Format integer 分 in a unit without losing precision: "13.42", "0.0030", "0.000001" (万元) or
 * "1,234", "1,234.50" (元).
 */
export function formatExact(fen: number, unit: MoneyUnit = "万元"): string {
  return formatInUnit(fen, unit);
}

/** A part's text inside a sum: a computed sum "a + b = c" becomes "(a + b)". */
function termText(p: Amount): string {
  const i = p.text.indexOf(" = ");
  return i < 0 ? p.text : `(${p.text.slice(0, i)})`;
}

/** Sum of amounts as one side, e.g. text "0 + 13.42 = 13.42". Null when there are no parts. */
export function sumAmount(label: string, parts: Amount[], source?: Source): Amount | null {
  const first = parts[0];
  if (!first) return null;
  const total = parts.reduce((s, p) => s + p.fen, 0);
  const unit = first.unit;
  const shown = formatExact(total, unit);
  // Parts in different units (11.2 亿元 + 3,500.00 万元) each say theirs.
  const mixed = parts.some((p) => p.unit !== unit);
  const term = (p: Amount) => (mixed ? `${termText(p)} ${p.unit}` : termText(p));
  const text =
    parts.length === 1
      ? first.text
      : parts.length <= 6
        ? `${parts.map(term).join(" + ")} = ${shown}${mixed ? ` ${unit}` : ""}`
        : `${parts.length} 项之和 = ${shown}${mixed ? ` ${unit}` : ""}`;
  return { label, text, fen: total, unit, source: source ?? first.source };
}

/** Strip the unit field so a side matches FindingSide exactly. */
export function toSide(a: Amount): FindingSide {
  return { label: a.label, text: a.text, fen: a.fen, source: a.source };
}

/** Severity of a difference: rounding when within tolerance, else the rule's severity. */
export function severityOf(diff: number, severity: Exclude<Severity, "rounding">): Severity {
  return Math.abs(diff) <= ROUNDING_TOLERANCE_FEN ? "rounding" : severity;
}

/** Options for compareAmounts. */
export interface CompareOptions {
  ruleId: string;
  severity: Exclude<Severity, "rounding">;
  /** Sentence start before the comparison, e.g. "收入总表". May be empty. */
  context?: string;
  /** Extra sentence appended to the message. */
  note?: string;
}

/**
 * Compare two amounts; a Finding when they differ, null when equal or either is not stated.
 * The message reads "<left> 与 <right> 不一致，相差 X 万元".
 */
export function compareAmounts(
  left: Amount | null,
  right: Amount | null,
  opts: CompareOptions,
): Finding | null {
  if (!left || !right) return null;
  const diff = left.fen - right.fen;
  // Equal at the precision one of them is printed to (1,212.12 万元 and 12,121,164 元): no difference.
  if (diff === 0 || compareAsPrinted(left, right) !== "differs") return null;
  const severity = severityOf(diff, opts.severity);
  const unit = left.unit;
  const head = opts.context ? `${opts.context}：` : "";
  const tail = severity === "rounding" ? "差额不超过 0.01 万元，属尾数差异。" : "";
  const message =
    `${head}${left.label} ${left.text} 与 ${right.label} ${right.text} 不一致，` +
    `相差 ${formatExact(Math.abs(diff), unit)} ${unit}。${tail}${opts.note ?? ""}`;
  return {
    ruleId: opts.ruleId,
    severity,
    message,
    left: toSide(left),
    right: toSide(right),
    differenceFen: diff,
  };
}

/** Drop nulls from a list (type guard helper). */
export function present<T>(xs: Array<T | null | undefined>): T[] {
  return xs.filter((x): x is T => x !== null && x !== undefined);
}
