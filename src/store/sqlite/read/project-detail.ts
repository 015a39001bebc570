/**
 * Reads one project in full for its detail view: its plan and indicators, and the 政府采购 item
 * rows of its document that name it (exactly, or after normalizing the name), told apart by
 * 项目预算 when several projects of the document share that name.
 */

import { squash } from "../../../domain/text.js";
import type { ProjectDetail } from "../../ports.js";
import type { Db } from "../db.js";
import { getProcurement, type ProcurementRecord } from "./procurement.js";
import { PROJECT_SELECT, type ProjectRecord, toProjects } from "./projects.js";
import { num, numOrNull, type SqlRow, str } from "./rows.js";
import { stmt } from "./statements.js";

export type { ProjectDetail };

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
