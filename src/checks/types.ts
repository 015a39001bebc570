/**
 * Consistency checks: where a disclosure disagrees with itself.
 * A rule is a pure function over a parsed Disclosure that returns findings.
 */
import type { Disclosure, Source } from "../domain/types.js";

/** How bad a finding is: a real contradiction, something suspicious, or a tail difference ≤ 0.01 万元. */
export type Severity = "error" | "warning" | "rounding";

/** One side of a comparison: a figure as printed (or a computed sum), with where it came from. */
export interface FindingSide {
  /** Chinese label, e.g. "收支总表「收入总计」". */
  label: string;
  /** The figure as printed, or the computed expression, e.g. "0 + 13.42 = 13.42". */
  text: string;
  /** Exact integer 分, or null when the side is not an amount (e.g. a percentage). */
  fen: number | null;
  source: Source;
}

/** One place where the document disagrees with itself. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** User-facing Chinese explanation. */
  message: string;
  left: FindingSide;
  right: FindingSide | null;
  /** left − right in 分, when both sides are amounts. */
  differenceFen: number | null;
}

/** A consistency rule. */
export interface Rule {
  id: string;
  /** Chinese one-line description of what the rule checks. */
  description: string;
  /** Severity of a real (beyond-rounding) finding. */
  severity: Exclude<Severity, "rounding">;
  run(d: Disclosure): Finding[];
}
