/**
 * `npm run bench`: speed and memory of the whole path on a synthetic corpus built from the seeds.
 * A script that measures, not a test: it prints PASS/FAIL against the targets and always exits 0
 * (1 only when the benchmark itself broke).
 *
 *   npm run bench -- [--departments 1000] [--years 3] [--budget 500] [--project 500] [--detail 200]
 *                    [--seed 20240601] [--keep DIR] [--reuse] [--json] [--profile DIR]
 *   taskset -c 0 npm run bench            # one core, as the targets are stated
 *
 * --keep DIR     work in DIR and keep it (corpus/, bench.db, queries.json)
 * --reuse        with --keep: skip writing, ingesting and indexing; measure load and latency on
 *                DIR/bench.db again (same --departments/--years/--seed as the run that made it)
 * --profile DIR  write a V8 CPU profile of the load/latency process into DIR
 * --sqlite-cache-mb N  experiment: give the bot's SQLite connection an N MB page cache (default 2 MB)
 *
 * 1. writes departments × years disclosure text files (bench/corpus.ts) into a temp folder;
 * 2. ingests them with the ingest pipeline (ingest/pipeline.ts: bytes → stored) into a fresh SQLite file;
 * 3. times a full rebuild of the FTS project index (ingest keeps it current; this is what a
 *    database from before that rule pays once at start);
 * 4. in a fresh process (bench/serve.ts): opens the database and builds the core as the bot does,
 *    then sends /budget and /project lines through the real dispatcher and renders the replies.
 * The temp folder is removed at the end unless --keep DIR is given (then DIR is used and kept).
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ingest } from "../src/ingest/pipeline.js";
import { closeDb, openDb } from "../src/store/sqlite/db.js";
import { rebuildProjectFts } from "../src/store/sqlite/project-fts.js";
import { ensureProjectIndex, projectDocs, storeFingerprint } from "../src/store/sqlite/project-index.js";
import { openSqliteStore } from "../src/store/sqlite/store.js";
import { ftsBaseline, projectKeyword } from "./baseline.js";

import { chartBenchReport } from "./charts.js";
import { CorpusGenerator } from "./corpus.js";
import type { PdfBenchResult } from "./pdf.js";
import { makeQueries } from "./queries.js";
import type { GroupResult, ServeResult } from "./serve.js";
import { benchStartup } from "./startup.js";
import { type Memory, mb, memory, ms, type Summary, summarize, table, timed } from "./stats.js";
import { issueTargets, type Target, verdict } from "./targets.js";

/** Targets of the bench beside the issue's (bench/targets.ts), on one core. */
const TARGETS = { loadMs: 1000 };

const { values: opts } = parseArgs({
  options: {
    departments: { type: "string", default: "1000" },
    years: { type: "string", default: "3" },
    budget: { type: "string", default: "500" },
    project: { type: "string", default: "500" },
    detail: { type: "string", default: "200" },
    seed: { type: "string", default: "20240601" },
    keep: { type: "string" },
    reuse: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    profile: { type: "string" },
    "sqlite-cache-mb": { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (opts.help) {
  process.stdout.write(
    "npm run bench -- [--departments N] [--years N] [--budget N] [--project N] [--detail N] [--seed N] [--keep DIR] [--reuse] [--json] [--profile DIR] [--sqlite-cache-mb N]\n",
  );
  process.exit(0);
}
const num = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return n;
};
const DEPARTMENTS = num("departments", opts.departments, 1);
const YEARS = num("years", opts.years, 1);
const SEED = num("seed", opts.seed, 0);
const N_BUDGET = num("budget", opts.budget, 1);
const N_PROJECT = num("project", opts.project, 1);
const N_DETAIL = num("detail", opts.detail, 0);

const here = fileURLToPath(new URL(".", import.meta.url));
const dataDir = join(here, "..", "data");
const progress = (line: string) => process.stderr.write(`${line}\n`);

if (opts.reuse && !opts.keep) throw new Error("--reuse needs --keep DIR (the folder of an earlier run)");
const dir = opts.keep ? resolve(opts.keep) : mkdtempSync(join(tmpdir(), "budget-bench-"));
const corpusDir = join(dir, "corpus");
const dbPath = join(dir, "bench.db");
if (opts.reuse) {
  if (!existsSync(dbPath)) throw new Error(`--reuse: ${dbPath} does not exist`);
} else {
  rmSync(corpusDir, { recursive: true, force: true });
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
  mkdirSync(corpusDir, { recursive: true });
}

let exitCode = 0;
try {
  // ---- 1. corpus ------------------------------------------------------------------------------
  const gen = new CorpusGenerator({ dataDir, departments: DEPARTMENTS, years: YEARS, seed: SEED });
  progress(opts.reuse ? `bench: reusing ${dbPath}` : `bench: writing ${gen.size} files to ${corpusDir}`);
  const files: Array<{ path: string; file: string; dept: string; year: number; projects: number }> = [];
  const projectNames = new Map<number, string[]>();
  const byTemplate: Record<string, number> = {};
  let textBytes = 0;
  const [, tGen] = timed(() => {
    for (const f of gen.files()) {
      const path = join(corpusDir, f.file);
      if (!opts.reuse) writeFileSync(path, f.text);
      textBytes += Buffer.byteLength(f.text);
      files.push({ path, file: f.file, dept: f.department.name, year: f.year, projects: f.projects.length });
      projectNames.set(f.department.index, [...(projectNames.get(f.department.index) ?? []), ...f.projects]);
      const layout = gen.templates.get(f.template)?.layout ?? f.template;
      byTemplate[layout] = (byTemplate[layout] ?? 0) + 1;
    }
  });

  const built = opts.reuse ? null : await ingestAndIndex(files);
  const counts = storeCounts();

  // ---- 4. serve phase in a fresh process ------------------------------------------------------------
  const plan = makeQueries(
    {
      departments: gen.departments,
      years: gen.years,
      projectNames,
      subjects: [...new Set([...gen.templates.values()].flatMap((t) => t.subjects))],
      maxProjectId: counts.maxId ?? 1,
    },
    SEED + 1,
    { warmup: 60, budget: N_BUDGET, project: N_PROJECT, detail: N_DETAIL },
  );
  // Read the database file once so that the OS page cache holds it, as on a bot that has been
  // running for a while (the ingest just wrote it, so this is mostly a no-op); first calls are timed apart.
  const [, tWarm] = timed(() => {
    for (const f of [dbPath, `${dbPath}-wal`]) if (existsSync(f)) readFileSync(f);
  });
  progress(`bench: database file read once (${ms(tWarm)}) to settle the OS page cache`);
  const queriesPath = join(dir, "queries.json");
  writeFileSync(queriesPath, JSON.stringify(plan));
  progress(
    `bench: load and latency (${N_BUDGET} /budget, ${N_PROJECT} /project, ${N_DETAIL} /project #id) in a fresh process`,
  );
  const execArgv = [...process.execArgv];
  if (!execArgv.includes("--expose-gc")) execArgv.unshift("--expose-gc");
  if (opts.profile) execArgv.push("--cpu-prof", `--cpu-prof-dir=${resolve(opts.profile)}`);
  const child = spawnSync(
    process.execPath,
    [
      ...execArgv,
      join(here, "serve.ts"),
      "--db",
      dbPath,
      "--queries",
      queriesPath,
      ...(opts["sqlite-cache-mb"] ? ["--sqlite-cache-mb", opts["sqlite-cache-mb"]] : []),
    ],
    { stdio: ["ignore", "pipe", "inherit"], maxBuffer: 256 * 1024 * 1024, encoding: "utf8" },
  );
  if (child.status !== 0) throw new Error(`serve phase failed (exit ${child.status ?? child.signal})`);
  const serve = JSON.parse(child.stdout.trim().split("\n").pop() as string) as ServeResult;

  // ---- 5. PDF ingest over the real corpus, on one core, in a fresh process --------------------------
  progress("bench: PDF ingest (whole pipeline) over the real corpus, one core, fresh process");
  const pdf = benchPdfChild();

  // ---- 6. the plain FTS5 bigram baseline over the same projects and keywords -----------------------
  progress("bench: plain FTS5 bigram baseline (top 10 by bm25 + count) over the same keywords");
  const keywords = plan.project.map((q) => projectKeyword(q.text)).filter((k): k is string => k !== null);
  const baseline = ftsBaseline(dbPath, dir, keywords);

  // ---- 7. start-up of the compiled bot on the bundled data ---------------------------------------
  progress("bench: start-up (bot ask, npm start console) on data/ with dist/");
  const startup = await benchStartup(join(here, ".."), dir);
  if (!startup) progress("bench: dist/ missing, start-up not measured (run npm run build)");

  // ---- report -------------------------------------------------------------------------------------
  const report = {
    options: {
      departments: DEPARTMENTS,
      years: YEARS,
      seed: SEED,
      budget: N_BUDGET,
      project: N_PROJECT,
      detail: N_DETAIL,
      sqliteCacheMb: opts["sqlite-cache-mb"] === undefined ? null : Number(opts["sqlite-cache-mb"]),
    },
    machine: { node: process.version, cpus: availableParallelism(), cpusAllowed: cpusAllowed() },
    reused: opts.reuse,
    corpus: {
      files: files.length,
      textBytes,
      layouts: byTemplate,
      projects: counts.projects,
      documents: counts.docs,
      generateMs: tGen,
    },
    ingest: built?.ingest ?? null,
    database: { bytes: counts.bytes, ftsBytes: counts.ftsBytes },
    index: built?.index ?? null,
    serve,
    pdf,
    baseline,
    startup,
    targets: [
      ...issueTargets({
        serve,
        baseline,
        ingestDocsPerSecond: built?.ingest.docsPerSecond ?? null,
        databaseBytes: counts.bytes,
        textBytes,
        pdf,
        startup,
      }),
      {
        name: "index load (open + core + lexicon)",
        target: "< 1 s",
        measured: ms(serve.load.total),
        pass: serve.load.total < TARGETS.loadMs,
      },
      ...(pdf?.largest
        ? [
            {
              name: `largest PDF (${pdf.largest.pages} pages) whole pipeline, one core`,
              target: "< 2 s",
              measured: ms(pdf.largest.pipelineSeconds * 1000),
              pass: pdf.largest.pipelineSeconds < 2,
            },
          ]
        : []),
    ],
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${textReport(report)}\n`);
  if (!opts.json) process.stdout.write(`${await chartBenchReport(dbPath, gen.years[0] as number)}\n`);
} catch (err) {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  exitCode = 1;
} finally {
  if (opts.keep) progress(`bench: files kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

/** Phases 2 and 3: ingest every file into a fresh database, then build the FTS project index. */
async function ingestAndIndex(
  files: Array<{ path: string; file: string; dept: string; year: number; projects: number }>,
) {
  const memoryBefore = memory();
  const store = openSqliteStore(dbPath);
  const db = store.db;
  const perFile: number[] = [];
  const parseMs: number[] = [];
  const saveMs: number[] = [];
  const failures: string[] = [];
  let verified = 0;
  const t0 = performance.now();
  for (const [i, f] of files.entries()) {
    const ta = performance.now();
    const bytes = readFileSync(f.path);
    const tb = performance.now();
    let tc = tb;
    const o = await ingest(bytes, f.file, {}, store, { onRead: () => (tc = performance.now()) });
    const td = performance.now();
    if (o.kind === "stored") {
      parseMs.push(tc - tb);
      saveMs.push(td - tc);
      perFile.push(td - ta);
      const d = o.disclosure;
      if (d.department.name === f.dept && d.year === f.year && d.projects.length === f.projects) verified++;
    } else failures.push(`${f.file}: ${o.message}`);
    if ((i + 1) % Math.max(1, Math.floor(files.length / 10)) === 0) {
      progress(
        `bench: ingested ${i + 1}/${files.length} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
    }
  }
  const totalMs = performance.now() - t0;
  const memoryAfter = memory();
  progress("bench: building the FTS project index");
  const [rebuilt, buildMs] = timed(() => {
    rebuildProjectFts(db, projectDocs(db), storeFingerprint(db));
    return true;
  });
  const [, checkWhenCurrentMs] = timed(() => ensureProjectIndex(db));
  db.pragma("wal_checkpoint(TRUNCATE)");
  closeDb(db);
  return {
    ingest: {
      totalMs,
      perFile: summarize(perFile),
      parse: summarize(parseMs),
      save: summarize(saveMs),
      docsPerSecond: (perFile.length / totalMs) * 1000,
      verified,
      failures,
      memoryBefore,
      memoryAfter,
    },
    index: { buildMs, rebuilt, checkWhenCurrentMs },
  };
}

/** Documents, projects, highest project id and sizes of the database file. */
function storeCounts(): {
  docs: number;
  projects: number;
  maxId: number | null;
  bytes: number;
  ftsBytes: number | null;
} {
  const db = openDb(dbPath);
  try {
    const c = db
      .prepare(
        "SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM projects) AS projects, (SELECT max(id) FROM projects) AS maxId",
      )
      .get() as { docs: number; projects: number; maxId: number | null };
    let ftsBytes: number | null = null;
    try {
      ftsBytes = (
        db.prepare("SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'project_fts%'").get() as {
          n: number;
        }
      ).n;
    } catch {
      ftsBytes = null; // dbstat not compiled in
    }
    db.pragma("wal_checkpoint(TRUNCATE)");
    const wal = existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0;
    return { ...c, bytes: statSync(dbPath).size + wal, ftsBytes };
  } finally {
    closeDb(db);
  }
}

/** The CPUs this process may run on (from /proc; null elsewhere). */
/** Run bench/pdf.ts in a fresh process pinned to one core (taskset when available); null on failure. */
function benchPdfChild(): PdfBenchResult | null {
  const script = [...process.execArgv, join(here, "pdf.ts"), "--json"];
  const pinned = spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
  const child = pinned
    ? spawnSync("taskset", ["-c", "0", process.execPath, ...script], {
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
      })
    : spawnSync(process.execPath, script, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (child.status !== 0) return null;
  const result = JSON.parse(child.stdout.trim().split("\n").pop() as string) as PdfBenchResult;
  return result.files.length > 0 ? result : null;
}

function cpusAllowed(): string | null {
  try {
    return /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? null;
  } catch {
    return null;
  }
}

function memLine(m: Memory): string {
  return `rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)}${m.afterGc ? "" : " (no --expose-gc: includes garbage)"}`;
}

function latencyRows(
  label: string,
  g: { dispatch: Summary; cpu?: Summary; byCategory?: Record<string, Summary> },
): string[][] {
  const row = (l: string, x: Summary, cpu?: Summary) => [
    l,
    String(x.n),
    ms(x.p50),
    ms(x.p90),
    ms(x.p99),
    ms(x.max),
    cpu ? ms(cpu.p99) : "",
  ];
  const rows = [row(label, g.dispatch, g.cpu)];
  for (const [cat, x] of Object.entries(g.byCategory ?? {}).sort((a, b) => b[1].n - a[1].n))
    rows.push(row(`  ${cat}`, x));
  return rows;
}

function probeLine(label: string, g: GroupResult): string {
  const parts = Object.entries(g.probes).map(
    ([p, v]) => `${p} ${ms(v.mean)} mean / ${ms(v.p99)} p99 (${v.calls} calls)`,
  );
  return `  ${label}: ${parts.join("; ") || "–"}`;
}

/** The machine-readable report (what --json prints). */
type Report = {
  options: { departments: number; years: number; seed: number };
  machine: { node: string; cpus: number; cpusAllowed: string | null };
  reused: boolean;
  corpus: {
    files: number;
    textBytes: number;
    layouts: Record<string, number>;
    projects: number;
    documents: number;
    generateMs: number;
  };
  ingest: Awaited<ReturnType<typeof ingestAndIndex>>["ingest"] | null;
  database: { bytes: number; ftsBytes: number | null };
  index: Awaited<ReturnType<typeof ingestAndIndex>>["index"] | null;
  serve: ServeResult;
  pdf: PdfBenchResult | null;
  baseline: ReturnType<typeof ftsBaseline>;
  startup: Awaited<ReturnType<typeof benchStartup>>;
  targets: Target[];
};

function textReport(r: Report): string {
  const s = r.serve;
  const out: string[] = [];
  out.push(
    `budget-bot bench: ${r.options.departments} departments × ${r.options.years} years (seed ${r.options.seed}); node ${r.machine.node}, ${r.machine.cpus} CPUs, allowed ${r.machine.cpusAllowed ?? "?"}`,
  );
  out.push("");
  if (r.reused) {
    out.push(
      `corpus    reused an earlier run's database: ${r.corpus.documents} documents, ${r.corpus.projects.toLocaleString("en")} projects`,
    );
  } else {
    out.push(
      `corpus    ${r.corpus.files} files, ${mb(r.corpus.textBytes)} text, ${r.corpus.projects.toLocaleString("en")} projects; ${Object.entries(
        r.corpus.layouts,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}; written in ${ms(r.corpus.generateMs)}`,
    );
  }
  const ing = r.ingest;
  if (ing) {
    out.push(
      `ingest    ${ms(ing.totalMs)} total, ${ing.docsPerSecond.toFixed(1)} documents/s; per file mean ${ms(ing.perFile.mean)}, p50 ${ms(ing.perFile.p50)}, p99 ${ms(ing.perFile.p99)}, max ${ms(ing.perFile.max)}`,
    );
    out.push(
      `          parse mean ${ms(ing.parse.mean)} (p99 ${ms(ing.parse.p99)}), save mean ${ms(ing.save.mean)} (p99 ${ms(ing.save.p99)}); stored ${r.corpus.documents}, parsed as generated ${ing.verified}/${r.corpus.files}, failed ${ing.failures.length}`,
    );
    for (const f of ing.failures.slice(0, 5)) out.push(`          ✗ ${f}`);
  }
  out.push(
    `database  ${mb(r.database.bytes)}${r.database.ftsBytes !== null ? ` (FTS project index ${mb(r.database.ftsBytes)})` : ""}`,
  );
  if (r.index) {
    out.push(
      `index     build ${ms(r.index.buildMs)} (full rebuild${r.index.rebuilt ? "" : " skipped"}); check when current ${ms(r.index.checkWhenCurrentMs)}`,
    );
  }
  out.push(
    `load      openDb ${ms(s.load.openDb)} + createCore ${ms(s.load.createCore)} + lexicon ${ms(s.load.lexicon)} = ${ms(s.load.total)}${s.load.indexRebuiltAtLoad ? " (index was REBUILT at load)" : " (index current)"}; first /budget ${ms(s.load.firstBudget)}, first /project ${ms(s.load.firstProject)}`,
  );
  if (ing)
    out.push(
      `memory    ingest process: before ${memLine(ing.memoryBefore)}; after ingest ${memLine(ing.memoryAfter)}`,
    );
  out.push(`memory    bot process: start ${memLine(s.memory.start)}`);
  out.push(`          after opening the core: ${memLine(s.memory.afterCore)}`);
  out.push(`          after all queries: ${memLine(s.memory.afterQueries)}`);
  out.push("");
  out.push(
    table([
      ["latency (dispatch, wall)", "n", "p50", "p90", "p99", "max", "p99 cpu"],
      ...latencyRows("/budget", s.budget),
      ...latencyRows("/project <keyword>", s.project),
      ...latencyRows("/project #id", s.detail),
      ["render (per reply, wall)", "", "", "", "", "", ""],
      ...latencyRows("  renderText", { dispatch: s.render.text }),
      ...latencyRows("  renderSlack", { dispatch: s.render.slack }),
      ...latencyRows("  renderTelegram", { dispatch: s.render.telegram }),
    ]),
  );
  const kinds = (g: GroupResult) =>
    Object.entries(g.kinds)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  out.push(`reply kinds: /budget ${kinds(s.budget)}; /project ${kinds(s.project)}; #id ${kinds(s.detail)}`);
  out.push("");
  out.push("where the time goes (per invocation):");
  out.push(probeLine("/budget", s.budget));
  out.push(probeLine("/project", s.project));
  out.push(probeLine("/project #id", s.detail));
  out.push("slowest:");
  for (const x of [...s.budget.slowest.slice(0, 4), ...s.project.slowest.slice(0, 4)]) {
    const p = Object.entries(x.probes)
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(", ");
    out.push(`  ${ms(x.ms).padStart(9)}  ${x.text}  [${x.kind}${p ? `; ${p}` : ""}]`);
  }
  if (s.internalErrors.length) {
    out.push("internal errors (should be none):");
    for (const e of s.internalErrors) out.push(`  ${e}`);
  }
  out.push("");
  if (r.pdf) {
    const p = r.pdf;
    out.push(
      `PDF ingest (real corpus, one core): ${p.files.length} files, ${p.pages} pages; reader ${(p.pages / p.readerSeconds).toFixed(1)} pages/s, whole pipeline ${(p.pages / p.pipelineSeconds).toFixed(1)} pages/s; peak RSS ${p.peakRssMb.toFixed(0)} MB`,
    );
    out.push("");
  } else out.push("PDF ingest: not measured (no corpus PDFs found or the child failed)", "");
  const b = r.baseline;
  out.push(
    `baseline  plain FTS5 bigram table (${b.projects.toLocaleString("en")} projects, built in ${ms(b.buildMs)}): top 10 by bm25 + count, ${b.query.n} keywords: p50 ${ms(b.query.p50)}, p99 ${ms(b.query.p99)}`,
  );
  if (r.startup)
    out.push(
      `start-up  dist/, bundled data, median of ${r.startup.runs}: bot ask ${ms(r.startup.askMs)}; console answers its first line after ${ms(r.startup.consoleReadyMs)}`,
    );
  else out.push("start-up  not measured: dist/ missing (npm run build)");
  out.push("");
  out.push(
    table([
      ["target", "goal", "measured", ""],
      ...r.targets.map((t) => [t.name, t.target, t.measured, verdict(t)]),
    ]),
  );
  return out.join("\n");
}
