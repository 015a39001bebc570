/** Per-year sums of project budgets (/project's totals): exact, per year, null over 未列示. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import { closeDb, type Db } from "../src/store/sqlite/db.js";
import { projectSumsByYear } from "../src/store/sqlite/read/projects-by-id.js";
import { openSqliteStore, sqliteStore } from "../src/store/sqlite/store.js";
import { sampleDisclosure } from "./fixtures/sample-disclosure.js";

let dir: string;
let db: Db;
afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

function open(): Db {
  dir = mkdtempSync(join(tmpdir(), "budget-sums-"));
  db = openSqliteStore(join(dir, "budget.db")).db;
  return db;
}

const ids = (d: Db) =>
  (d.prepare("SELECT id FROM projects ORDER BY id").all() as Array<{ id: number }>).map((r) => r.id);

describe("projectSumsByYear", () => {
  it("sums each year apart, in the unit the budgets share, and refuses a sum over a blank budget", async () => {
    const d = open();
    const a = sampleDisclosure("901_a.txt", "a".repeat(64));
    const b = { ...sampleDisclosure("902_b.txt", "b".repeat(64)), year: 2023 };
    // 2023: only the stated 177.60 万元 project.
    b.projects = b.projects.filter((p) => p.budget);
    await storeDisclosure(sqliteStore(d), a);
    await storeDisclosure(sqliteStore(d), b);
    const sums = projectSumsByYear(d, ids(d));
    expect(sums.map((s) => s.year)).toEqual([2023, 2024]);
    expect(sums[0]).toEqual({ year: 2023, count: b.projects.length, sum: 177_600_000, unit: "万元" });
    // 2024 holds a project with no 预算数 (未列示): no sum, never a partial one.
    expect(sums[1]).toMatchObject({ year: 2024, count: a.projects.length, sum: null });
  });
  it("reads more ids than one query takes", async () => {
    const d = open();
    await storeDisclosure(sqliteStore(d), sampleDisclosure("901_a.txt", "a".repeat(64)));
    const all = ids(d);
    // Unknown ids are skipped; repeated chunks add up only what exists.
    const many = [...all, ...Array.from({ length: 1200 }, (_, i) => 1_000_000 + i)];
    expect(projectSumsByYear(d, many)).toEqual(projectSumsByYear(d, all));
  });
});
