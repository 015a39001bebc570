/**
 * Versioned schema migrations, tracked in SQLite's PRAGMA user_version.
 * Each migration runs in its own transaction together with the version bump, so a crash
 * leaves the database at the previous version, never half-migrated.
 */
import type Database from "better-sqlite3";
// Every DDL lives in schema.ts: migrations import no feature module (no import circle through db.ts).
import {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3_SUBSCRIPTIONS,
  SCHEMA_V4_FINDINGS,
  SCHEMA_V5_FEN,
  SCHEMA_V6_BASIS,
  SCHEMA_V7_DELIVERIES,
  SCHEMA_V8_TEMPLATE,
  SCHEMA_V9_PLACES,
  SCHEMA_V10_SENDING,
  SCHEMA_V11_DEPARTMENT_ALIASES,
  SCHEMA_V12_TEXTS,
  SCHEMA_V13_SUBSCRIPTION_IDS,
  SCHEMA_V14_DOCUMENT_SOURCES,
} from "./schema.js";

/** One schema step: the version it produces and the SQL that gets there from version - 1. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** All migrations in order; append new ones, never edit released ones. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: "disclosure tables", sql: SCHEMA_V1 },
  { version: 2, description: "document digest and lookup indexes", sql: SCHEMA_V2 },
  { version: 3, description: "weekly summary subscriptions and job runs", sql: SCHEMA_V3_SUBSCRIPTIONS },
  { version: 4, description: "stored consistency findings", sql: SCHEMA_V4_FINDINGS },
  { version: 5, description: "money in integer 分 instead of 元", sql: SCHEMA_V5_FEN },
  { version: 6, description: "预算 or 决算 per document", sql: SCHEMA_V6_BASIS },
  {
    version: 7,
    description: "chat delivery dedupe; subscriptions accept any registered platform",
    sql: SCHEMA_V7_DELIVERIES,
  },
  {
    version: 8,
    description:
      "narrative shares, changes, prior-year figures, subjects and scopes; 不适用 facts; stated figures",
    sql: SCHEMA_V8_TEMPLATE,
  },
  {
    version: 9,
    description: "places of document lines (pages, sheet rows, table rows)",
    sql: SCHEMA_V9_PLACES,
  },
  { version: 10, description: "weekly posts in flight (job_runs.sending_at)", sql: SCHEMA_V10_SENDING },
  {
    version: 11,
    description: "department names as files print them, joined to one stored department",
    sql: SCHEMA_V11_DEPARTMENT_ALIASES,
  },
  { version: 12, description: "document paragraphs for the checks that read words", sql: SCHEMA_V12_TEXTS },
  {
    version: 13,
    description: "subscription ids never reused (AUTOINCREMENT)",
    sql: SCHEMA_V13_SUBSCRIPTION_IDS,
  },
  {
    version: 14,
    description: "who sent a document in chat, from which chat, and when",
    sql: SCHEMA_V14_DOCUMENT_SOURCES,
  },
];

/** The schema version this code writes and reads. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Raised when a database was written by a newer version of the bot. */
export class SchemaTooNewError extends Error {
  override name = "SchemaTooNewError";
}

/** The database's current schema version (0 for a new, empty file). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Bring the database up to `target` (default: latest). Returns the versions applied.
 * Throws SchemaTooNewError when the file is newer than this code understands.
 */
export function migrate(db: Database.Database, target: number = LATEST_VERSION): number[] {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new SchemaTooNewError(
      `数据库版本 ${current} 比本程序支持的版本 ${LATEST_VERSION} 新，请升级程序后再打开`,
    );
  }
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      // PRAGMA does not take bound parameters; the version is a trusted integer.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
