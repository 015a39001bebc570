/**
 * Where the store is and which implementation opens it: the one place that chooses a database.
 * A file path (or ":memory:") is a SQLite database; a `postgres://` / `postgresql://` URL names
 * PostgreSQL (issue 22), whose store is not complete yet (store/postgres/: schema, search, shared
 * state): such a URL is refused with a clear message instead of being taken for a file name.
 */
import type { Store } from "./ports.js";
import { isPostgresUrl } from "./postgres/url.js";
import { openSqliteStore } from "./sqlite/store.js";

/** Where the database lives when neither --db nor BUDGET_DB says otherwise. */
export const DEFAULT_DB_PATH = "data/budget.db";

/** Resolve the database location: explicit flag, else env BUDGET_DB, else DATABASE_URL, else data/budget.db. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag !== "") return flag;
  for (const name of ["BUDGET_DB", "DATABASE_URL"] as const) {
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  }
  return DEFAULT_DB_PATH;
}

/** Raised for a database location this build cannot open. */
export class UnsupportedStoreError extends Error {
  override name = "UnsupportedStoreError";
}

/** Open the store at `location` (creating and migrating it when needed). */
export function openStore(location: string, options: { readonly?: boolean } = {}): Store {
  if (isPostgresUrl(location)) {
    throw new UnsupportedStoreError(
      "BUDGET_DB 指向 PostgreSQL：本版本尚不能以 PostgreSQL 作为完整存储（issue 22 进行中），请改用 SQLite 文件路径",
    );
  }
  return openSqliteStore(location, options);
}
