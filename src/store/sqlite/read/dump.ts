/**
 * Reads every row of every store table in a stable order, for tests and diagnostics that compare
 * two databases for identical content.
 */

import type { Db } from "../db.js";
import { TABLES } from "../schema.js";
import { type SqlRow, str } from "./rows.js";
import { stmt } from "./statements.js";

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
