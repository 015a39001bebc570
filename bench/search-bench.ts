/**
 * Search benchmark (a script, not a test): MiniSearch ProjectIndex vs SQLite FTS5 on a synthetic
 * corpus composed from the seed disclosures' vocabulary.
 *
 *   npx tsx bench/search-bench.ts [--departments 1000] [--years 3] [--projects 25] [--queries 200]
 *   taskset -c 0 node --expose-gc --import tsx bench/search-bench.ts   # one core, heap after GC
 *
 * Reports build time, persisted size, load time, heap used and query latency p50/p99.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { rebuildProjectFts, searchProjectsFts } from "../src/search/fts.js";
import { loadIndex, type ProjectDoc, ProjectIndex, saveIndex } from "../src/search/project-index.js";

const args = new Map<string, string>();
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  args.set(String(process.argv[i]).replace(/^--/, ""), String(process.argv[i + 1]));
}
const DEPARTMENTS = Number(args.get("departments") ?? 1000);
const YEARS = Number(args.get("years") ?? 3);
const PROJECTS = Number(args.get("projects") ?? 25);
const QUERIES = Number(args.get("queries") ?? 200);
const ONLY = args.get("only"); // "minisearch" | "fts"
const NAMES_ONLY = args.get("names-only") === "1"; // MiniSearch over name/code/department only

/** Deterministic PRNG (mulberry32) so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20240601);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

// ---- vocabulary from the seeds -------------------------------------------------------------
const dataDir = new URL("../data/", import.meta.url).pathname;
const names = new Set<string>();
const longLines: string[] = [];
const cells: string[] = [];
const han = /\p{Script=Han}/gu;
for (const f of readdirSync(dataDir).filter((f) => f.endsWith(".txt"))) {
  for (const raw of readFileSync(join(dataDir, f), "utf8").split("\n")) {
    const line = raw
      .replace(/\[bookmark:[^\]]*\]/g, "")
      .replace(/\{[^}]*\}/g, "")
      .trim();
    const nHan = line.match(han)?.length ?? 0;
    if (nHan < 2) continue;
    const title = /^(?:\d+[.、．])?(?:\d{4}年度?)?(.+?)绩效目标表$/.exec(line.replace(/\s+/g, ""));
    if (title?.[1] && title[1].length >= 2 && title[1].length <= 40) names.add(title[1]);
    if (line.length >= 15 && line.length <= 150) longLines.push(line);
    else if (line.length <= 20) cells.push(line);
  }
}
const nameList = [...names];
const places = [
  ...new Set(nameList.flatMap((n) => n.match(/^(\p{Script=Han}{2,3}?)(?:社区|片区|管委会)/u)?.[1] ?? [])),
];
const suffixes = [
  "街道办事处",
  "管理委员会",
  "社区管理办公室",
  "教育局",
  "卫生健康局",
  "财政局",
  "自然资源局",
  "住房和城乡建设局",
  "民政局",
  "文化和旅游局",
];
const hanChars = [...new Set(nameList.join("").match(han) ?? [])];

function placeName(): string {
  return rand() < 0.5 && places.length > 0
    ? pick(places)
    : pick(hanChars) + pick(hanChars) + pick(hanChars).slice(0, int(0, 1));
}

// ---- corpus ---------------------------------------------------------------------------------
function makeCorpus(): ProjectDoc[] {
  const docs: ProjectDoc[] = [];
  let id = 1;
  for (let d = 0; d < DEPARTMENTS; d++) {
    const department = `${placeName()}${pick(suffixes)}`;
    for (let y = 0; y < YEARS; y++) {
      const year = 2024 - y;
      for (let p = 0; p < PROJECTS; p++) {
        const base = pick(nameList);
        const name = rand() < 0.4 ? `${placeName()}${base}` : base;
        const indicators: string[] = [];
        for (let k = 0, n = int(5, 9); k < n; k++) indicators.push(pick(cells), pick(cells), pick(cells));
        docs.push({
          id: id++,
          department,
          year,
          code: `${int(10000000, 99999999)}P${String(int(0, 1e12)).padStart(12, "0")}`,
          name,
          purpose: pick(longLines),
          goal: Array.from({ length: int(1, 3) }, () => pick(longLines)).join("\n"),
          indicators: indicators.join("\n"),
        });
      }
    }
  }
  return docs;
}

function makeQueries(docs: ProjectDoc[]): string[] {
  const out: string[] = [];
  while (out.length < QUERIES) {
    const r = rand();
    const d = pick(docs);
    const src = r < 0.6 ? d.name : r < 0.8 ? (d.purpose ?? "") : r < 0.9 ? d.department : (d.goal ?? "");
    const text = pick(src.match(/\p{Script=Han}+/gu) ?? [""]); // one Han run: the query is a real substring
    const len = int(2, 6);
    if (text.length < len) continue;
    const at = int(0, text.length - len);
    out.push(text.slice(at, at + len));
  }
  return out;
}

// ---- measuring helpers ----------------------------------------------------------------------
const gc = (globalThis as { gc?: () => void }).gc;
function heapMB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1048576;
}
function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const mb = (x: number): string => `${(x / 1048576).toFixed(1)} MB`;

function latency(label: string, queries: string[], run: (q: string) => unknown[]): void {
  for (const q of queries.slice(0, 20)) run(q); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  let empty = 0;
  for (const q of queries) {
    const c0 = process.cpuUsage();
    const [r, t] = time(() => run(q));
    const c = process.cpuUsage(c0);
    wall.push(t);
    cpu.push((c.user + c.system) / 1000);
    hits += r.length;
    if (r.length === 0) empty++;
  }
  const worst = queries[cpu.indexOf(Math.max(...cpu))];
  console.log(
    `  ${label.padEnd(30)} cpu p50 ${ms(pct(cpu, 50))} p99 ${ms(pct(cpu, 99))} max ${ms(Math.max(...cpu))} (${worst}) | wall p50 ${ms(pct(wall, 50))} p99 ${ms(pct(wall, 99))} | avg hits ${(hits / queries.length).toFixed(1)}, empty ${empty}`,
  );
}

/** Runs f and prints its wall and CPU time. */
function timed<T>(f: () => T): [T, string] {
  const c0 = process.cpuUsage();
  const [r, t] = time(f);
  const c = process.cpuUsage(c0);
  return [r, `${ms((c.user + c.system) / 1000)} cpu, ${ms(t)} wall`];
}

// ---- run ------------------------------------------------------------------------------------
const heap0 = heapMB();
const [docs, tCorpus] = timed(makeCorpus);
const queries = makeQueries(docs);
const keep = args.get("keep"); // keep the generated files in this directory
const dir = keep ?? mkdtempSync(join(tmpdir(), "search-bench-"));
const chars = docs.reduce(
  (n, d) => n + d.name.length + (d.purpose?.length ?? 0) + (d.goal?.length ?? 0) + d.indicators.length,
  0,
);
console.log(
  `corpus: ${DEPARTMENTS} departments × ${YEARS} years × ${PROJECTS} projects = ${docs.length} docs, ${(chars / 1e6).toFixed(1)}M chars (${tCorpus}); seed vocabulary ${nameList.length} names, ${longLines.length} lines, ${cells.length} cells`,
);
const deptOf = docs[0]?.department ?? "";
const hard = ["项目", "经费", "服务", "社区", "工作", "管理", "容", "社区工作经费"];

if (ONLY !== "fts") {
  console.log("MiniSearch (ProjectIndex):");
  const h1 = heapMB();
  const input = NAMES_ONLY ? docs.map((d) => ({ ...d, purpose: null, goal: null, indicators: "" })) : docs;
  if (NAMES_ONLY) console.log("  (names-only: purpose, goal and indicators left out)");
  const [built, tBuild] = timed(() => ProjectIndex.build(input));
  console.log(`  build ${tBuild}, heap +${(heapMB() - h1).toFixed(0)} MB`);
  const file = join(dir, "projects.idx");
  const [, tSave] = timed(() => saveIndex(file, built, "fp"));
  console.log(`  save ${tSave}, file ${mb(statSync(file).size)}`);
  const h2 = heapMB();
  const [loaded, tLoad] = timed(() => loadIndex(file, "fp"));
  if (!loaded) throw new Error("load failed");
  console.log(
    `  load ${tLoad} (read + parse + rebuild), heap of loaded index ${(heapMB() - h2).toFixed(0)} MB`,
  );
  latency(`${QUERIES} queries (2–6 chars)`, queries, (q) => loaded.search(q, { limit: 20 }));
  latency("same, filtered by year", queries, (q) => loaded.search(q, { limit: 20, year: 2024 }));
  latency("same, filtered by department", queries, (q) =>
    loaded.search(q, { department: deptOf, limit: 20 }),
  );
  for (const q of hard) latency(`common term ${q}`, [q, q, q, q, q], (x) => loaded.search(x, { limit: 20 }));
}

if (ONLY !== "minisearch") {
  console.log("SQLite FTS5 (fts.ts):");
  const dbFile = join(dir, "fts.db");
  rmSync(dbFile, { force: true });
  let db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  const [, tBuild] = timed(() => rebuildProjectFts(db, docs, "fp"));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  console.log(
    `  build (insert ${docs.length} rows, one transaction, optimize) ${tBuild}, db file ${mb(statSync(dbFile).size)}`,
  );
  const [db2, tOpen] = timed(() => new Database(dbFile, { readonly: true }));
  db = db2;
  latency("first query (cold cache)", queries.slice(0, 1), (q) => searchProjectsFts(db, q));
  console.log(`  open ${tOpen}`);
  latency(`${QUERIES} queries (2–6 chars)`, queries, (q) => searchProjectsFts(db, q, { limit: 20 }));
  latency("same, filtered by year", queries, (q) => searchProjectsFts(db, q, { limit: 20, year: 2024 }));
  latency("same, filtered by department", queries, (q) =>
    searchProjectsFts(db, q, { department: deptOf, limit: 20 }),
  );
  for (const q of hard)
    latency(`common term ${q}`, [q, q, q, q, q], (x) => searchProjectsFts(db, x, { limit: 20 }));
  db.close();
}

console.log(
  `process heap now ${heapMB().toFixed(0)} MB (start ${heap0.toFixed(0)} MB, corpus included)${gc ? "" : " — run with --expose-gc for settled numbers"}`,
);
if (!keep) rmSync(dir, { recursive: true, force: true });
