/**
 * Wiring shared by `npm start`, the CLI's `ask` and the test bot: store → catalog → services →
 * dispatcher. Adapters and the scheduler are added by main.ts. Nothing here knows which database
 * backs the store.
 */

import { commands } from "../commands/index.js";
import { StoreCatalog } from "./catalog/store-catalog.js";
import { findingsForAnswer } from "./checks/for-answer.js";
import { createDispatcher, type Logger } from "./commands/dispatch.js";
import type { Services } from "./commands/services.js";
import type { Dispatcher, Invocation } from "./commands/types.js";
import { storeSubscriptions } from "./digest/service.js";
import type { AnswerFinding } from "./domain/findings.js";
import type { Disclosure } from "./domain/types.js";
import { DepartmentLexicon } from "./query/department.js";
import type { Store } from "./store/ports.js";

/** The assembled core of the bot. */
export interface AppCore {
  store: Store;
  catalog: StoreCatalog;
  services: Services;
  dispatcher: Dispatcher;
  /** Reload the departments after an ingest through this store. */
  refresh(): Promise<void>;
  /** Load the departments when the store changed since the last look (another process's ingest). */
  fresh(): Promise<void>;
}

/**
 * Assemble the core over an open store. The department lexicon stays synchronous over the
 * catalog's last loaded department list; every dispatch first lets the catalog notice changes.
 */
export function createCore(opts: {
  store: Store;
  log: Logger;
  clock?: () => Date;
  isAdmin?: (inv: Invocation) => boolean;
  /** Summary defaults (DIGEST_TIMEZONE, DIGEST_DEFAULT_SCHEDULE); config defaults when absent. */
  digest?: { timezone: string; defaultSchedule: string };
}): AppCore {
  const catalog = new StoreCatalog(opts.store);
  let lexicon: DepartmentLexicon | null = null;
  let lexiconGeneration = -1;
  const findingsCache = new WeakMap<Disclosure, AnswerFinding[]>();
  const services: Services = {
    catalog,
    lexicon: () => {
      const departments = catalog.knownDepartments();
      if (!lexicon || lexiconGeneration !== catalog.generation) {
        lexicon = new DepartmentLexicon(departments);
        lexiconGeneration = catalog.generation;
      }
      return lexicon;
    },
    findings: async (doc) => {
      let f = findingsCache.get(doc);
      if (!f) {
        f = findingsForAnswer(await catalog.findings(doc));
        findingsCache.set(doc, f);
      }
      return f;
    },
    clock: opts.clock ?? (() => new Date()),
    documents: {
      ofDepartment: async (department, year) => {
        const docs = (await opts.store.disclosures.documents()).filter(
          (d) => d.department.name === department && (year === null || d.year === year),
        );
        const sources = await opts.store.disclosures.sources(docs.map((d) => d.id));
        return docs.map((info) => ({ info, source: sources.get(info.id) ?? null }));
      },
      remove: async (docId) => {
        const removed = await opts.store.disclosures.remove(docId);
        // The change port's version moved: the next dispatch reloads; this one's answer is sent already.
        if (removed) await catalog.refresh();
        return removed;
      },
    },
    subscriptions: storeSubscriptions(
      opts.store.subscriptions,
      opts.digest ?? { timezone: "Asia/Shanghai", defaultSchedule: "0 9 * * 1" },
    ),
  };
  const inner = createDispatcher(commands, services, opts.log, opts.isAdmin);
  const fresh = () => catalog.fresh();
  const dispatcher: Dispatcher = {
    dispatch: async (inv) => {
      await fresh();
      return inner.dispatch(inv);
    },
    commandList: () => inner.commandList(),
  };
  return {
    store: opts.store,
    catalog,
    services,
    dispatcher,
    refresh: async () => {
      await catalog.refresh();
      lexicon = null;
    },
    fresh,
  };
}
