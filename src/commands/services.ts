/** What commands may use. Built once in main.ts (composition root) and in the test bot. */

import type { Catalog } from "../catalog/catalog.js";
import type { SubscriptionService } from "../digest/service.js";
import type { AnswerFinding } from "../domain/findings.js";
import type { Disclosure } from "../domain/types.js";
import type { DepartmentLexicon } from "../query/department.js";

/** Services injected into every command. */
export interface Services {
  catalog: Catalog;
  /** Department name resolution over the catalog's departments. */
  lexicon: () => DepartmentLexicon;
  /** The consistency findings of a document (⚠ notes). */
  findings: (doc: Disclosure) => Promise<AnswerFinding[]>;
  /** Injected clock (今年/去年, schedules). */
  clock: () => Date;
  /** Weekly summary subscriptions (absent where no database backs the services). */
  subscriptions?: SubscriptionService;
}
