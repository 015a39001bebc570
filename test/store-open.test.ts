import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openStore, resolveDbPath, UnsupportedStoreError } from "../src/store/open.js";

describe("choosing the store from its location", () => {
  it("reads --db, then BUDGET_DB, then DATABASE_URL, then the default file", () => {
    const url = "postgres://bot@db.example/budget";
    expect(resolveDbPath("x.db", { BUDGET_DB: "y.db", DATABASE_URL: url })).toBe("x.db");
    expect(resolveDbPath(undefined, { BUDGET_DB: "y.db", DATABASE_URL: url })).toBe("y.db");
    expect(resolveDbPath(undefined, { DATABASE_URL: url })).toBe(url);
    expect(resolveDbPath(undefined, {})).toBe("data/budget.db");
  });

  it("never takes a PostgreSQL URL for a SQLite file name", () => {
    expect(() => openStore("postgresql://bot@127.0.0.1:1/budget")).toThrow(UnsupportedStoreError);
    expect(existsSync("postgresql:")).toBe(false);
  });
});
