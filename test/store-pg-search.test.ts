/**
 * Project search on PostgreSQL (store/postgres/search.ts: bigram tsvector literals, GIN, phrase
 * queries) finds exactly what SQLite's FTS5 index finds, tier by tier, on the five seeds' projects:
 * two-character words (卫生), single characters, long runs, several runs, codes and code prefixes,
 * exact names, department and year filters.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import type { ProjectDoc } from "../src/search/types.js";
import { migratePg } from "../src/store/postgres/migrations.js";
import { openPool, type PgPool } from "../src/store/postgres/pool.js";
import {
  nameCodeTsquery,
  projectTsquery,
  projectTsvector,
  searchProjectsPg,
  upsertProjectSearch,
} from "../src/store/postgres/search.js";
import {
  FTS_TABLE,
  ftsMatch,
  searchProjectsFts,
  upsertProjectsFts,
} from "../src/store/sqlite/project-fts.js";
import { projectDocs } from "../src/store/sqlite/project-index.js";
import { openSqliteStore, type SqliteStore } from "../src/store/sqlite/store.js";
import { parseText } from "./helpers/parse-text.js";
import { freshPgUrl } from "./helpers/pg.js";
import { DATA_DIR, seedFiles } from "./helpers/test-bot.js";

let lite: SqliteStore;
let pool: PgPool;
let docs: ProjectDoc[];

beforeAll(async () => {
  lite = openSqliteStore(":memory:");
  for (const f of seedFiles())
    await storeDisclosure(lite, parseText(readFileSync(join(DATA_DIR, f), "utf8"), f));
  // Made-up rows where a phrase could run across two runs or two fields when positions touch.
  const made: ProjectDoc[] = [
    {
      id: 900001,
      department: "测试局",
      year: 2024,
      code: null,
      name: "后勤，勤保障",
      purpose: null,
      goal: null,
      indicators: "",
    },
    {
      id: 900002,
      department: "保障局",
      year: 2024,
      code: "ab",
      name: "后勤",
      purpose: "勤保",
      goal: null,
      indicators: "",
    },
  ];
  upsertProjectsFts(lite.db, made);
  docs = [...projectDocs(lite.db), ...made];
  pool = openPool(await freshPgUrl(), 2);
  await migratePg(pool);
  // project_search rows reference projects: the same ids as in SQLite.
  await pool.query(
    "INSERT INTO documents (id, file, sha256, department_name, department_given, department_known, kind, ingested_at, updated_at) VALUES (1, 'f', 's', 'd', 0, 1, 'k', 't', 't')",
  );
  await pool.query(
    "INSERT INTO projects (id, doc_id, ord, title, name, line, section) SELECT id, 1, 0, '', '', 0, '' FROM unnest($1::bigint[]) AS id",
    [docs.map((d) => d.id)],
  );
  await upsertProjectSearch(pool, docs);
});

afterAll(async () => {
  await lite?.close();
  await pool?.end();
});

/** How many of SQLite's hits are in the name/code tiers (tiers 0 and 1). */
function nameTierSize(query: string, opts: { department?: string; year?: number }): number {
  const match = ftsMatch(query);
  if (match === null || opts.department !== undefined || opts.year !== undefined) return 0;
  return (
    lite.db
      .prepare(`SELECT count(*) AS n FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`)
      .get(`{name code}: (${match})`) as {
      n: number;
    }
  ).n;
}

/** Both stores' hits for one query, in order. */
async function both(query: string, opts: { department?: string; year?: number; limit?: number } = {}) {
  const a = searchProjectsFts(lite.db, query, { limit: 500, ...opts }).map((h) => h.id);
  const b = (await searchProjectsPg(pool, query, { limit: 500, ...opts })).map((h) => h.id);
  return { lite: a, pg: b };
}

describe("PostgreSQL project search = SQLite FTS5", () => {
  it("indexes every seed project", async () => {
    expect(docs.length).toBeGreaterThan(50);
    const n = await pool.query("SELECT count(*) AS n FROM project_search");
    expect(n.rows[0].n).toBe(docs.length);
  });

  it("writes tsvector literals and phrase queries, not to_tsvector", () => {
    expect(projectTsquery("后勤保障")).toBe("('后勤' <-> '勤保' <-> '保障')");
    expect(projectTsquery("卫生 经费", "AB")).toBe("('卫生':AB) & ('经费':AB)");
    expect(
      projectTsvector({
        id: 1,
        department: "",
        year: null,
        code: null,
        name: "后勤",
        purpose: null,
        goal: null,
        indicators: "",
      }),
    ).toBe("'后勤':3A '后':5A '勤':6A");
  });

  const queries = [
    "卫生",
    "经费",
    "项目",
    "服务",
    "后勤保障",
    "培训",
    "运行",
    "保障 经费",
    "专项",
    "办公",
    "卫",
    "费",
    "2024",
    "信息化建设",
    "不存在的项目名称",
    "后勤保障",
    "勤保",
    "后勤 勤保",
    "保障",
  ];

  it("finds the same projects for every query (same set, same tiers)", async () => {
    let found = 0;
    for (const q of queries) {
      const r = await both(q);
      const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
      expect({ q, ids: sorted(r.pg) }).toEqual({ q, ids: sorted(r.lite) });
      // The name/code tiers come first in both, holding the same projects.
      const k = nameTierSize(q, {});
      const inNameCode = nameCodeTsquery(q);
      if (inNameCode !== null) {
        const n = await pool.query("SELECT count(*) AS n FROM project_search WHERE terms @@ $1::tsquery", [
          inNameCode,
        ]);
        expect({ q, nameCode: n.rows[0].n }).toEqual({ q, nameCode: k });
      }
      expect({ q, first: sorted(r.pg.slice(0, k)) }).toEqual({ q, first: sorted(r.lite.slice(0, k)) });
      found += r.lite.length;
    }
    expect(found).toBeGreaterThan(100);
  });

  it("puts the project whose name is the query first, and finds codes and code prefixes", async () => {
    const named = docs.filter((d) => d.code !== null && d.code.length >= 8).slice(0, 5);
    expect(named.length).toBeGreaterThan(0);
    for (const d of named) {
      const byName = await both(d.name);
      expect(byName.pg[0]).toBe(byName.lite[0]);
      expect(new Set(byName.pg)).toEqual(new Set(byName.lite));
      const code = d.code as string;
      const byCode = await both(code.slice(0, 8));
      expect(byCode.pg).toContain(d.id);
      expect(new Set(byCode.pg)).toEqual(new Set(byCode.lite));
    }
  });

  it("filters by department and year as SQLite does", async () => {
    const d = docs[0] as ProjectDoc;
    for (const opts of [
      { department: d.department },
      { year: d.year ?? 0 },
      { department: d.department, year: d.year ?? 0 },
    ]) {
      const r = await both("经费", opts);
      expect(r.lite.length).toBeGreaterThan(0);
      expect(new Set(r.pg)).toEqual(new Set(r.lite));
    }
  });

  it("keeps the limit and takes tiers in order", async () => {
    for (const q of ["经费", "项目"]) {
      const a = searchProjectsFts(lite.db, q, { limit: 500 }).map((h) => h.id);
      const b = (await searchProjectsPg(pool, q, { limit: 7 })).map((h) => h.id);
      expect(b).toHaveLength(Math.min(7, a.length));
    }
  });
});
