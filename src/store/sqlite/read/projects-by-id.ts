/**
 * Reads projects by a list of ids, one query per 500 ids: the projects of a result list with
 * their details (purpose, goal, plan, indicators) read lazily on first access, and the per-year
 * count and exact 预算数 sum of a set of projects from one grouped query.
 */

import type { MoneyUnit } from "../../../domain/types.js";
import type { ProjectYearSum } from "../../ports.js";
import type { Db } from "../db.js";
import {
  PROJECT_SELECT,
  type ProjectRecord,
  projectDocumentRef,
  projectScalars,
  toProjects,
} from "./projects.js";
import { num, type SqlRow } from "./rows.js";
import { stmt } from "./statements.js";

export type { ProjectYearSum };

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
