/**
 * The Catalog over the SQLite store and the persisted MiniSearch project index.
 * Disclosures are rebuilt from SQLite on demand and kept in a small LRU cache.
 */
import { createHash } from "node:crypto";
import type { Disclosure, ProcurementRow } from "../domain/types.js";
import type { DepartmentEntry } from "../query/department.js";
import { ProjectIndex, loadIndex, saveIndex } from "../search/project-index.js";
import type { Db } from "../store/db.js";
import { getDisclosure, getProject, getProjects, listDepartments, listDocuments } from "../store/read.js";
import type { Catalog, ProjectRef } from "./catalog.js";

/** How many rebuilt disclosures to keep in memory. */
const CACHE_SIZE = 64;

/** Fingerprint of the stored documents: the persisted index is stale when it changes. */
export function storeFingerprint(db: Db): string {
  const h = createHash("sha256");
  for (const d of listDocuments(db)) h.update(`${d.id}:${d.sha256}:${d.department.name}:${d.year}\n`);
  return h.digest("hex").slice(0, 32);
}

/** Build the project index from every stored project. */
export function buildProjectIndex(db: Db): ProjectIndex {
  return ProjectIndex.build(
    getProjects(db).map((p) => ({
      id: p.id,
      department: p.department,
      year: p.year,
      code: p.code,
      name: p.name,
      purpose: p.purpose,
      goal: p.goal,
      indicators: p.indicators.map((i) => [i.level3, i.description, i.value].filter(Boolean).join(" ")).join("\n"),
    })),
  );
}

/** Load the persisted index when it matches the store, else rebuild and persist it. */
export function openProjectIndex(db: Db, indexPath: string | null): { index: ProjectIndex; rebuilt: boolean } {
  const fp = storeFingerprint(db);
  if (indexPath) {
    const loaded = loadIndex(indexPath, fp);
    if (loaded) return { index: loaded, rebuilt: false };
  }
  const index = buildProjectIndex(db);
  if (indexPath) saveIndex(indexPath, index, fp);
  return { index, rebuilt: true };
}

/** A Catalog reading from SQLite. Call `refresh()` after an ingest changed the store. */
export class SqliteCatalog implements Catalog {
  private depts: DepartmentEntry[] = [];
  private docIds = new Map<string, number>();
  private cache = new Map<number, Disclosure>();
  private index!: ProjectIndex;

  constructor(
    private readonly db: Db,
    private readonly indexPath: string | null,
  ) {
    this.refresh();
  }

  /** Reload department list and index (after ingest). */
  refresh(): void {
    const infos = listDepartments(this.db);
    this.depts = infos.map((d) => ({ name: d.name, code: d.code, years: d.years }));
    this.docIds.clear();
    for (const d of infos) {
      for (const doc of d.documents) {
        const key = `${d.name}|${doc.year ?? ""}`;
        // Later files of the same department-year win (newest ingest).
        this.docIds.set(key, doc.id);
      }
    }
    this.cache.clear();
    this.index = openProjectIndex(this.db, this.indexPath).index;
  }

  departments(): DepartmentEntry[] {
    return this.depts;
  }

  disclosure(department: string, year: number | null): Disclosure | null {
    const id = this.docIds.get(`${department}|${year ?? ""}`);
    if (id === undefined) return null;
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const d = getDisclosure(this.db, id);
    if (!d) return null;
    this.cache.set(id, d);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number);
    return d;
  }

  searchProjects(query: string, opts: { department?: string; year?: number; limit?: number }): ProjectRef[] {
    const hits = this.index.search(query, { department: opts.department, year: opts.year, limit: opts.limit ?? 200 });
    const out: ProjectRef[] = [];
    for (const h of hits) {
      const ref = this.project(h.id);
      if (ref) out.push(ref);
    }
    return out;
  }

  project(id: number): ProjectRef | null {
    const p = getProject(this.db, id);
    if (!p) return null;
    return { id: p.id, department: p.department, year: p.year, file: p.file, project: p };
  }

  procurementFor(ref: ProjectRef): ProcurementRow[] {
    return getProject(this.db, ref.id)?.procurement ?? [];
  }
}
