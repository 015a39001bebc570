/**
 * The prepared-statement cache shared by every read module: fixed SQL is compiled once per
 * database handle and reused. It reads nothing itself; SQL that varies (IN lists) is prepared
 * by the caller each time and never cached here.
 */

import type { Statement } from "better-sqlite3";
import type { Db } from "../db.js";

/** Prepared statements per database handle, so fixed SQL is compiled once, not on every read. */
const statements = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for fixed SQL on this handle (never for SQL that varies, like IN lists). */
export function stmt(db: Db, sql: string): Statement {
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
