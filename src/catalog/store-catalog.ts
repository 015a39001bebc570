/**
 * The Catalog over the store's read ports. Disclosures are rebuilt from the store on demand and
 * kept in a small LRU cache. Several documents of one department-year (the narrative and the
 * tables as two files, or a partial copy beside the whole) are answered as one combined view
 * (combine.ts): each part from the document that holds most of it. Findings are read as stored at
 * ingest; a read never writes (a combined view, or a document stored under an older rule set, is
 * checked in memory).
 */
import { RULES_VERSION, runChecks } from "../checks/index.js";
import type { Finding } from "../domain/findings.js";
import type { Disclosure, DisclosureBasis, ProcurementRow } from "../domain/types.js";
import type { DepartmentEntry } from "../query/department.js";
import type { ProjectDetail, ProjectRecord, ProjectYearSum, Store } from "../store/ports.js";
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

/** A project record as a ProjectRef. */
function toRef(p: ProjectRecord): ProjectRef {
  return {
    id: p.id,
    department: p.department,
    year: p.year,
    file: p.file,
    project: p,
    ...(p.places ? { places: p.places } : {}),
  };
}

/**
 * A Catalog reading from a Store. It reloads by itself when the store's change port says another
 * process (a `bot ingest` beside the running bot) wrote; call `refresh()` after writing through
 * this store.
 */
export class StoreCatalog implements Catalog {
  /** Increases on every reload, so callers can drop what they derived from departments(). */
  generation = 0;
  private seenVersion: string | null = null;
  private depts: DepartmentEntry[] = [];
  /** Document ids per department-year-basis, oldest ingest first. */
  private docIds = new Map<string, number[]>();
  private fileIds = new Map<string, number>();
  private cache = new Map<number, Disclosure>();
  /** Combined views by their member ids, and findings computed in memory (combined views, stale documents). */
  private combined = new Map<string, Disclosure>();
  private computedFindings = new Map<string, Finding[]>();

  constructor(private readonly store: Store) {}

  /** The department list as last loaded (sync, for the lexicon); `fresh()` reloads it when needed. */
  knownDepartments(): DepartmentEntry[] {
    return this.depts;
  }

  /** Reload when another process wrote since the last look. */
  async fresh(): Promise<void> {
    if ((await this.store.changes.version()) !== this.seenVersion) await this.refresh();
  }

  /** Reload the department list (after an ingest through this store). */
  async refresh(): Promise<void> {
    const version = await this.store.changes.version();
    const infos = await this.store.disclosures.departments();
    const aliases = await this.store.disclosures.aliasesByDepartment();
    this.seenVersion = version;
    this.generation++;
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
    this.computedFindings.clear();
  }

  async departments(): Promise<DepartmentEntry[]> {
    await this.fresh();
    return this.depts;
  }

  async bases(department: string, year: number | null): Promise<DisclosureBasis[]> {
    await this.fresh();
    return BASES.filter((b) => this.docIds.has(docKey(department, year, b)));
  }

  async disclosure(
    department: string,
    year: number | null,
    basis?: DisclosureBasis,
  ): Promise<Disclosure | null> {
    await this.fresh();
    const chosen = basis ?? BASES.find((b) => this.docIds.has(docKey(department, year, b))) ?? "budget";
    const ids = this.docIds.get(docKey(department, year, chosen));
    if (!ids || ids.length === 0) return null;
    if (ids.length === 1) return this.document(ids[0] as number);
    const key = ids.join(",");
    const hit = this.combined.get(key);
    if (hit) return hit;
    const docs: Disclosure[] = [];
    for (const id of ids) {
      const d = await this.document(id);
      if (d) docs.push(d);
    }
    const view = combineDisclosures(docs);
    if (view) this.combined.set(key, view);
    return view;
  }

  /** One stored document, through the LRU cache. */
  private async document(id: number): Promise<Disclosure | null> {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const d = await this.store.disclosures.disclosure(id);
    if (!d) return null;
    this.cache.set(id, d);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number);
    return d;
  }

  async searchProjectIds(
    query: string,
    opts: { department?: string; year?: number; limit?: number },
  ): Promise<number[]> {
    await this.fresh();
    return this.store.projects.searchIds(query, opts);
  }

  async projectsByIds(ids: readonly number[]): Promise<ProjectRef[]> {
    // One batched read; the procurement rows are matched only for a detail (procurementFor).
    return (await this.store.projects.byIds(ids)).map(toRef);
  }

  projectSumsByYear(ids: readonly number[]): Promise<ProjectYearSum[]> {
    return this.store.projects.sumsByYear(ids);
  }

  async project(id: number): Promise<ProjectRef | null> {
    await this.fresh();
    const p = await this.store.projects.project(id);
    return p ? toRef(p) : null;
  }

  async findings(doc: Disclosure): Promise<Finding[]> {
    const combined = doc.documents !== undefined && doc.documents.length > 0;
    const id = combined ? undefined : this.fileIds.get(doc.file);
    // A document not in the store (parsed elsewhere): checked on each call, nothing kept.
    if (!combined && id === undefined) return runChecks(doc);
    if (id !== undefined) {
      const stored = await this.store.findings.load(id, doc.sha256, RULES_VERSION);
      if (stored) return stored;
    }
    // A combined view (checked as a whole: its narrative against its tables, across files) or a
    // document stored under another rule set (until it is ingested again): checked here, kept in memory.
    const key = combined ? `view:${doc.sha256}` : `doc:${id}:${doc.sha256}`;
    const known = this.computedFindings.get(key);
    if (known) return known;
    const computed = runChecks(doc);
    this.computedFindings.set(key, computed);
    return computed;
  }

  async procurementFor(ref: ProjectRef): Promise<ProcurementRow[]> {
    // A ref from project() already carries its matched rows; others read them now.
    const detail = ref.project as Partial<ProjectDetail>;
    return detail.procurement ?? (await this.store.projects.procurementFor(ref.id));
  }
}
