/**
 * The chat lines the benchmark sends: /budget with department fragments, years and topics in the
 * forms people type, and /project with 2–6 character keywords cut from real project names,
 * some narrowed by department and/or year. Deterministic for a given seed.
 */
import { type Rand, rand, type SynthDepartment } from "./corpus.js";

/** One chat line with the category it exercises (for the per-category breakdown). */
export interface Query {
  text: string;
  cat: string;
}

/** What the query generator needs to know about the corpus. */
export interface CorpusFacts {
  departments: SynthDepartment[];
  years: number[];
  /** Project names per department (all years), as stored. */
  projectNames: Map<number, string[]>;
  subjects: string[];
  /** Highest stored project id (for /project #id). */
  maxProjectId: number;
}

/** The lines of one run: warm-up first, then the measured ones. */
export interface QueryPlan {
  warmup: Query[];
  budget: Query[];
  project: Query[];
  detail: Query[];
}

const TOPICS: Array<[number, string, string[]]> = [
  [20, "overview", [""]],
  [12, "三公", ["三公", "三公经费"]],
  [9, "收入", ["收入"]],
  [9, "支出", ["支出", "功能分类"]],
  [8, "基本支出", ["基本支出", "人员经费"]],
  [8, "项目", ["项目", "项目支出"]],
  [8, "政府采购", ["政府采购", "采购"]],
  [6, "资产", ["资产", "固定资产"]],
  [4, "机关运行经费", ["机关运行经费"]],
  [4, "三公细项", ["出国", "公车", "接待"]],
  [12, "科目", []],
];

/** A fragment a person would type for a department. */
function fragment(d: SynthDepartment, r: Rand): string {
  const u = r.next();
  if (u < 0.4) return d.short;
  if (u < 0.6) return d.place;
  if (u < 0.82) return d.name;
  if (u < 0.9) return d.name.slice(d.region.length);
  if (u < 0.95) return d.code;
  // A near miss: one character of the place changed (asks back with suggestions).
  return `${d.place[0]}${"湾岭堡屯"[r.int(0, 3)]}${d.short.slice(2)}`;
}

function weighted<T>(items: Array<[number, ...unknown[]]>, r: Rand): T {
  const total = items.reduce((s, i) => s + i[0], 0);
  let u = r.next() * total;
  for (const i of items) {
    u -= i[0];
    if (u < 0) return i as unknown as T;
  }
  return items[items.length - 1] as unknown as T;
}

/** One /budget line. */
function budgetLine(f: CorpusFacts, r: Rand): Query {
  const d = r.pick(f.departments);
  const [, cat, words] = weighted<[number, string, string[]]>(TOPICS, r);
  const topic = cat === "科目" ? r.pick(f.subjects) : r.pick(words);
  const y = r.next();
  const year =
    y < 0.5
      ? String(r.pick(f.years))
      : y < 0.55
        ? `${r.pick(f.years)}年`
        : y < 0.6
          ? String(Math.max(...f.years) + 1)
          : "";
  const dept = fragment(d, r);
  const parts = cat !== "科目" && topic !== "" && r.next() < 0.2 ? [topic, dept, year] : [dept, year, topic];
  return { text: `/budget ${parts.filter(Boolean).join(" ")}`, cat };
}

/** A 2–6 character piece of a Han run of a project name. */
function keyword(name: string, r: Rand): string | null {
  const runs = (name.match(/\p{Script=Han}{2,}/gu) ?? []) as string[];
  if (runs.length === 0) return null;
  const run = r.pick(runs);
  const len = r.int(2, Math.min(6, run.length));
  const at = r.int(0, run.length - len);
  return run.slice(at, at + len);
}

/** One /project line. */
function projectLine(f: CorpusFacts, r: Rand): Query {
  for (;;) {
    const d = r.pick(f.departments);
    const names = f.projectNames.get(d.index) ?? [];
    if (names.length === 0) continue;
    const kw = keyword(r.pick(names), r);
    if (!kw) continue;
    const u = r.next();
    if (u < 0.65) return { text: `/project ${kw}`, cat: "keyword" };
    if (u < 0.8) return { text: `/project ${kw} ${d.short}`, cat: "keyword+单位" };
    if (u < 0.92) return { text: `/project ${kw} ${r.pick(f.years)}`, cat: "keyword+年度" };
    return { text: `/project ${kw} ${d.short} ${r.pick(f.years)}`, cat: "keyword+单位+年度" };
  }
}

/** Builds the lines of one run. */
export function makeQueries(
  f: CorpusFacts,
  seed: number,
  counts: { warmup: number; budget: number; project: number; detail: number },
): QueryPlan {
  const r = rand(seed);
  const warmup: Query[] = [];
  for (let i = 0; i < counts.warmup; i++) warmup.push(i % 2 === 0 ? budgetLine(f, r) : projectLine(f, r));
  const budget = Array.from({ length: counts.budget }, () => budgetLine(f, r));
  const project = Array.from({ length: counts.project }, () => projectLine(f, r));
  const detail = Array.from({ length: counts.detail }, () => ({
    text: `/project #${r.int(1, Math.max(1, f.maxProjectId))}`,
    cat: "#编号",
  }));
  return { warmup, budget, project, detail };
}
