/** Telling a PostgreSQL URL from a SQLite path (no driver import: config reads it too). */

/** True when `location` names a PostgreSQL database (postgres:// or postgresql:// URL). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}
