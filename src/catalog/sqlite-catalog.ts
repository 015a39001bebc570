/**
 * The Catalog over the SQLite store and its FTS5 project index (kept in the same database file and
 * updated with every write, store/project-index.ts; checked once at start, never rebuilt on a request). Disclosures are rebuilt from SQLite on demand
 * and kept in a small LRU cache. Several documents of one department-year (the narrative and the
 * tables as two files, or a partial copy beside the whole) are answered as one combined view
 * (combine.ts): each part from the document that holds most of it.
 */
import { RULES_VERSION, runChecks } from "../checks/index.js";
import type { Finding } from "../domain/findings.js";
import type { Disclosure, DisclosureBasis, ProcurementRow } from "../domain/types.js";
import type { DepartmentEntry } from "../query/department.js";
import { type Db, dataVersion } from "../store/sqlite/db.js";
import { aliasesByDepartment } from "../store/sqlite/department-aliases.js";
import { loadFindings, saveFindings } from "../store/sqlite/findings.js";
import { searchProjectsFts } from "../store/sqlite/project-fts.js";
import { ensureProjectIndex } from "../store/sqlite/project-index.js";
import { getDisclosure } from "../store/sqlite/read/disclosure.js";
import { listDepartments } from "../store/sqlite/read/documents.js";
import type { ProjectDetail } from "../store/sqlite/read/project-detail.js";
import { getProject } from "../store/sqlite/read/project-detail.js";
import type { ProjectYearSum } from "../store/sqlite/read/projects-by-id.js";
import { getProjectsByIds, projectSumsByYear } from "../store/sqlite/read/projects-by-id.js";
import type { Catalog, ProjectRef } from "./catalog.js";
import { combineDisclosures } from "./combine.js";

/** 预算 before 决算: the default when a query names neither. */
const BASES: readonly DisclosureBasis[] = ["budget", "final"];

/** The key of a department-year-basis. */
function docKey(department: string, year: number | null, basis: DisclosureBasis): string {
  return `${department}|${year ?? ""}|${basis}`;
}

/** How many rebuilt disclosures to keep in memory. */
const CACHE_SIZE = 64;

/**
 * A Catalog reading from SQLite. It reloads by itself when another process (a `bot ingest` beside
 * the running bot) committed to the database; call `refresh()` after writing through this connection.
 */
export class SqliteCatalog implements Catalog {
  /** Increases on every reload, so callers can drop what they derived from departments(). */
  generation = 0;
  private seenVersion = -1;
  private depts: DepartmentEntry[] = [];
  /** Document ids per department-year-basis, oldest ingest first. */
  private docIds = new Map<string, number[]>();
  private fileIds = new Map<string, number>();
  private cache = new Map<number, Disclosure>();
  /** Combined views by their member ids, and their findings by combined sha256. */
  private combined = new Map<string, Disclosure>();
  private combinedFindings = new Map<string, Finding[]>();

  constructor(private readonly db: Db) {
    // At start only: a database written before the index was kept at ingest is indexed once here.
    ensureProjectIndex(db);
    this.refresh();
  }

  /** Reload when another connection committed since the last look. */
  private ensureFresh(): void {
    if (dataVersion(this.db) !== this.seenVersion) this.refresh();
  }

  /**
   * Reload the department list (after an ingest). The project index needs nothing: every write
   * updated it in its own transaction, so a request never rebuilds it.
   */
  refresh(): void {
    this.seenVersion = dataVersion(this.db);
    this.generation++;
    const infos = listDepartments(this.db);
    const aliases = aliasesByDepartment(this.db);
    this.depts = infos.map((d) => ({
      name: d.name,
      code: d.code,
      years: d.years,
      ...(aliases.has(d.name) ? { aliases: aliases.get(d.name) } : {}),
    }));
    this.docIds.clear();
    this.fileIds.clear();
    for (const d of infos) {
      for (const doc of d.documents) {
        const key = docKey(d.name, doc.year, doc.basis);
        const ids = this.docIds.get(key);
        if (ids) ids.push(doc.id);
        else this.docIds.set(key, [doc.id]);
        this.fileIds.set(doc.file, doc.id);
      }
    }
    for (const ids of this.docIds.values()) ids.sort((a, b) => a - b);
    this.cache.clear();
    this.combined.clear();
    this.combinedFindings.clear();
  }

  departments(): DepartmentEntry[] {
    this.ensureFresh();
    return this.depts;
  }

  bases(department: string, year: number | null): DisclosureBasis[] {
    this.ensureFresh();
    return BASES.filter((b) => this.docIds.has(docKey(department, year, b)));
  }

  disclosure(department: string, year: number | null, basis?: DisclosureBasis): Disclosure | null {
    this.ensureFresh();
    const chosen = basis ?? this.bases(department, year)[0] ?? "budget";
    const ids = this.docIds.get(docKey(department, year, chosen));
    if (!ids || ids.length === 0) return null;
    if (ids.length === 1) return this.document(ids[0] as number);
    const key = ids.join(",");
    const hit = this.combined.get(key);
    if (hit) return hit;
    const docs = ids.map((id) => this.document(id)).filter((d): d is Disclosure => d !== null);
    const view = combineDisclosures(docs);
    if (view) this.combined.set(key, view);
    return view;
  }

  /** One stored document, through the LRU cache. */
  private document(id: number): Disclosure | null {
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

  searchProjectIds(query: string, opts: { department?: string; year?: number; limit?: number }): number[] {
    this.ensureFresh();
    return searchProjectsFts(this.db, query, {
      department: opts.department,
      year: opts.year,
      limit: opts.limit ?? 200,
    }).map((h) => h.id);
  }

  projectsByIds(ids: readonly number[]): ProjectRef[] {
    // One batched read; the procurement rows are matched only for a detail (procurementFor).
    return getProjectsByIds(this.db, ids).map((p) => ({
      id: p.id,
      department: p.department,
      year: p.year,
      file: p.file,
      project: p,
      ...(p.places ? { places: p.places } : {}),
    }));
  }

  projectSumsByYear(ids: readonly number[]): ProjectYearSum[] {
    return projectSumsByYear(this.db, ids);
  }

  project(id: number): ProjectRef | null {
    this.ensureFresh();
    const p = getProject(this.db, id);
    if (!p) return null;
    const ref: ProjectRef = { id: p.id, department: p.department, year: p.year, file: p.file, project: p };
    if (p.places) ref.places = p.places;
    return ref;
  }

  findings(doc: Disclosure): Finding[] {
    if (doc.documents && doc.documents.length > 0) {
      // A combined view: checked as a whole (its narrative against its tables, across files).
      const known = this.combinedFindings.get(doc.sha256);
      if (known) return known;
      const computed = runChecks(doc);
      this.combinedFindings.set(doc.sha256, computed);
      return computed;
    }
    const id = this.fileIds.get(doc.file);
    if (id === undefined) return runChecks(doc);
    const stored = loadFindings(this.db, id, doc.sha256, RULES_VERSION);
    if (stored) return stored;
    const computed = runChecks(doc);
    saveFindings(this.db, id, doc.sha256, RULES_VERSION, computed);
    return computed;
  }

  procurementFor(ref: ProjectRef): ProcurementRow[] {
    // A ref from project() already carries its matched rows (getProject reads them); others read them now.
    const detail = ref.project as Partial<ProjectDetail>;
    return detail.procurement ?? getProject(this.db, ref.id)?.procurement ?? [];
  }
}
