/**
 * Reads the projects table with each project's document and its plan points and indicators:
 * the row-to-record builders the other project reads share, the projects of a document (or of
 * all) in document order, the search by name/code/department/year, and the lazy projects of a
 * rebuilt Disclosure whose plans and indicators are read on first access.
 */

import { squash } from "../../../domain/text.js";
import type { Indicator, PlanPoint, Project } from "../../../domain/types.js";
import type { DocumentRef, ProjectRecord } from "../../ports.js";
import type { Db } from "../db.js";
import { type DocumentFilter, findDocuments } from "./documents.js";
import {
  groupBy,
  num,
  numOrNull,
  type Origin,
  placesOf,
  type SqlRow,
  str,
  strOrNull,
  toFigure,
} from "./rows.js";
import { stmt } from "./statements.js";

export type { DocumentRef, ProjectRecord };

/** Filters for findProjects. */
export interface ProjectFilter extends DocumentFilter {
  /** Substring of the project name (whitespace ignored). */
  name?: string;
  /** Exact project code (spaces ignored). */
  code?: string;
}

export const PROJECT_SELECT = `SELECT p.*, d.file AS doc_file, d.places_json AS doc_places, d.department_name, d.department_code, d.year AS doc_year
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
export function projectScalars(r: SqlRow) {
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
export function projectDocumentRef(r: SqlRow): DocumentRef {
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
export function lazyDocumentProjects(db: Db, rows: SqlRow[]): Project[] {
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
export function toProjects(db: Db, rows: SqlRow[]): ProjectRecord[] {
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
