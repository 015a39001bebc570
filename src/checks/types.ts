/**
 * Consistency checks: where a disclosure disagrees with itself.
 * A rule is a pure function over a parsed Disclosure that returns findings.
 */
import type { Finding, Severity } from "../domain/findings.js";
import type { Disclosure } from "../domain/types.js";

export type { Finding, FindingSide, Severity } from "../domain/findings.js";

/** A consistency rule. */
export interface Rule {
  id: string;
  /** Chinese one-line description of what the rule checks. */
  description: string;
  /** Severity of a real (beyond-rounding) finding. */
  severity: Exclude<Severity, "rounding">;
  run(d: Disclosure): Finding[];
}
