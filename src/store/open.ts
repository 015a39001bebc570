/**
 * Where the store is and which implementation opens it: the one place that chooses a database.
 * Today every location is a SQLite file (or ":memory:"); PostgreSQL (issue 22) adds its URLs here.
 */
import type { Store } from "./ports.js";
import { openSqliteStore } from "./sqlite/store.js";

/** Where the database lives when neither --db nor BUDGET_DB says otherwise. */
export const DEFAULT_DB_PATH = "data/budget.db";

/** Resolve the database path: explicit flag, else env BUDGET_DB, else data/budget.db. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag !== undefined && flag !== "") return flag;
  const fromEnv = env.BUDGET_DB;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return DEFAULT_DB_PATH;
}

/** Open the store at `location` (creating and migrating it when needed). */
export function openStore(location: string, options: { readonly?: boolean } = {}): Store {
  return openSqliteStore(location, options);
}
