/**
 * The consistency-check rule set: where a disclosure disagrees with itself.
 * The rules, where they read and when they apply are listed in the rule table (rule-table.ts);
 * `runChecks` runs the rules that apply to a document and returns findings sorted by severity, then by line.
 */
import type { Disclosure } from "../domain/types.js";
import { RULE_TABLE, rulesFor } from "./rule-table.js";
import type { Finding, Rule, Severity } from "./types.js";

export { ROUNDING_TOLERANCE_FEN } from "./compare.js";
export { type RuleEntry, type RuleRun, ruleReport } from "./rule-table.js";
export type { Finding, FindingSide, Rule, Severity } from "./types.js";

/** Every rule, in report order. */
export const rules: Rule[] = RULE_TABLE.map((e) => e.rule);

/**
 * Version of the rule set, stored with computed findings: bump RULES_REVISION whenever a rule's
 * logic changes (adding or removing a rule changes the id list by itself).
 */
const RULES_REVISION = 5;
export const RULES_VERSION = `${RULES_REVISION}:${rules.map((r) => r.id).join(",")}`;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, rounding: 2 };

/** Run the rules that apply to a document; findings sorted by severity (error, warning, rounding), then line. */
export function runChecks(d: Disclosure): Finding[] {
  const found = rulesFor(d).flatMap((r) => r.run(d));
  return found
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        ORDER[a.f.severity] - ORDER[b.f.severity] || a.f.left.source.line - b.f.left.source.line || a.i - b.i,
    )
    .map(({ f }) => f);
}
