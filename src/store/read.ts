/**
 * Every SQL read the bot needs, returning plain typed objects. Figures are rebuilt with their
 * provenance (file, section, line); a blank cell comes back as null, never 0.
 */

import type { Statement } from "better-sqlite3";
import { sourceAt } from "../domain/places.js";
import { squash } from "../domain/text.js";
import type {
  AssetRow,
  CountKey,
  Disclosure,
  DisclosureBasis,
  DisclosureKind,
  Figure,
  FundScope,
  Indicator,
  MoneyUnit,
  NarrativeCount,
  NarrativeFact,
  NarrativeKey,
  NotApplicableFact,
  OrgUnit,
  ParseWarning,
  PlaceIndex,
  PlanPoint,
  PriorBasis,
  ProcurementRow,
  Project,
  StandardRow,
  StandardTable,
  StandardTableKind,
  StatedFigure,
} from "../domain/types.js";
import type { Db } from "./db.js";
import { TABLES } from "./schema.js";

type SqlRow = Record<string, unknown>;

/** How many rows of each part a stored document has. */
export interface DocumentCounts {
  tables: number;
  narrative: number;
  projects: number;
  /** All 政府采购 rows (合计, 小计 and items). */
  procurement: number;
  /** 政府采购 purchase lines only (kind "item"). */
  procurementItems: number;
  assets: number;
  units: number;
  warnings: number;
}

/** One stored document, without its rows. */
export interface DocumentInfo {
  id: number;
  file: string;
  sha256: string;
  department: {
    /** As stored: the page's (or given) name, or 未知单位（file） when none was stated. */
    name: string;
    code: string | null;
    /** True when the name came from a sidecar/flag rather than the page. */
    given: boolean;
    /** False when the document states no department and none was given. */
    known: boolean;
  };
  year: number | null;
  kind: DisclosureKind;
  /** 预算 or 决算. */
  basis: DisclosureBasis;
  region: string | null;
  procurementTitleLine: number | null;
  assetsAsOf: string | null;
  ingestedAt: string;
  updatedAt: string;
  counts: DocumentCounts;
}

/** A department with the years and documents stored for it. */
export interface DepartmentInfo {
  name: string;
  /** The code of its most recent document that states one. */
  code: string | null;
  known: boolean;
  /** Distinct stated years, ascending. */
  years: number[];
  documents: Array<{ id: number; file: string; year: number | null; basis: DisclosureBasis }>;
}

/** Filters for findDocuments / findProjects; all optional, combined with AND. */
export interface DocumentFilter {
  /** Substring of the department name (whitespace ignored), or its exact code. */
  department?: string;
  year?: number;
}

/** Filters for findProjects. */
export interface ProjectFilter extends DocumentFilter {
  /** Substring of the project name (whitespace ignored). */
  name?: string;
  /** Exact project code (spaces ignored). */
  code?: string;
}

/** Which document a row belongs to. */
export interface DocumentRef {
  docId: number;
  file: string;
  department: string;
  departmentCode: string | null;
  year: number | null;
  /** Where the document's lines are (PDF page, sheet row, table row); absent for text files. */
  places?: PlaceIndex;
}

/** A stored project with its plan and indicators and the document it belongs to. */
export interface ProjectRecord extends Project, DocumentRef {
  id: number;
}

/** A stored 政府采购 row. */
export interface ProcurementRecord extends ProcurementRow {
  id: number;
  docId: number;
  /** projectName, or for an item row left blank (merged cell) the name of the row above. */
  effectiveProjectName: string | null;
}

/** A project with the procurement rows of its document that name it. */
export interface ProjectDetail extends ProjectRecord {
  procurement: ProcurementRecord[];
  /** "exact": names equal ignoring whitespace; "normalized": equal after dropping 年度 prefix / 项目 suffix. */
  procurementMatch: "exact" | "normalized" | "none";
}

/** One line of `export projects`. */
export interface ExportProjectRow {
  department: string;
  departmentCode: string | null;
  year: number | null;
  code: string | null;
  name: string;
  budgetText: string | null;
  budgetFen: number | null;
  fiscalText: string | null;
  fiscalFen: number | null;
  /** Unit of the printed budget/fiscal text (万元 in every seed). */
  unit: MoneyUnit | null;
  file: string;
  line: number;
}

/** The documents columns without the row counts. */
const DOC_HEAD_COLUMNS = `d.id, d.file, d.sha256, d.department_name, d.department_code, d.department_given,
  d.department_known, d.year, d.kind, d.basis, d.region, d.procurement_title_line, d.assets_as_of, d.ingested_at,
  d.updated_at`;

const DOC_COLUMNS = `${DOC_HEAD_COLUMNS},
  (SELECT count(*) FROM std_tables WHERE doc_id = d.id) AS n_tables,
  (SELECT count(*) FROM narrative WHERE doc_id = d.id) AS n_narrative,
  (SELECT count(*) FROM projects WHERE doc_id = d.id) AS n_projects,
  (SELECT count(*) FROM procurement WHERE doc_id = d.id) AS n_procurement,
  (SELECT count(*) FROM procurement WHERE doc_id = d.id AND kind = 'item') AS n_procurement_items,
  (SELECT count(*) FROM assets WHERE doc_id = d.id) AS n_assets,
  (SELECT count(*) FROM units WHERE doc_id = d.id) AS n_units,
  (SELECT count(*) FROM warnings WHERE doc_id = d.id) AS n_warnings`;

const DOC_ORDER = "ORDER BY d.department_known DESC, d.department_name, d.year, d.file";

const str = (v: unknown): string => v as string;
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));
const num = (v: unknown): number => v as number;
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : (v as number));

/** A stored document without its row counts (cheaper to read: no count subqueries). */
export type DocumentHead = Omit<DocumentInfo, "counts">;

function toDocumentHead(r: SqlRow): DocumentHead {
  return {
    id: num(r.id),
    file: str(r.file),
    sha256: str(r.sha256),
    department: {
      name: str(r.department_name),
      code: strOrNull(r.department_code),
      given: r.department_given === 1,
      known: r.department_known === 1,
    },
    year: numOrNull(r.year),
    kind: r.kind as DisclosureKind,
    basis: (r.basis === "final" ? "final" : "budget") as DisclosureBasis,
    region: strOrNull(r.region),
    procurementTitleLine: numOrNull(r.procurement_title_line),
    assetsAsOf: strOrNull(r.assets_as_of),
    ingestedAt: str(r.ingested_at),
    updatedAt: str(r.updated_at),
  };
}

function toDocument(r: SqlRow): DocumentInfo {
  return {
    ...toDocumentHead(r),
    counts: {
      tables: num(r.n_tables),
      narrative: num(r.n_narrative),
      projects: num(r.n_projects),
      procurement: num(r.n_procurement),
      procurementItems: num(r.n_procurement_items),
      assets: num(r.n_assets),
      units: num(r.n_units),
      warnings: num(r.n_warnings),
    },
  };
}

/** The document a figure belongs to: its file and the places of its lines (null for text files). */
interface Origin {
  file: string;
  places: PlaceIndex | null;
}

/** Parsed places_json, by the JSON text (a few documents are read over and over). */
const placeCache = new Map<string, PlaceIndex>();

/** The PlaceIndex stored as JSON, or null. */
function placesOf(json: unknown): PlaceIndex | null {
  if (typeof json !== "string" || json === "") return null;
  let hit = placeCache.get(json);
  if (!hit) {
    hit = JSON.parse(json) as PlaceIndex;
    if (placeCache.size >= 16) placeCache.delete(placeCache.keys().next().value as string);
    placeCache.set(json, hit);
  }
  return hit;
}

/** Rebuild the Figure stored under `prefix` in `r`, or null for a blank cell. */
function toFigure(r: SqlRow, prefix: string, origin: Origin): Figure | null {
  const text = r[`${prefix}_text`];
  if (text === null || text === undefined) return null;
  const line = num(r[`${prefix}_line`]);
  const source: Figure["source"] = { file: origin.file, section: str(r[`${prefix}_section`]), line };
  const place = origin.places?.[line];
  if (place) source.place = place;
  return {
    text: text as string,
    fen: numOrNull(r[`${prefix}_fen`]),
    unit: r[`${prefix}_unit`] as MoneyUnit,
    source,
  };
}

/** Prepared statements per database handle, so fixed SQL is compiled once, not on every read. */
const statements = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for fixed SQL on this handle (never for SQL that varies, like IN lists). */
function stmt(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

function originOf(db: Db, docId: number): Origin | null {
  const r = stmt(db, "SELECT file, places_json FROM documents WHERE id = ?").get(docId) as SqlRow | undefined;
  return r ? { file: str(r.file), places: placesOf(r.places_json) } : null;
}

/** Where each line of a stored document is (PDF page, sheet row, table row); null for text files. */
export function getPlaces(db: Db, docId: number): PlaceIndex | null {
  return originOf(db, docId)?.places ?? null;
}

/** Group rows by a numeric key, keeping their order. */
function groupBy(rows: SqlRow[], key: string): Map<number, SqlRow[]> {
  const out = new Map<number, SqlRow[]>();
  for (const r of rows) {
    const k = num(r[key]);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * The stored documents (with counts) of one department-year and basis, oldest ingest first: the
 * documents a combined view of that year is made of.
 */
export function documentsOfYear(
  db: Db,
  department: string,
  year: number | null,
  basis: DisclosureBasis,
): DocumentInfo[] {
  return (
    stmt(
      db,
      `SELECT ${DOC_COLUMNS} FROM documents d
        WHERE d.department_name = ? AND d.year IS ? AND d.basis = ? AND d.department_known = 1
        ORDER BY d.id`,
    ).all(department, year, basis) as SqlRow[]
  ).map(toDocument);
}

/** Every stored document, grouped by department then year. */
export function listDocuments(db: Db): DocumentInfo[] {
  return (stmt(db, `SELECT ${DOC_COLUMNS} FROM documents d ${DOC_ORDER}`).all() as SqlRow[]).map(toDocument);
}

/** Every stored document without row counts, in listDocuments' order. */
export function listDocumentHeads(db: Db): DocumentHead[] {
  return (stmt(db, `SELECT ${DOC_HEAD_COLUMNS} FROM documents d ${DOC_ORDER}`).all() as SqlRow[]).map(
    toDocumentHead,
  );
}

/** One document by id, or null. */
export function getDocument(db: Db, id: number): DocumentInfo | null {
  const r = stmt(db, `SELECT ${DOC_COLUMNS} FROM documents d WHERE d.id = ?`).get(id) as SqlRow | undefined;
  return r ? toDocument(r) : null;
}

/** One document by file name (as stored: the base name), or null. */
export function getDocumentByFile(db: Db, file: string): DocumentInfo | null {
  const r = stmt(db, `SELECT ${DOC_COLUMNS} FROM documents d WHERE d.file = ?`).get(file) as
    | SqlRow
    | undefined;
  return r ? toDocument(r) : null;
}

/** The file name of a stored document with these exact bytes (sha256), other than `exceptFile`, or null. */
export function fileWithSameBytes(db: Db, sha256: string, exceptFile: string): string | null {
  const r = stmt(db, "SELECT file FROM documents WHERE sha256 = ? AND file <> ? ORDER BY id LIMIT 1").get(
    sha256,
    exceptFile,
  ) as { file: string } | undefined;
  return r ? r.file : null;
}

/** True when `doc` passes the department/year filter. */
function matchesDocument(doc: DocumentInfo, filter: DocumentFilter): boolean {
  if (filter.year !== undefined && doc.year !== filter.year) return false;
  if (filter.department !== undefined) {
    const q = squash(filter.department);
    if (q === "") return true;
    const byName = squash(doc.department.name).includes(q);
    const byCode = doc.department.code !== null && doc.department.code === q;
    if (!byName && !byCode) return false;
  }
  return true;
}

/** Documents whose department name contains `department` (or whose code equals it) and/or of `year`. */
export function findDocuments(db: Db, filter: DocumentFilter): DocumentInfo[] {
  return listDocuments(db).filter((d) => matchesDocument(d, filter));
}

/** Every department with its stated years and documents, known departments first. */
export function listDepartments(db: Db): DepartmentInfo[] {
  const byName = new Map<string, DepartmentInfo>();
  for (const d of listDocumentHeads(db)) {
    let dep = byName.get(d.department.name);
    if (!dep) {
      dep = { name: d.department.name, code: null, known: d.department.known, years: [], documents: [] };
      byName.set(d.department.name, dep);
    }
    // Documents come ordered by year ascending, so the last stated code wins.
    if (d.department.code !== null) dep.code = d.department.code;
    if (d.year !== null && !dep.years.includes(d.year)) dep.years.push(d.year);
    dep.documents.push({ id: d.id, file: d.file, year: d.year, basis: d.basis });
  }
  for (const dep of byName.values()) dep.years.sort((a, b) => a - b);
  return [...byName.values()];
}

/** The standard tables of a document in document order, optionally only one kind. */
export function getStandardTables(db: Db, docId: number, kind?: StandardTableKind): StandardTable[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const tables = stmt(
    db,
    `SELECT * FROM std_tables WHERE doc_id = ? ${kind !== undefined ? "AND kind = ?" : ""} ORDER BY ord`,
  ).all(...(kind !== undefined ? [docId, kind] : [docId])) as SqlRow[];
  if (tables.length === 0) return [];
  const rows = groupBy(
    stmt(
      db,
      `SELECT r.* FROM std_rows r JOIN std_tables t ON t.id = r.table_id
         WHERE t.doc_id = ? ORDER BY r.table_id, r.ord`,
    ).all(docId) as SqlRow[],
    "table_id",
  );
  const values = groupBy(
    stmt(
      db,
      `SELECT v.* FROM std_values v JOIN std_rows r ON r.id = v.row_id JOIN std_tables t ON t.id = r.table_id
         WHERE t.doc_id = ? ORDER BY v.row_id, v.ord`,
    ).all(docId) as SqlRow[],
    "row_id",
  );
  return tables.map((t) => ({
    kind: t.kind as StandardTableKind,
    title: str(t.title),
    unit: t.unit as MoneyUnit,
    line: num(t.line),
    columns: JSON.parse(str(t.columns_json)) as string[],
    note: strOrNull(t.note),
    rows: (rows.get(num(t.id)) ?? []).map((r): StandardRow => {
      const vals: Record<string, Figure | null> = {};
      for (const v of values.get(num(r.id)) ?? []) vals[str(v.column_name)] = toFigure(v, "value", file);
      return {
        side: strOrNull(r.side),
        seq: numOrNull(r.seq),
        code: strOrNull(r.code),
        name: str(r.name),
        level: numOrNull(r.level),
        values: vals,
        line: num(r.line),
      };
    }),
  }));
}

/** The narrative facts of a document in document order, optionally only one key. */
export function getNarrative(db: Db, docId: number, key?: NarrativeKey): NarrativeFact[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = stmt(
    db,
    `SELECT * FROM narrative WHERE doc_id = ? ${key !== undefined ? "AND key = ?" : ""} ORDER BY ord`,
  ).all(...(key !== undefined ? [docId, key] : [docId])) as SqlRow[];
  return rows.map((r) => {
    const fact: NarrativeFact = {
      key: r.key as NarrativeKey,
      label: str(r.label),
      figure: toFigure(r, "value", file) as Figure,
      direction: numOrNull(r.direction) as NarrativeFact["direction"],
      sentence: str(r.sentence),
    };
    // Optional parts are present only when the document states them (a round trip is exact).
    if (r.share_bp !== null && r.share_bp !== undefined) fact.share = num(r.share_bp);
    if (r.change_direction !== null && r.change_direction !== undefined) {
      fact.change = {
        direction: num(r.change_direction) as 1 | -1 | 0,
        figure: toFigure(r, "change", file),
        percent: numOrNull(r.change_percent_bp),
        basis: strOrNull(r.change_basis) as PriorBasis | null,
        year: numOrNull(r.change_year),
      };
    }
    const prior = toFigure(r, "prior", file);
    if (prior) {
      fact.prior = { basis: str(r.prior_basis) as PriorBasis, year: numOrNull(r.prior_year), figure: prior };
    }
    if (r.subject !== null && r.subject !== undefined) fact.subject = str(r.subject);
    if (r.scope !== null && r.scope !== undefined) fact.scope = str(r.scope) as FundScope;
    return fact;
  });
}

/** The facts a document says do not apply (不适用), in document order. */
export function getNotApplicable(db: Db, docId: number): NotApplicableFact[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = stmt(db, "SELECT * FROM not_applicable WHERE doc_id = ? ORDER BY ord").all(docId) as SqlRow[];
  return rows.map((r) => ({
    key: r.key as NarrativeKey,
    label: str(r.label),
    sentence: str(r.sentence),
    source: sourceAt(file, str(r.section), num(r.line)),
  }));
}

/** The counts a document's narrative states (车辆, 设备, 绩效目标项目), in document order. */
export function getCounts(db: Db, docId: number): NarrativeCount[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = stmt(db, "SELECT * FROM narrative_counts WHERE doc_id = ? ORDER BY ord").all(
    docId,
  ) as SqlRow[];
  return rows.map((r) => ({
    key: r.key as CountKey,
    label: str(r.label),
    text: str(r.text),
    value: num(r.value),
    unit: str(r.unit),
    sentence: str(r.sentence),
    source: sourceAt(file, str(r.section), num(r.line)),
  }));
}

/** The figures a document states that no reader classified, in document order. */
export function getStatedFigures(db: Db, docId: number): StatedFigure[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = stmt(db, "SELECT * FROM stated_figures WHERE doc_id = ? ORDER BY ord").all(docId) as SqlRow[];
  return rows.map((r) => ({
    label: str(r.label),
    figure: toFigure(r, "value", file) as Figure,
    origin: str(r.origin) as StatedFigure["origin"],
    context: str(r.context),
  }));
}

const PROJECT_SELECT = `SELECT p.*, d.file AS doc_file, d.places_json AS doc_places, d.department_name, d.department_code, d.year AS doc_year
  FROM projects p JOIN documents d ON d.id = p.doc_id`;

/** Rows of a project child table for the given project ids, ordered by project and position. */
function childRows(db: Db, table: "plan_points" | "indicators", ids: number[]): SqlRow[] {
  // Beyond a few hundred ids, one scan beats a huge IN list (and stays under SQLite's variable limit).
  if (ids.length > 500) {
    const wanted = new Set(ids);
    return (stmt(db, `SELECT * FROM ${table} ORDER BY project_id, ord`).all() as SqlRow[]).filter((r) =>
      wanted.has(num(r.project_id)),
    );
  }
  const placeholders = ids.map(() => "?").join(",");
  return db
    .prepare(`SELECT * FROM ${table} WHERE project_id IN (${placeholders}) ORDER BY project_id, ord`)
    .all(...ids) as SqlRow[];
}

/** The scalar fields of a project row (everything but plan, indicators, purpose and goal). */
function projectScalars(r: SqlRow) {
  const file: Origin = { file: str(r.doc_file), places: placesOf(r.doc_places) };
  return {
    seq: numOrNull(r.seq),
    title: str(r.title),
    name: str(r.name),
    code: strOrNull(r.code),
    budget: toFigure(r, "budget", file),
    fiscal: toFigure(r, "fiscal", file),
    other: toFigure(r, "other", file),
    line: num(r.line),
    section: str(r.section),
  };
}

/** Which document a project row belongs to. */
function projectDocumentRef(r: SqlRow): DocumentRef {
  const ref: DocumentRef = {
    docId: num(r.doc_id),
    file: str(r.doc_file),
    department: str(r.department_name),
    departmentCode: strOrNull(r.department_code),
    year: numOrNull(r.doc_year),
  };
  const places = placesOf(r.doc_places);
  if (places) ref.places = places;
  return ref;
}

function toPlanPoint(p: SqlRow): PlanPoint {
  return {
    label: str(p.label),
    text: str(p.text),
    unit: p.unit as PlanPoint["unit"],
    fen: numOrNull(p.fen),
    basisPoints: numOrNull(p.basis_points),
    line: num(p.line),
  };
}

function toIndicator(x: SqlRow): Indicator {
  return {
    level1: strOrNull(x.level1),
    level2: strOrNull(x.level2),
    level3: strOrNull(x.level3),
    description: strOrNull(x.description),
    value: strOrNull(x.value),
    basis: strOrNull(x.basis),
    line: num(x.line),
  };
}

/**
 * The projects of one document as plain Projects whose `plan` and `indicators` are enumerable
 * getters: the first access of any of them reads the plans and indicators of the whole document
 * in two queries. A /budget answer that shows names and amounts never reads them.
 */
function lazyDocumentProjects(db: Db, rows: SqlRow[]): Project[] {
  const ids = rows.map((r) => num(r.id));
  let details: { plans: Map<number, SqlRow[]>; indicators: Map<number, SqlRow[]> } | null = null;
  const load = () => {
    details ??= {
      plans: groupBy(childRows(db, "plan_points", ids), "project_id"),
      indicators: groupBy(childRows(db, "indicators", ids), "project_id"),
    };
    return details;
  };
  return rows.map((r) => {
    const id = num(r.id);
    let plan: PlanPoint[] | undefined;
    let indicators: Indicator[] | undefined;
    const p = {
      ...projectScalars(r),
      purpose: strOrNull(r.purpose),
      goal: strOrNull(r.goal),
    };
    Object.defineProperties(p, {
      plan: {
        enumerable: true,
        get: () => {
          plan ??= (load().plans.get(id) ?? []).map(toPlanPoint);
          return plan;
        },
      },
      indicators: {
        enumerable: true,
        get: () => {
          indicators ??= (load().indicators.get(id) ?? []).map(toIndicator);
          return indicators;
        },
      },
    });
    return p as Project;
  });
}

/** Build ProjectRecords for project rows, loading their plans and indicators in two queries. */
function toProjects(db: Db, rows: SqlRow[]): ProjectRecord[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => num(r.id));
  const plans = groupBy(childRows(db, "plan_points", ids), "project_id");
  const indicators = groupBy(childRows(db, "indicators", ids), "project_id");
  return rows.map((r) => {
    const id = num(r.id);
    return {
      id,
      ...projectDocumentRef(r),
      ...projectScalars(r),
      purpose: strOrNull(r.purpose),
      goal: strOrNull(r.goal),
      plan: (plans.get(id) ?? []).map(toPlanPoint),
      indicators: (indicators.get(id) ?? []).map(toIndicator),
    };
  });
}

/** Projects of one document (or of every document) in document order, with plan and indicators. */
export function getProjects(db: Db, docId?: number): ProjectRecord[] {
  const rows =
    docId === undefined
      ? (stmt(db, `${PROJECT_SELECT} ORDER BY d.department_name, d.year, d.file, p.ord`).all() as SqlRow[])
      : (stmt(db, `${PROJECT_SELECT} WHERE p.doc_id = ? ORDER BY p.ord`).all(docId) as SqlRow[]);
  return toProjects(db, rows);
}

/** Most ids per IN list (childRows switches to a full scan above this). */
const IDS_PER_QUERY = 500;

/** The fields of a project that lists do not show; getProjectsByIds reads them on first access. */
const DETAIL_KEYS = ["purpose", "goal", "plan", "indicators"] as const;

/** Project columns without the detail ones (purpose, goal; plan and indicators are other tables), with their names. */
const PROJECT_LIST_COLUMNS: Array<[string, string]> = [
  ...["id", "doc_id", "seq", "title", "name", "code", "line", "section"].map((c): [string, string] => [
    `p.${c}`,
    c,
  ]),
  ...["budget", "fiscal", "other"].flatMap((f) =>
    ["text", "fen", "unit", "section", "line"].map((c): [string, string] => [`p.${f}_${c}`, `${f}_${c}`]),
  ),
  ["d.file", "doc_file"],
  ["d.places_json", "doc_places"],
  ["d.department_name", "department_name"],
  ["d.department_code", "department_code"],
  ["d.year", "doc_year"],
];
const PROJECT_LIST_SELECT = `SELECT ${PROJECT_LIST_COLUMNS.map(([expr]) => expr).join(", ")}
  FROM projects p JOIN documents d ON d.id = p.doc_id`;

/** A raw row (values in PROJECT_LIST_COLUMNS order) as a named row; cheaper than better-sqlite3's row objects. */
function listRow(values: unknown[]): SqlRow {
  const r: SqlRow = {};
  for (let i = 0; i < PROJECT_LIST_COLUMNS.length; i++)
    r[(PROJECT_LIST_COLUMNS[i] as [string, string])[1]] = values[i];
  return r;
}

/** Where a lazily completed project reads its details from, and the details once read. */
const lazyDetails = new WeakMap<object, { db: Db; full?: ProjectRecord }>();

/** Getters for DETAIL_KEYS shared by every lazy project: the first access reads the whole project. */
const DETAIL_GETTERS: PropertyDescriptorMap = Object.fromEntries(
  DETAIL_KEYS.map((key) => [
    key,
    {
      enumerable: true,
      configurable: true,
      get(this: ProjectRecord) {
        const state = lazyDetails.get(this);
        if (!state) return undefined;
        if (!state.full) {
          const row = stmt(state.db, `${PROJECT_SELECT} WHERE p.id = ?`).get(this.id) as SqlRow | undefined;
          if (!row) throw new Error(`project ${this.id} is no longer stored`);
          state.full = toProjects(state.db, [row])[0];
        }
        return state.full?.[key];
      },
    },
  ]),
);

/** One year's share of a set of projects: how many, the exact sum of their 预算数 and its unit. */
export interface ProjectYearSum {
  year: number | null;
  count: number;
  /** Exact 分; null when any of the year's projects states no 预算数. */
  sum: number | null;
  /** The unit their 预算数 share; null when they differ. */
  unit: MoneyUnit | null;
}

/**
 * The given projects grouped by their document's year (never added across years), in one query
 * per chunk of ids; years in order, the undated last.
 */
export function projectSumsByYear(db: Db, ids: readonly number[]): ProjectYearSum[] {
  const acc = new Map<number | null, { count: number; stated: number; sum: bigint; units: Set<string> }>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const rows = db
      .prepare(
        `SELECT d.year AS year, COUNT(*) AS n, COUNT(p.budget_fen) AS stated,
                COALESCE(SUM(p.budget_fen), 0) AS s, GROUP_CONCAT(DISTINCT CASE WHEN p.budget_fen IS NOT NULL THEN p.budget_unit END) AS units
         FROM projects p JOIN documents d ON d.id = p.doc_id
         WHERE p.id IN (${chunk.map(() => "?").join(",")}) GROUP BY d.year`,
      )
      .safeIntegers(true)
      .all(...chunk) as Array<{
      year: bigint | null;
      n: bigint;
      stated: bigint;
      s: bigint;
      units: string | null;
    }>;
    for (const r of rows) {
      const year = r.year === null ? null : Number(r.year);
      const a = acc.get(year) ?? { count: 0, stated: 0, sum: 0n, units: new Set<string>() };
      a.count += Number(r.n);
      a.stated += Number(r.stated);
      a.sum += r.s;
      for (const u of (r.units ?? "").split(",")) if (u) a.units.add(u);
      acc.set(year, a);
    }
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([year, a]) => {
      const [only] = a.units;
      return {
        year,
        count: a.count,
        sum: a.stated === a.count ? Number(a.sum) : null,
        unit: a.units.size === 1 && only ? (only as MoneyUnit) : null,
      };
    });
}

/**
 * Projects by id, in the order of `ids` (unknown ids skipped), for result lists: one query per
 * 500 ids instead of a getProject per id. `purpose`, `goal`, `plan` and `indicators` are
 * enumerable getters that read the whole project on first access (while `db` is open), so a list
 * showing names and amounts never reads them and a detail sees the same values as getProjects.
 */
export function getProjectsByIds(db: Db, ids: readonly number[]): ProjectRecord[] {
  const out: ProjectRecord[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const rows = (
      db
        .prepare(`${PROJECT_LIST_SELECT} WHERE p.id IN (${chunk.map(() => "?").join(",")})`)
        .raw(true)
        .all(...chunk) as unknown[][]
    ).map(listRow);
    const byId = new Map(rows.map((r) => [num(r.id), r]));
    for (const id of chunk) {
      const r = byId.get(id);
      if (!r) continue;
      const p = { id, ...projectDocumentRef(r), ...projectScalars(r) };
      Object.defineProperties(p, DETAIL_GETTERS);
      lazyDetails.set(p, { db });
      out.push(p as ProjectRecord);
    }
  }
  return out;
}

/** Projects matching name substring / code / department / year (whitespace in names ignored). */
export function findProjects(db: Db, filter: ProjectFilter): ProjectRecord[] {
  const docs = new Set(findDocuments(db, filter).map((d) => d.id));
  const name = filter.name !== undefined ? squash(filter.name) : "";
  const code = filter.code !== undefined ? filter.code.replace(/\s+/g, "") : undefined;
  const rows = (
    stmt(db, `${PROJECT_SELECT} ORDER BY d.department_name, d.year, d.file, p.ord`).all() as SqlRow[]
  )
    .filter((r) => docs.has(num(r.doc_id)))
    .filter((r) => name === "" || squash(str(r.name)).includes(name))
    .filter((r) => code === undefined || r.code === code);
  return toProjects(db, rows);
}

/** The 政府采购 rows of a document in document order. */
export function getProcurement(db: Db, docId: number): ProcurementRecord[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = stmt(db, "SELECT * FROM procurement WHERE doc_id = ? ORDER BY ord").all(docId) as SqlRow[];
  const amounts = groupBy(
    stmt(
      db,
      `SELECT a.* FROM procurement_amounts a JOIN procurement p ON p.id = a.procurement_id
         WHERE p.doc_id = ? ORDER BY a.procurement_id, a.ord`,
    ).all(docId) as SqlRow[],
    "procurement_id",
  );
  let carried: string | null = null;
  return rows.map((r) => {
    const values: Record<string, Figure | null> = {};
    for (const a of amounts.get(num(r.id)) ?? []) values[str(a.column_name)] = toFigure(a, "value", file);
    const projectName = strOrNull(r.project_name);
    const kind = r.kind as ProcurementRow["kind"];
    if (kind !== "item") carried = null;
    else if (projectName !== null && projectName.trim() !== "") carried = projectName;
    return {
      id: num(r.id),
      docId,
      kind,
      projectName,
      projectBudget: toFigure(r, "project_budget", file),
      item: strOrNull(r.item),
      catalogCode: strOrNull(r.catalog_code),
      measureUnit: strOrNull(r.measure_unit),
      quantity: strOrNull(r.quantity),
      unitPrice: toFigure(r, "unit_price", file),
      amounts: values,
      line: num(r.line),
      effectiveProjectName: kind === "item" ? carried : projectName,
      ...(file.places?.[num(r.line)] ? { place: file.places[num(r.line)] } : {}),
    };
  });
}

/** A project name without whitespace, a leading "2024年"/"2024年度" and a trailing "项目". */
function normalizeProjectName(name: string): string {
  return squash(name)
    .replace(/^\d{4}年度?/, "")
    .replace(/项目$/, "");
}

/**
 * The item rows of the project's document whose project name matches the project's:
 * equal ignoring whitespace, or failing that equal after normalizeProjectName. When several
 * projects of the document share that name (e.g. one per subordinate unit), a row whose
 * 项目预算 equals one of their budgets goes to that project only.
 */
export function procurementForProject(
  db: Db,
  project: Pick<ProjectRecord, "id" | "docId" | "name" | "budget">,
): { rows: ProcurementRecord[]; match: ProjectDetail["procurementMatch"] } {
  const items = getProcurement(db, project.docId).filter(
    (r) => r.kind === "item" && r.effectiveProjectName !== null,
  );
  const siblings = (
    stmt(db, "SELECT id, name, budget_fen FROM projects WHERE doc_id = ?").all(project.docId) as SqlRow[]
  ).map((r) => ({ id: num(r.id), name: str(r.name), budgetFen: numOrNull(r.budget_fen) }));
  const levels: Array<[ProjectDetail["procurementMatch"], (name: string) => string]> = [
    ["exact", squash],
    ["normalized", normalizeProjectName],
  ];
  for (const [match, key] of levels) {
    const target = key(project.name);
    const named = items.filter((r) => key(r.effectiveProjectName as string) === target);
    if (named.length === 0) continue;
    const namesakes = siblings.filter((s) => key(s.name) === target);
    const rows = named.filter((r) => {
      const budget = r.projectBudget?.fen ?? null;
      if (namesakes.length < 2 || budget === null) return true;
      const owners = namesakes.filter((s) => s.budgetFen === budget);
      return owners.length === 0 || owners.some((s) => s.id === project.id);
    });
    return rows.length > 0 ? { rows, match } : { rows: [], match: "none" };
  }
  return { rows: [], match: "none" };
}

/** One project with plan, indicators and matching procurement rows, or null. */
export function getProject(db: Db, id: number): ProjectDetail | null {
  const row = stmt(db, `${PROJECT_SELECT} WHERE p.id = ?`).get(id) as SqlRow | undefined;
  if (!row) return null;
  const [project] = toProjects(db, [row]);
  if (!project) return null;
  const { rows, match } = procurementForProject(db, project);
  return { ...project, procurement: rows, procurementMatch: match };
}

/** The 国有资产 / 固定资产 rows of a document. */
export function getAssets(db: Db, docId: number): AssetRow[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  return (stmt(db, "SELECT * FROM assets WHERE doc_id = ? ORDER BY ord").all(docId) as SqlRow[]).map((r) => ({
    name: str(r.name),
    quantity: strOrNull(r.quantity),
    value: toFigure(r, "value", file),
    line: num(r.line),
  }));
}

/** The 机构设置 rows of a document. */
export function getUnits(db: Db, docId: number): OrgUnit[] {
  return (stmt(db, "SELECT * FROM units WHERE doc_id = ? ORDER BY ord").all(docId) as SqlRow[]).map((r) => ({
    name: str(r.name),
    nature: strOrNull(r.nature),
    rank: strOrNull(r.rank),
    funding: strOrNull(r.funding),
    line: num(r.line),
  }));
}

/** The parser warnings stored with a document. */
export function getWarnings(db: Db, docId: number): ParseWarning[] {
  return (stmt(db, "SELECT * FROM warnings WHERE doc_id = ? ORDER BY ord").all(docId) as SqlRow[]).map(
    (r) => ({
      message: str(r.message),
      line: numOrNull(r.line),
    }),
  );
}

/**
 * The whole stored document rebuilt as a Disclosure (department.name is null when the page
 * stated none), or null when there is no such document. Checks can run on it like on a fresh parse.
 */
export function getDisclosure(db: Db, docId: number): Disclosure | null {
  const r = stmt(db, `SELECT ${DOC_HEAD_COLUMNS} FROM documents d WHERE d.id = ?`).get(docId) as
    | SqlRow
    | undefined;
  const doc = r ? toDocumentHead(r) : null;
  if (!doc) return null;
  const places = getPlaces(db, docId);
  const counts = getCounts(db, docId);
  return {
    file: doc.file,
    sha256: doc.sha256,
    department: {
      name: doc.department.known ? doc.department.name : null,
      code: doc.department.code,
      given: doc.department.given,
    },
    year: doc.year,
    kind: doc.kind,
    basis: doc.basis,
    region: doc.region,
    units: getUnits(db, docId),
    tables: getStandardTables(db, docId),
    narrative: getNarrative(db, docId),
    notApplicable: getNotApplicable(db, docId),
    stated: getStatedFigures(db, docId),
    ...(counts.length ? { counts } : {}),
    projects: lazyDocumentProjects(
      db,
      stmt(db, `${PROJECT_SELECT} WHERE p.doc_id = ? ORDER BY p.ord`).all(docId) as SqlRow[],
    ),
    procurement: getProcurement(db, docId).map(
      ({ id: _id, docId: _d, effectiveProjectName: _e, ...r }): ProcurementRow => r,
    ),
    procurementTitleLine: doc.procurementTitleLine,
    assets: getAssets(db, docId),
    assetsAsOf: doc.assetsAsOf,
    warnings: getWarnings(db, docId),
    ...(places ? { places } : {}),
  };
}

/** Every project of every document, flattened for `bot export projects`. */
export function allProjectsForExport(db: Db): ExportProjectRow[] {
  const rows = stmt(
    db,
    `SELECT d.department_name, d.department_code, d.year, d.file, p.code, p.name, p.line,
         p.budget_text, p.budget_fen, p.budget_unit, p.fiscal_text, p.fiscal_fen, p.fiscal_unit
       FROM projects p JOIN documents d ON d.id = p.doc_id
       ORDER BY d.department_known DESC, d.department_name, d.year, d.file, p.ord`,
  ).all() as SqlRow[];
  return rows.map((r) => ({
    department: str(r.department_name),
    departmentCode: strOrNull(r.department_code),
    year: numOrNull(r.year),
    code: strOrNull(r.code),
    name: str(r.name),
    budgetText: strOrNull(r.budget_text),
    budgetFen: numOrNull(r.budget_fen),
    fiscalText: strOrNull(r.fiscal_text),
    fiscalFen: numOrNull(r.fiscal_fen),
    unit: (strOrNull(r.budget_unit) ?? strOrNull(r.fiscal_unit)) as MoneyUnit | null,
    file: str(r.file),
    line: num(r.line),
  }));
}

/**
 * Every row of every store table in a stable order, for tests and diagnostics
 * (comparing two databases for identical content).
 */
export function dumpAll(db: Db): Record<string, SqlRow[]> {
  const out: Record<string, SqlRow[]> = {};
  for (const t of TABLES) {
    const cols = (stmt(db, `SELECT name FROM pragma_table_info('${t}') ORDER BY cid`).all() as SqlRow[]).map(
      (c) => `"${str(c.name)}"`,
    );
    out[t] = stmt(db, `SELECT * FROM ${t} ORDER BY ${cols.join(", ")}`).all() as SqlRow[];
  }
  return out;
}
