/**
 * Keeping the FTS5 project index (project-fts.ts) in step with the stored documents. Every write
 * of a document updates the index in the same transaction, for the department-years it touched
 * (saveDisclosure calls `projectIndexBefore` / `projectIndexAfter`), so readers — a bot beside a
 * `bot ingest` — never find it stale and never rebuild it on a request. A full rebuild happens
 * only where the index was not current before a write (a database from before this rule) or at
 * start (`ensureProjectIndex`).
 */
import { createHash } from "node:crypto";
import type { DisclosureBasis } from "../../domain/types.js";
import type { ProjectDoc } from "../../search/types.js";
import type { Db } from "./db.js";
import {
  deleteProjectsFts,
  projectFtsFingerprint,
  rebuildProjectFts,
  setProjectFtsFingerprint,
  upsertProjectsFts,
} from "./project-fts.js";
import {
  DOC_ORDER,
  type DocumentInfo,
  documentsOfYear,
  getDocument,
  listDocuments,
} from "./read/documents.js";
import { getProjects, type ProjectRecord } from "./read/projects.js";
import { stmt } from "./read/statements.js";

/**
 * Fingerprint of the stored documents: the persisted index is stale when it changes. Computed on
 * every write, so the lines are built in SQL (`id:sha256:department:year`, in document order).
 */
export function storeFingerprint(db: Db): string {
  const h = createHash("sha256");
  const lines = stmt(
    db,
    `SELECT d.id || ':' || d.sha256 || ':' || d.department_name || ':' || ifnull(d.year, 'null') FROM documents d ${DOC_ORDER}`,
  )
    .pluck()
    .all() as string[];
  for (const line of lines) h.update(`${line}\n`);
  return h.digest("hex").slice(0, 32);
}

const docKey = (d: DocumentInfo) => `${d.department.name}|${d.year ?? ""}|${d.basis}`;

/**
 * The documents whose projects are searched: per department-year-basis the one holding most
 * projects (then the more complete one, then the later), as the combined view takes them, so a
 * partial copy never doubles a department's projects. A document of no known department stands alone.
 */
function projectSources(docs: DocumentInfo[]): Set<number> {
  const size = (d: DocumentInfo) =>
    d.counts.tables + d.counts.narrative + d.counts.projects + d.counts.procurement + d.counts.assets;
  const best = new Map<string, DocumentInfo>();
  const ids = new Set<number>();
  for (const d of docs) {
    if (d.counts.projects === 0) continue;
    if (!d.department.known) {
      ids.add(d.id);
      continue;
    }
    const cur = best.get(docKey(d));
    const better =
      !cur ||
      d.counts.projects > cur.counts.projects ||
      (d.counts.projects === cur.counts.projects &&
        (size(d) > size(cur) || (size(d) === size(cur) && d.id > cur.id)));
    if (better) best.set(docKey(d), d);
  }
  for (const d of best.values()) ids.add(d.id);
  return ids;
}

/** The ids of every document whose projects are searched. */
export function projectSourceIds(db: Db): Set<number> {
  return projectSources(listDocuments(db));
}

function toProjectDoc(p: ProjectRecord): ProjectDoc {
  return {
    id: p.id,
    department: p.department,
    year: p.year,
    code: p.code,
    name: p.name,
    purpose: p.purpose,
    goal: p.goal,
    indicators: p.indicators
      .map((i) => [i.level3, i.description, i.value].filter(Boolean).join(" "))
      .join("\n"),
  };
}

/** Every searchable stored project as a search document. */
export function projectDocs(db: Db): ProjectDoc[] {
  const sources = projectSourceIds(db);
  return getProjects(db)
    .filter((p) => sources.has(p.docId))
    .map(toProjectDoc);
}

let rebuilds = 0;

/** How many full rebuilds this process has run (the request path must never add to it). */
export function projectIndexRebuilds(): number {
  return rebuilds;
}

function rebuild(db: Db): void {
  rebuilds++;
  rebuildProjectFts(db, projectDocs(db), storeFingerprint(db));
}

/** Rebuild the index when it was built from other documents (at start); true when rebuilt. */
export function ensureProjectIndex(db: Db): boolean {
  if (projectFtsFingerprint(db) === storeFingerprint(db)) return false;
  rebuild(db);
  return true;
}

/** A department-year-basis a written document belonged to (or the document alone, department unknown). */
interface Group {
  department: string;
  year: number | null;
  basis: DisclosureBasis;
  known: boolean;
  docId: number;
}

/** What the index needs to know from before a document is written. */
export interface IndexChange {
  /** The index matched the store before the write. */
  current: boolean;
  /** The group the document was in before (a replaced document may change department or year). */
  before: Group | null;
  /** Project ids the write is about to delete. */
  dropped: number[];
}

const groupOf = (d: DocumentInfo): Group => ({
  department: d.department.name,
  year: d.year,
  basis: d.basis,
  known: d.department.known,
  docId: d.id,
});

/** Call inside the write's transaction before the document `docId` (null: a new one) is written. */
export function projectIndexBefore(db: Db, docId: number | null): IndexChange {
  const current = projectFtsFingerprint(db) === storeFingerprint(db);
  const old = current && docId !== null ? getDocument(db, docId) : null;
  return {
    current,
    before: old ? groupOf(old) : null,
    dropped: old ? getProjects(db, old.id).map((p) => p.id) : [],
  };
}

/** The documents of a group as stored now. */
function groupDocs(db: Db, g: Group): DocumentInfo[] {
  if (g.known) return documentsOfYear(db, g.department, g.year, g.basis);
  const d = getDocument(db, g.docId);
  return d && !d.department.known ? [d] : [];
}

/** Call inside the write's transaction after the document `docId` was written. */
export function projectIndexAfter(db: Db, change: IndexChange, docId: number): void {
  const now = getDocument(db, docId);
  if (!change.current || !now) {
    rebuild(db);
    return;
  }
  deleteProjectsFts(db, change.dropped);
  const groups = [groupOf(now), ...(change.before ? [change.before] : [])];
  for (const docs of groups.map((g) => groupDocs(db, g))) {
    const sources = projectSources(docs);
    const projects = docs.flatMap((d) => getProjects(db, d.id));
    deleteProjectsFts(
      db,
      projects.filter((p) => !sources.has(p.docId)).map((p) => p.id),
    );
    upsertProjectsFts(db, projects.filter((p) => sources.has(p.docId)).map(toProjectDoc));
  }
  setProjectFtsFingerprint(db, storeFingerprint(db));
}
