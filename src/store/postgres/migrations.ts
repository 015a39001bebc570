/**
 * Schema migrations for PostgreSQL, versioned as SQLite's (store/sqlite/migrations.ts): support
 * starts at version 14, whose migration is the whole schema as SQLite's migrations make it
 * (schema.ts: one schema source). Each migration runs in
 * one transaction with its version bump; concurrent instances starting together serialise on an
 * advisory lock, so the schema is made once.
 */
import { SchemaTooNewError } from "../sqlite/migrations.js";
import { type PgPool, transaction } from "./pool.js";
import { PG_BOOKKEEPING, PG_SEARCH_SCHEMA, pgSchemaAt } from "./schema.js";

/** One schema step: the version it produces and its SQL. */
export interface PgMigration {
  version: number;
  description: string;
  sql: string;
}

/** All PostgreSQL migrations in order; append with SQLite's, never edit released ones. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 14,
    description: "the whole schema as of SQLite version 14, and the bigram search index",
    get sql() {
      return pgSchemaAt(14) + PG_SEARCH_SCHEMA;
    },
  },
];

/** The schema version this code writes and reads on PostgreSQL. */
export const PG_LATEST_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;

/** Advisory lock key held while migrating (any constant; "budget" in ASCII). */
const MIGRATE_LOCK = 0x627564676574;

/** Bring the database to the latest version; the versions applied. */
export async function migratePg(pool: PgPool): Promise<number[]> {
  return transaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATE_LOCK]);
    await client.query(PG_BOOKKEEPING);
    const current = Number(
      (await client.query("SELECT version FROM schema_version WHERE id = 1")).rows[0]?.version ?? 0,
    );
    if (current > PG_LATEST_VERSION) {
      throw new SchemaTooNewError(
        `数据库版本 ${current} 比本程序支持的版本 ${PG_LATEST_VERSION} 新，请升级程序后再打开`,
      );
    }
    const applied: number[] = [];
    for (const m of PG_MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query("UPDATE schema_version SET version = $1 WHERE id = 1", [m.version]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** The database's schema version (0 before the first migration). */
export async function pgSchemaVersion(pool: PgPool): Promise<number> {
  const r = await pool.query("SELECT to_regclass('schema_version') IS NOT NULL AS has");
  if (!r.rows[0]?.has) return 0;
  return Number((await pool.query("SELECT version FROM schema_version WHERE id = 1")).rows[0]?.version ?? 0);
}
