/**
 * Reads a document's 政府采购 rows (procurement, procurement_amounts) in document order, each
 * item row carrying the project name of the row above when its own cell is blank (merged cell).
 */

import type { Figure, ProcurementRow } from "../../../domain/types.js";
import type { ProcurementRecord } from "../../ports.js";
import type { Db } from "../db.js";
import { docRows, groupBy, num, originOf, type SqlRow, str, strOrNull, toFigure } from "./rows.js";
import { stmt } from "./statements.js";

export type { ProcurementRecord };

/** The 政府采购 rows of a document in document order. */
export function getProcurement(db: Db, docId: number): ProcurementRecord[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = docRows(db, "procurement", docId);
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
