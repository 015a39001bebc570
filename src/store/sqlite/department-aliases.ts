/**
 * The alias table: department names as files printed them, each joined to one stored department
 * (issue 17). It grows at ingest (ingest/join-department.ts) and feeds the department lexicon.
 */
import type { Db } from "./db.js";

/** Every department name documents are stored under. */
export function storedDepartmentNames(db: Db): string[] {
  return (
    db.prepare("SELECT DISTINCT department_name AS name FROM documents").all() as Array<{ name: string }>
  ).map((r) => r.name);
}

/** The stored department a printed spelling was joined to, or null when none was recorded. */
export function aliasTarget(db: Db, alias: string): string | null {
  const row = db
    .prepare("SELECT department_name AS name FROM department_aliases WHERE alias = ?")
    .get(alias) as { name: string } | undefined;
  return row?.name ?? null;
}

/** Record that `file` printed `alias` for `department`; the first department recorded for a spelling stays. */
export function recordAlias(db: Db, alias: string, department: string, file: string): void {
  if (alias === department) return;
  db.prepare("INSERT OR IGNORE INTO department_aliases (alias, department_name, file) VALUES (?, ?, ?)").run(
    alias,
    department,
    file,
  );
}

/** The printed spellings of each stored department (departments without any are absent). */
export function aliasesByDepartment(db: Db): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const rows = db
    .prepare("SELECT alias, department_name AS name FROM department_aliases ORDER BY alias")
    .all() as Array<{ alias: string; name: string }>;
  for (const r of rows) out.set(r.name, [...(out.get(r.name) ?? []), r.alias]);
  return out;
}
