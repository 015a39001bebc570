/**
 * Opening and closing the SQLite database: WAL journal, foreign keys on, schema migrated.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { LATEST_VERSION, migrate, schemaVersion } from "./migrations.js";

/** An open budget database (better-sqlite3 handle). */
export type Db = Database.Database;

/** Open (creating the folder and file when needed) and migrate the database at `path`. */
export function openDb(path: string, options: { readonly?: boolean } = {}): Db {
  const inMemory = path === ":memory:";
  if (!inMemory && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  try {
    if (!inMemory && !options.readonly) db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    if (!options.readonly) migrate(db);
    else if (schemaVersion(db) !== LATEST_VERSION) {
      throw new Error(
        `数据库 ${path} 的版本为 ${schemaVersion(db)}，需要 ${LATEST_VERSION}；请先以读写方式打开一次以升级`,
      );
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Close the database; safe to call twice. */
export function closeDb(db: Db): void {
  if (db.open) db.close();
}

/**
 * SQLite's data_version: it changes when another connection (another process, e.g. `bot ingest`)
 * commits to the file, never for this connection's own writes. Cheap enough to read per request.
 */
export function dataVersion(db: Db): number {
  return db.pragma("data_version", { simple: true }) as number;
}
