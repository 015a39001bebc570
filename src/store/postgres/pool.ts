/**
 * The PostgreSQL connection pool (node-postgres): BIGINT (and count(*)) read back as JavaScript
 * numbers, as better-sqlite3 returns INTEGER — every stored integer (分, ids, lines) is a safe
 * integer by construction (the parsers reject larger amounts) — and `?` placeholders as SQLite
 * writes them, so both stores share their SQL where it is the same.
 */
import pg from "pg";

/** One database's pool with the project's type parsing. */
export type PgPool = pg.Pool;
/** A pooled connection (for transactions). */
export type PgClient = pg.PoolClient;
/** Something that runs a query: the pool or a transaction's client. */
export type Queryable = Pick<pg.Pool, "query">;
/** A result row, column → value. */
export type PgRow = Record<string, unknown>;

const INT8 = 20;

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/** A pool on the database at `url`. */
export function openPool(url: string, max = 10): PgPool {
  const pool = new pg.Pool({ connectionString: url, max, types: types as pg.CustomTypesConfig });
  // An idle client's error (server restart) must not end the process; the next query reports it.
  pool.on("error", () => {});
  return pool;
}

/** `?` placeholders (SQLite) as `$1, $2, …` (PostgreSQL); no statement here holds a literal `?`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The rows of a query with `?` placeholders. */
export async function all(db: Queryable, sql: string, params: unknown[] = []): Promise<PgRow[]> {
  return (await db.query(numbered(sql), params)).rows as PgRow[];
}

/** The first row of a query, or undefined. */
export async function get(db: Queryable, sql: string, params: unknown[] = []): Promise<PgRow | undefined> {
  return (await all(db, sql, params))[0];
}

/** Run a statement; the number of rows it changed. */
export async function run(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query(numbered(sql), params)).rowCount ?? 0;
}

/** Run `fn` in one transaction on one pooled connection: committed when it returns, rolled back when it throws. */
export async function transaction<T>(pool: PgPool, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Record a write: every instance's change token (store_version) moves on. Call inside the write's transaction. */
export async function bumpVersion(db: Queryable): Promise<void> {
  await db.query("UPDATE store_version SET version = version + 1 WHERE id = 1");
}
