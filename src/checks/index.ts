/**
 * The consistency-check rule set: where a disclosure disagrees with itself.
 * `runChecks` runs every rule and returns findings sorted by severity, then by line.
 */
import type { Disclosure } from "../domain/types.js";
import { assetRules } from "./assets.js";
import { crossTableRules } from "./cross-table.js";
import { narrativeRules } from "./narrative-vs-table.js";
import { procurementRules } from "./procurement.js";
import { projectRules } from "./projects.js";
import { sangongRules } from "./sangong.js";
import { tableArithmeticRules } from "./table-arithmetic.js";
import { completenessRules } from "./completeness.js";
import { identityRules } from "./identity.js";
import { narrativeClaimRules } from "./narrative-claims.js";
import type { Finding, Rule, Severity } from "./types.js";

export { ROUNDING_TOLERANCE_FEN } from "./compare.js";
export type { Finding, FindingSide, Rule, Severity } from "./types.js";

/** Every rule, in report order. */
export const rules: Rule[] = [
  ...completenessRules,
  ...identityRules,
  ...tableArithmeticRules,
  ...crossTableRules,
  ...narrativeRules,
  ...narrativeClaimRules,
  ...sangongRules,
  ...projectRules,
  ...procurementRules,
  ...assetRules,
];

/**
 * Version of the rule set, stored with computed findings: bump RULES_REVISION whenever a rule's
 * logic changes (adding or removing a rule changes the id list by itself).
 */
const RULES_REVISION = 4;
export const RULES_VERSION = `${RULES_REVISION}:${rules.map((r) => r.id).join(",")}`;

const ORDER: Record<Severity, number> = { error: 0, warning: 1, rounding: 2 };

/** Run every rule on a disclosure; findings sorted by severity (error, warning, rounding), then line. */
export function runChecks(d: Disclosure): Finding[] {
  const found = rules.flatMap((r) => r.run(d));
  return found
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        ORDER[a.f.severity] - ORDER[b.f.severity] || a.f.left.source.line - b.f.left.source.line || a.i - b.i,
    )
    .map(({ f }) => f);
}
