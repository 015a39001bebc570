/**
 * Shared helpers for rules: turn figures into comparable amounts, sum them exactly,
 * and build a Finding when two amounts disagree (≤ 100 元 is a rounding difference).
 */
import { formatWan, formatYuan } from "../domain/money.js";
import type { Figure, MoneyUnit, Source } from "../domain/types.js";
import type { Finding, FindingSide, Severity } from "./types.js";

/** Differences up to this many 元 (0.01 万元) are reported as "rounding", not as errors. */
export const ROUNDING_TOLERANCE_YUAN = 100;

/** A stated amount: a FindingSide whose yuan is known. */
export interface Amount extends FindingSide {
  yuan: number;
  unit: MoneyUnit;
}

/** A figure as a comparable amount; null when the figure is not stated or not a plain amount. */
export function amountOf(label: string, figure: Figure | null | undefined): Amount | null {
  if (!figure || figure.yuan === null) return null;
  return { label, text: figure.text, yuan: figure.yuan, unit: figure.unit, source: figure.source };
}

/** Format integer 元 in a unit without losing precision: "13.42", "0.0030" (万元) or "1,234" (元). */
export function formatExact(yuan: number, unit: MoneyUnit = "万元"): string {
  if (unit === "元") return formatYuan(yuan);
  return yuan % 100 === 0 ? formatWan(yuan, 2) : formatWan(yuan, 4);
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
  const total = parts.reduce((s, p) => s + p.yuan, 0);
  const unit = first.unit;
  const shown = formatExact(total, unit);
  const text =
    parts.length === 1
      ? first.text
      : parts.length <= 6
        ? `${parts.map(termText).join(" + ")} = ${shown}`
        : `${parts.length} 项之和 = ${shown}`;
  return { label, text, yuan: total, unit, source: source ?? first.source };
}

/** Strip the unit field so a side matches FindingSide exactly. */
export function toSide(a: Amount): FindingSide {
  return { label: a.label, text: a.text, yuan: a.yuan, source: a.source };
}

/** Severity of a difference: rounding when within tolerance, else the rule's severity. */
export function severityOf(diff: number, severity: Exclude<Severity, "rounding">): Severity {
  return Math.abs(diff) <= ROUNDING_TOLERANCE_YUAN ? "rounding" : severity;
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
  const diff = left.yuan - right.yuan;
  if (diff === 0) return null;
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
    differenceYuan: diff,
  };
}

/** Drop nulls from a list (type guard helper). */
export function present<T>(xs: Array<T | null | undefined>): T[] {
  return xs.filter((x): x is T => x !== null && x !== undefined);
}
