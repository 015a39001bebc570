/**
 * Second phase of the benchmark, run by bench/run.ts in a fresh process (so that load time and
 * memory are those of a bot starting on an existing database): open the database, build the core
 * exactly as `bot ask` and `npm start` do, then send the planned chat lines through the real
 * dispatcher and time each one, its rendering, and the catalog calls it made.
 *
 *   node --expose-gc --import tsx bench/serve.ts --db bench.db --queries queries.json [--sqlite-cache-mb N]
 *
 * --sqlite-cache-mb N  an experiment: PRAGMA cache_size of N MB on the bot's connection (the bot
 *                      itself runs with SQLite's default of 2 MB).
 *
 * Prints one JSON object (ServeResult) on stdout.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { renderSlack } from "../src/adapters/slack/render.js";
import { renderTelegram } from "../src/adapters/telegram/render.js";
import { createCore } from "../src/app.js";
import type { Logger } from "../src/commands/dispatch.js";
import { renderText } from "../src/render/index.js";
import type { Reply } from "../src/reply/reply.js";
import { closeDb, openDb } from "../src/store/sqlite/db.js";
import { projectFtsFingerprint } from "../src/store/sqlite/project-fts.js";
import { openSqliteStore } from "../src/store/sqlite/store.js";
import type { Query, QueryPlan } from "./queries.js";
import { type Memory, memory, type Summary, summarize, timed } from "./stats.js";

/** Catalog and service calls timed inside each dispatch. */
const PROBES = ["disclosure", "findings", "searchProjects", "project", "procurementFor", "resolve"] as const;
type Probe = (typeof PROBES)[number];

/** One measured invocation. */
export interface Sample {
  text: string;
  cat: string;
  ms: number;
  /** CPU time of this process during the invocation (user + system), less sensitive to other load. */
  cpu: number;
  kind: string;
  /** Milliseconds spent in each probe during this invocation. */
  probes: Partial<Record<Probe, number>>;
}

/** Timings of one group of invocations. */
export interface GroupResult {
  dispatch: Summary;
  cpu: Summary;
  /** Reply kinds (answer, error, …) and how many. */
  kinds: Record<string, number>;
  byCategory: Record<string, Summary>;
  /** Mean and p99 per probe, over all invocations of the group. */
  probes: Record<string, { mean: number; p99: number; calls: number }>;
  slowest: Sample[];
}

/** What the serve phase reports. */
export interface ServeResult {
  load: {
    openDb: number;
    createCore: number;
    lexicon: number;
    total: number;
    indexRebuiltAtLoad: boolean;
    firstBudget: number;
    firstProject: number;
  };
  memory: { start: Memory; afterCore: Memory; afterQueries: Memory };
  budget: GroupResult;
  project: GroupResult;
  detail: GroupResult;
  render: Record<"text" | "slack" | "telegram", Summary>;
  internalErrors: string[];
}

const { values } = parseArgs({
  options: { db: { type: "string" }, queries: { type: "string" }, "sqlite-cache-mb": { type: "string" } },
});
if (!values.db || !values.queries) throw new Error("usage: serve.ts --db FILE --queries FILE");
const plan = JSON.parse(readFileSync(values.queries, "utf8")) as QueryPlan;

const internalErrors: string[] = [];
const log: Logger = {
  info: () => {},
  error: (msg, extra) => {
    if (internalErrors.length < 5) internalErrors.push(`${msg} ${JSON.stringify(extra)}`.slice(0, 2000));
  },
};

// ---- load: what a restart costs -------------------------------------------------------------
const start = memory();
const cacheMb = values["sqlite-cache-mb"] === undefined ? null : Number(values["sqlite-cache-mb"]);
// Opening the store checks the project index (and rebuilds it when the file was written without it).
const fpBefore = (() => {
  const peek = openDb(values.db as string);
  const fp = projectFtsFingerprint(peek);
  closeDb(peek);
  return fp;
})();
const [store, tOpen] = timed(() => {
  const opened = openSqliteStore(values.db as string);
  if (cacheMb !== null) opened.db.pragma(`cache_size = ${-Math.round(cacheMb * 1024)}`);
  return opened;
});
const db = store.db;
const t0Core = performance.now();
const core = createCore({ store, log });
await core.fresh();
const tCore = performance.now() - t0Core;
const [lexicon, tLex] = timed(() => core.services.lexicon());
const indexRebuiltAtLoad = projectFtsFingerprint(db) !== fpBefore;
const afterCore = memory();

// ---- probes: time spent in catalog calls, per invocation -------------------------------------
const spent: Record<Probe, number> = Object.fromEntries(PROBES.map((p) => [p, 0])) as Record<Probe, number>;
const calls: Record<Probe, number> = Object.fromEntries(PROBES.map((p) => [p, 0])) as Record<Probe, number>;
let depth = 0;
/** Replaces obj[key] with a timed wrapper; nested probe calls count only in the outermost one. */
function probe<T extends object>(obj: T, key: keyof T & string, name: Probe): void {
  const orig = (obj[key] as unknown as (...a: unknown[]) => unknown).bind(obj);
  (obj as Record<string, unknown>)[key] = (...args: unknown[]) => {
    if (depth > 0) return orig(...args);
    depth++;
    calls[name]++;
    const t = performance.now();
    const done = () => {
      spent[name] += performance.now() - t;
      depth--;
    };
    let result: unknown;
    try {
      result = orig(...args);
    } catch (err) {
      done();
      throw err;
    }
    // The store's ports are Promise-based: the time is counted until the call settles.
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
  };
}
probe(core.catalog, "disclosure", "disclosure");
probe(core.catalog, "searchProjectIds", "searchProjects");
probe(core.catalog, "projectsByIds", "project");
probe(core.catalog, "project", "project");
probe(core.catalog, "procurementFor", "procurementFor");
probe(core.services, "findings", "findings");
probe(lexicon, "resolve", "resolve");

async function send(q: Query): Promise<{ sample: Sample; reply: Reply }> {
  const before = { ...spent };
  const c0 = process.cpuUsage();
  const t = performance.now();
  const reply = await core.dispatcher.dispatch({
    text: q.text,
    platform: "cli",
    userId: "bench",
    chatId: "bench",
  });
  const ms = performance.now() - t;
  const c = process.cpuUsage(c0);
  const probes: Sample["probes"] = {};
  for (const p of PROBES) if (spent[p] !== before[p]) probes[p] = spent[p] - before[p];
  const cpu = (c.user + c.system) / 1000;
  return { sample: { text: q.text, cat: q.cat, ms, cpu, kind: reply.kind ?? "answer", probes }, reply };
}

// ---- warm-up (first calls timed: cold statement and page caches, lazy fuzzy index) -------------
let firstBudget = Number.NaN;
let firstProject = Number.NaN;
for (const q of plan.warmup) {
  const { sample } = await send(q);
  if (q.text.startsWith("/budget") && Number.isNaN(firstBudget)) firstBudget = sample.ms;
  if (q.text.startsWith("/project") && Number.isNaN(firstProject)) firstProject = sample.ms;
}

// ---- measured runs --------------------------------------------------------------------------
const renders = { text: [] as number[], slack: [] as number[], telegram: [] as number[] };

async function group(queries: Query[]): Promise<GroupResult> {
  const samples: Sample[] = [];
  for (const q of queries) {
    const { sample, reply } = await send(q);
    samples.push(sample);
    renders.text.push(timed(() => renderText(reply))[1]);
    renders.slack.push(timed(() => renderSlack(reply))[1]);
    renders.telegram.push(timed(() => renderTelegram(reply))[1]);
  }
  const kinds: Record<string, number> = {};
  const cats = new Map<string, number[]>();
  for (const s of samples) {
    kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
    cats.set(s.cat, [...(cats.get(s.cat) ?? []), s.ms]);
  }
  const probes: GroupResult["probes"] = {};
  for (const p of PROBES) {
    const xs = samples.map((s) => s.probes[p] ?? 0);
    const n = samples.filter((s) => s.probes[p] !== undefined).length;
    if (n > 0)
      probes[p] = { mean: xs.reduce((a, b) => a + b, 0) / xs.length, p99: summarize(xs).p99, calls: n };
  }
  return {
    dispatch: summarize(samples.map((s) => s.ms)),
    cpu: summarize(samples.map((s) => s.cpu)),
    kinds,
    byCategory: Object.fromEntries([...cats].map(([c, xs]) => [c, summarize(xs)])),
    probes,
    slowest: [...samples].sort((a, b) => b.ms - a.ms).slice(0, 8),
  };
}

const budget = await group(plan.budget);
const project = await group(plan.project);
const detail = await group(plan.detail);
const afterQueries = memory();
await store.close();

const result: ServeResult = {
  load: {
    openDb: tOpen,
    createCore: tCore,
    lexicon: tLex,
    total: tOpen + tCore + tLex,
    indexRebuiltAtLoad,
    firstBudget,
    firstProject,
  },
  memory: { start, afterCore, afterQueries },
  budget,
  project,
  detail,
  render: {
    text: summarize(renders.text),
    slack: summarize(renders.slack),
    telegram: summarize(renders.telegram),
  },
  internalErrors,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
