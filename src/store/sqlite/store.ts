/**
 * The store ports (store/ports.ts) over one better-sqlite3 connection. better-sqlite3 is
 * synchronous: each port method runs its statements at once and returns a settled Promise, so a
 * write's transaction never spans an await. The project search index (FTS5, same file) is checked
 * once when the store opens and kept current by every save.
 */
import type { Disclosure } from "../../domain/types.js";
import type { FindingsToSave, SaveOptions, Store } from "../ports.js";
import { closeDb, type Db, dataVersion, openDb } from "./db.js";
import { countDeliveries, recordDelivery } from "./deliveries.js";
import {
  aliasesByDepartment,
  aliasTarget,
  recordAlias,
  storedDepartmentNames,
} from "./department-aliases.js";
import { loadFindings, saveFindings, staleFindings } from "./findings.js";
import { searchProjectsFts } from "./project-fts.js";
import { ensureProjectIndex } from "./project-index.js";
import { getDisclosure } from "./read/disclosure.js";
import {
  documentsOfYear,
  fileWithSameBytes,
  getDocument,
  getDocumentByFile,
  listDepartments,
  listDocuments,
} from "./read/documents.js";
import { dumpAll } from "./read/dump.js";
import { getProject } from "./read/project-detail.js";
import { getProjectsByIds, projectSumsByYear } from "./read/projects-by-id.js";
import { allProjectsForExport } from "./read/projects-export.js";
import { recordSource, removeDocument, sourcesOf } from "./sources.js";
import {
  claimRun,
  deleteSubscription,
  getRun,
  getSubscription,
  insertSubscription,
  lastPostedAt,
  listRuns,
  listSubscriptions,
  markFailed,
  markPosted,
  markSending,
} from "./subscriptions.js";
import { saveDisclosure } from "./write.js";

/** The SQLite store; `db` is for SQLite-specific code only (migrations tests, the bench). */
export interface SqliteStore extends Store {
  readonly db: Db;
}

/** Run `fn` now and hand its result (or error) back as a Promise. */
function now<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Save a disclosure and, when absent or stale, its findings: one transaction. */
function saveWithFindings(db: Db, d: Disclosure, options: SaveOptions & { findings?: FindingsToSave } = {}) {
  const { findings, ...save } = options;
  const tx = db.transaction(() => {
    const result = saveDisclosure(db, d, save);
    if (
      findings &&
      (result.status !== "unchanged" ||
        loadFindings(db, result.docId, d.sha256, findings.rulesVersion) === null)
    ) {
      saveFindings(db, result.docId, d.sha256, findings.rulesVersion, findings.compute());
    }
    return result;
  });
  return tx.immediate();
}

/** The store over an open, migrated database (the project index is checked here, once). */
export function sqliteStore(db: Db): SqliteStore {
  if (!db.readonly) ensureProjectIndex(db);
  /** Removals through this store: they change the change port's version too (catalogs reload). */
  let removals = 0;
  return {
    db,
    disclosures: {
      departments: () => now(() => listDepartments(db)),
      documents: () => now(() => listDocuments(db)),
      documentsOfYear: (department, year, basis) => now(() => documentsOfYear(db, department, year, basis)),
      documentByFile: (file) => now(() => getDocumentByFile(db, file)),
      fileWithSameBytes: (sha256, exceptFile) => now(() => fileWithSameBytes(db, sha256, exceptFile)),
      disclosure: (docId) => now(() => getDisclosure(db, docId)),
      save: (d, options) => now(() => saveWithFindings(db, d, options)),
      departmentNames: () => now(() => storedDepartmentNames(db)),
      aliasTarget: (alias) => now(() => aliasTarget(db, alias)),
      recordAlias: (alias, department, file) => now(() => recordAlias(db, alias, department, file)),
      aliasesByDepartment: () => now(() => aliasesByDepartment(db)),
      recordSource: (docId, source) => now(() => recordSource(db, docId, source)),
      sources: (docIds) => now(() => sourcesOf(db, docIds)),
      documentById: (docId) => now(() => getDocument(db, docId)),
      remove: (docId) =>
        now(() => {
          const removed = removeDocument(db, docId);
          if (removed) removals++;
          return removed;
        }),
      exportProjects: () => now(() => allProjectsForExport(db)),
      dump: () => now(() => dumpAll(db)),
    },
    projects: {
      searchIds: (query, opts) =>
        now(() =>
          searchProjectsFts(db, query, {
            department: opts.department,
            year: opts.year,
            limit: opts.limit ?? 200,
          }).map((h) => h.id),
        ),
      byIds: (ids) => now(() => getProjectsByIds(db, ids)),
      sumsByYear: (ids) => now(() => projectSumsByYear(db, ids)),
      project: (id) => now(() => getProject(db, id)),
      procurementFor: (projectId) => now(() => getProject(db, projectId)?.procurement ?? []),
    },
    findings: {
      load: (docId, sha256, rulesVersion) => now(() => loadFindings(db, docId, sha256, rulesVersion)),
      save: (docId, sha256, rulesVersion, findings) =>
        now(() => saveFindings(db, docId, sha256, rulesVersion, findings)),
      stale: (rulesVersion) => now(() => staleFindings(db, rulesVersion)),
    },
    subscriptions: {
      insert: (s) => now(() => insertSubscription(db, s)),
      get: (id) => now(() => getSubscription(db, id)),
      list: (chat) => now(() => listSubscriptions(db, chat)),
      remove: (id, chat) => now(() => deleteSubscription(db, id, chat)),
    },
    jobRuns: {
      get: (subscriptionId, period) => now(() => getRun(db, subscriptionId, period)),
      list: (subscriptionId) => now(() => listRuns(db, subscriptionId)),
      claim: (p) => now(() => claimRun(db, p)),
      markSending: (runId, owner, at) => now(() => markSending(db, runId, owner, at)),
      markPosted: (runId, owner, at) => now(() => markPosted(db, runId, owner, at)),
      markFailed: (runId, owner, p) => now(() => markFailed(db, runId, owner, p)),
      lastPostedAt: (subscriptionId, period) => now(() => lastPostedAt(db, subscriptionId, period)),
    },
    deliveries: {
      firstTime: (p) => now(() => recordDelivery(db, p)),
      count: (platform) => now(() => countDeliveries(db, platform)),
    },
    changes: {
      // SQLite's data_version changes when another connection commits to the file.
      // Removals through this store count too: a catalog over it must stop answering from the file.
      version: () => now(() => `${dataVersion(db)}:${removals}`),
    },
    close: () => now(() => closeDb(db)),
  };
}

/** Open (creating and migrating when needed) the SQLite store at `path` or ":memory:". */
export function openSqliteStore(path: string, options: { readonly?: boolean } = {}): SqliteStore {
  return sqliteStore(openDb(path, options));
}
