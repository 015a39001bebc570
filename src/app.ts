/**
 * Wiring shared by `npm start`, the CLI's `ask` and the test bot: database → catalog (index) →
 * services → dispatcher. Adapters and the scheduler are added by main.ts.
 */

import { commands } from "../commands/index.js";
import { SqliteCatalog } from "./catalog/sqlite-catalog.js";
import { findingsForAnswer } from "./checks/for-answer.js";
import { createDispatcher, type Logger } from "./commands/dispatch.js";
import type { Services } from "./commands/services.js";
import type { Dispatcher, Invocation } from "./commands/types.js";
import { sqliteSubscriptions } from "./digest/service.js";
import type { AnswerFinding } from "./domain/findings.js";
import type { Disclosure } from "./domain/types.js";
import { DepartmentLexicon } from "./query/department.js";
import type { Db } from "./store/sqlite/db.js";

/** The assembled core of the bot. */
export interface AppCore {
  db: Db;
  catalog: SqliteCatalog;
  services: Services;
  dispatcher: Dispatcher;
  /** Reload departments and the search index after the store changed. */
  refresh(): void;
}

/** Assemble the core over an open database. */
export function createCore(opts: {
  db: Db;
  log: Logger;
  clock?: () => Date;
  isAdmin?: (inv: Invocation) => boolean;
  /** Summary defaults (DIGEST_TIMEZONE, DIGEST_DEFAULT_SCHEDULE); config defaults when absent. */
  digest?: { timezone: string; defaultSchedule: string };
}): AppCore {
  const catalog = new SqliteCatalog(opts.db);
  let lexicon: DepartmentLexicon | null = null;
  let lexiconGeneration = -1;
  const findingsCache = new WeakMap<Disclosure, AnswerFinding[]>();
  const services: Services = {
    catalog,
    lexicon: () => {
      const departments = catalog.departments();
      if (!lexicon || lexiconGeneration !== catalog.generation) {
        lexicon = new DepartmentLexicon(departments);
        lexiconGeneration = catalog.generation;
      }
      return lexicon;
    },
    findings: (doc) => {
      let f = findingsCache.get(doc);
      if (!f) {
        f = findingsForAnswer(catalog.findings(doc));
        findingsCache.set(doc, f);
      }
      return f;
    },
    clock: opts.clock ?? (() => new Date()),
    subscriptions: sqliteSubscriptions(
      opts.db,
      opts.digest ?? { timezone: "Asia/Shanghai", defaultSchedule: "0 9 * * 1" },
    ),
  };
  const dispatcher = createDispatcher(commands, services, opts.log, opts.isAdmin);
  return {
    db: opts.db,
    catalog,
    services,
    dispatcher,
    refresh: () => {
      catalog.refresh();
      lexicon = null;
    },
  };
}
