/**
 * Reads a document's standard tables (std_tables, std_rows, std_values) and rebuilds them in
 * document order, every cell a Figure with its provenance, in three queries per document.
 */

import type {
  Figure,
  MoneyUnit,
  StandardRow,
  StandardTable,
  StandardTableKind,
} from "../../../domain/types.js";
import type { Db } from "../db.js";
import { docRows, groupBy, num, numOrNull, originOf, type SqlRow, str, strOrNull, toFigure } from "./rows.js";
import { stmt } from "./statements.js";

/** The standard tables of a document in document order, optionally only one kind. */
export function getStandardTables(db: Db, docId: number, kind?: StandardTableKind): StandardTable[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const tables = docRows(db, "std_tables", docId, kind !== undefined ? ["kind", kind] : undefined);
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
