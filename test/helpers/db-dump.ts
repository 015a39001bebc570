/** Every row of a SQLite file, table by table (opened and closed around the read). */
import { closeDb, openDb } from "../../src/store/sqlite/db.js";
import { dumpAll } from "../../src/store/sqlite/read/dump.js";

/** The full dump of the database at `path`. */
export function dumpFile(path: string): Record<string, unknown[]> {
  const db = openDb(path);
  try {
    return dumpAll(db);
  } finally {
    closeDb(db);
  }
}
