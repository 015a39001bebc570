/**
 * The consistency findings contract shared by the checks (which produce them), the store (which
 * keeps them) and the answers (which show them as ⚠ notes). Pure types.
 */
import type { Source } from "./types.js";

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

/** A finding the answer may show as a ⚠ note (from the consistency checks). */
export interface AnswerFinding {
  message: string;
  sections: string[];
  /** The figures the finding compares: a ⚠ note is shown only with one of them. */
  places: Array<{ section: string; line: number }>;
}
