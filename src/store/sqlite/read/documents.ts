/**
 * Reads the documents table: a stored document's head (file, sha256, department, year, kind,
 * basis, region) with or without the row counts of its parts, the document list in its stable
 * order, lookups by id, file name, bytes and department-year, the department/year filter,
 * the departments with their years and documents, and the places of a document's lines.
 */

import { squash } from "../../../domain/text.js";
import type { DisclosureBasis, DisclosureKind, PlaceIndex } from "../../../domain/types.js";
import type { DepartmentInfo, DocumentCounts, DocumentInfo } from "../../ports.js";
import type { Db } from "../db.js";
import { num, numOrNull, originOf, type SqlRow, str, strOrNull } from "./rows.js";
import { stmt } from "./statements.js";

export type { DepartmentInfo, DocumentCounts, DocumentInfo };

/** Filters for findDocuments / findProjects; all optional, combined with AND. */
export interface DocumentFilter {
  /** Substring of the department name (whitespace ignored), or its exact code. */
  department?: string;
  year?: number;
}

/** The documents columns without the row counts. */
export const DOC_HEAD_COLUMNS = `d.id, d.file, d.sha256, d.department_name, d.department_code, d.department_given,
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

/** The order documents are listed in (and fingerprinted, store/project-index.ts). */
export const DOC_ORDER = "ORDER BY d.department_known DESC, d.department_name, d.year, d.file";

/** A stored document without its row counts (cheaper to read: no count subqueries). */
export type DocumentHead = Omit<DocumentInfo, "counts">;

export function toDocumentHead(r: SqlRow): DocumentHead {
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

/** Where each line of a stored document is (PDF page, sheet row, table row); null for text files. */
export function getPlaces(db: Db, docId: number): PlaceIndex | null {
  return originOf(db, docId)?.places ?? null;
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
