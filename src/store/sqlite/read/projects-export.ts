/**
 * Reads every project of every document as one flat row (department, year, code, name, 预算数
 * and 财政拨款 text and 分, file and line) for `bot export projects`.
 */

import type { MoneyUnit } from "../../../domain/types.js";
import type { ExportProjectRow } from "../../ports.js";
import type { Db } from "../db.js";
import { num, numOrNull, type SqlRow, str, strOrNull } from "./rows.js";
import { stmt } from "./statements.js";

export type { ExportProjectRow };

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
