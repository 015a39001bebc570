/**
 * The PostgreSQL schema (store/postgres/schema.ts, migrations.ts) is kept equal to SQLite's: the
 * same schema version, the same tables with the same columns in the same order, nullability and
 * type family, and the same named indexes. A SQLite migration added without its PostgreSQL twin
 * fails here, naming what is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migratePg, PG_LATEST_VERSION, pgSchemaVersion } from "../src/store/postgres/migrations.js";
import { openPool, type PgPool } from "../src/store/postgres/pool.js";
import { PG_ONLY_TABLES } from "../src/store/postgres/schema.js";
import { openDb } from "../src/store/sqlite/db.js";
import { LATEST_VERSION } from "../src/store/sqlite/migrations.js";
import { freshPgUrl } from "./helpers/pg.js";

type Column = { name: string; type: "integer" | "text"; notnull: boolean };

/** SQLite tables the store owns (not the FTS5 index and SQLite's own bookkeeping). */
function sqliteSchema(): { tables: Map<string, Column[]>; indexes: string[] } {
  const db = openDb(":memory:");
  try {
    const names = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'project_fts%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const tables = new Map<string, Column[]>();
    for (const name of names) {
      const cols = db.prepare(`PRAGMA table_info(${name})`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      tables.set(
        name,
        cols.map((c) => ({
          name: c.name,
          type: c.type === "INTEGER" ? "integer" : "text",
          notnull: c.notnull === 1 || c.pk > 0,
        })),
      );
    }
    const indexes = (
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .all() as { name: string }[]
    ).map((r) => r.name);
    return { tables, indexes };
  } finally {
    db.close();
  }
}

let pool: PgPool;

beforeAll(async () => {
  pool = openPool(await freshPgUrl(), 2);
  await migratePg(pool);
});
afterAll(async () => {
  await pool?.end();
});

async function pgSchema(): Promise<{ tables: Map<string, Column[]>; indexes: string[] }> {
  const cols = await pool.query(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const r of cols.rows as {
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
  }[]) {
    if (
      (PG_ONLY_TABLES as readonly string[]).includes(r.table_name) ||
      r.table_name.startsWith("project_search")
    )
      continue;
    const list = tables.get(r.table_name) ?? [];
    list.push({
      name: r.column_name,
      type: r.data_type === "bigint" ? "integer" : "text",
      notnull: r.is_nullable === "NO",
    });
    tables.set(r.table_name, list);
  }
  const idx = await pool.query(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'public'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = indexname) AND tablename NOT LIKE 'project_search%' ORDER BY indexname`,
  );
  return { tables, indexes: (idx.rows as { indexname: string }[]).map((r) => r.indexname) };
}

describe("PostgreSQL schema = SQLite schema", () => {
  it("is at the same version", async () => {
    expect(PG_LATEST_VERSION).toBe(LATEST_VERSION);
    expect(await pgSchemaVersion(pool)).toBe(LATEST_VERSION);
  });

  it("has the same tables, columns (order, type, NOT NULL) and indexes", async () => {
    const lite = sqliteSchema();
    const post = await pgSchema();
    expect([...post.tables.keys()].sort()).toEqual([...lite.tables.keys()].sort());
    for (const [name, columns] of lite.tables)
      expect({ [name]: post.tables.get(name) }).toEqual({ [name]: columns });
    expect(post.indexes.sort()).toEqual(lite.indexes.sort());
  });

  it("migrating again applies nothing", async () => {
    expect(await migratePg(pool)).toEqual([]);
  });
});
