/**
 * Coverage of the corpus truth: `npx tsx scripts/coverage.ts [--verbose] [--json] [file filter]`.
 *
 * For each PDF in test/fixtures/corpus-truth.json: ingest it alone into a temporary SQLite through
 * the real pipeline (ingest/pipeline.ts, through the CLI's ingestFile), ask `/budget <单位> <年度> <topic>` through the real
 * dispatcher for the headline topics, and count the truth figures the answers show:
 * - 原样+页码 (the measure): the figure's printed text appears in an answer to its topic, and that
 *   answer cites one of the pages the figure is printed on (`第N页`);
 * - 数值: the same exact amount appears in any form (printed, without separators, or converted
 *   exactly to 万元), page or not — to tell a display difference from a figure not read at all.
 * A file that does not ingest counts 0 % and says why.
 *
 * `--models` (development, until the PDF reader is on main): instead of the PDF, parse the file's
 * document-model fixture (test/fixtures/corpus-models: the PDF reader's output, placed by page)
 * with the ingest parser, as a real ingest parses the model it reads, giving it the truth file's
 * department and year. Files without a fixture (narrative only) say so.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createCore } from "../src/app.js";
import { ingestFile } from "../src/cli/ingest.js";
import { exactWanDecimals, formatWan, parseAmount } from "../src/domain/money.js";
import type { Disclosure, MoneyUnit } from "../src/domain/types.js";
import type { GivenFacts } from "../src/ingest/pipeline.js";
import { silentLogger } from "../src/lifecycle/log.js";
import { renderText } from "../src/render/index.js";
import type { Store } from "../src/store/ports.js";
import { openSqliteStore } from "../src/store/sqlite/store.js";

const ROOT = join(import.meta.dirname, "..");
const CORPUS =
  process.env.CORPUS_DIR ??
  [join(ROOT, "../shared/corpus"), join(ROOT, "../../shared/corpus")].find((d) => existsSync(d)) ??
  join(ROOT, "../shared/corpus");
const TRUTH = join(ROOT, "test/fixtures/corpus-truth.json");
/** Real files measured only: no reader rule was written for them (issue 17). */
const MEASURED = join(ROOT, "test/fixtures/corpus-truth-measured.json");

/** Whether the readers were built on a file or it is only measured. */
export type TruthGroup = "built" | "measured";

/** Every truth file with its group: corpus-truth.json is built-on, corpus-truth-measured.json measured-only. */
export function truthFiles(): Array<TruthFile & { group: TruthGroup }> {
  const read = (path: string, group: TruthGroup) =>
    existsSync(path)
      ? (JSON.parse(readFileSync(path, "utf8")) as { files: TruthFile[] }).files.map((f) => ({ ...f, group }))
      : [];
  return [...read(TRUTH, "built"), ...read(MEASURED, "measured")];
}

/** One figure of the truth file. */
export interface TruthFigure {
  topic: string;
  label: string;
  code: string | null;
  text: string;
  unit: MoneyUnit;
  pages: number[];
  /** For a text file: the lines the figure is printed on (answers cite `第N行`). */
  lines?: number[];
  from: "table" | "narrative";
  table?: string;
  sentence?: string;
  checkedOnImage: boolean;
}

/** One file of the truth file. */
export interface TruthFile {
  file: string;
  /** A file outside the corpus folder, relative to the project (measured-only text fixtures). */
  path?: string;
  department: string;
  year: number;
  kind: string;
  holds: string;
  units: MoneyUnit[];
  figures: TruthFigure[];
  notApplicable: Array<{ topic: string; label: string; page: number; sentence: string }>;
  notes: string[];
}

/** The /budget topic words whose answers may show a figure of a truth topic ("" = overview). */
export function queriesFor(f: TruthFigure): string[] {
  switch (f.topic) {
    case "income.total":
    case "income.general":
      return ["", "收入"];
    case "expense.total":
    case "expense.general":
      return ["", "支出", "一般公共预算"];
    case "expense.basic":
      return ["", "基本支出"];
    case "expense.personnel":
      return ["人员经费", "基本支出"];
    case "expense.public":
      return ["公用经费", "基本支出"];
    case "expense.project":
      return ["", "项目支出"];
    case "expense.reserve":
      return ["单位预留机动经费", ""];
    case "function": {
      const name = f.label.replace(/[（(]类[)）]$/, "");
      return [name.endsWith("支出") ? name : `${name}支出`, "支出"];
    }
    case "operating_cost":
      return ["机关运行经费", ""];
    case "procurement.total":
      return ["政府采购", ""];
    default:
      return f.topic.startsWith("sangong.") ? ["三公", ""] : [""];
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `text` shows the amount `value` as a whole number (not part of a longer one). */
export function showsNumber(text: string, value: string): boolean {
  return new RegExp(`(?<![\\d.,])${escape(value)}(?![\\d]|[.,]\\d)`).test(text);
}

/** Every exact form of a figure an answer may show: as printed, without separators, in exact 万元. */
export function valueForms(f: TruthFigure): string[] {
  const forms = new Set([f.text, f.text.replace(/,/g, "")]);
  const fen = parseAmount(f.text, f.unit);
  if (fen !== null) forms.add(formatWan(fen, exactWanDecimals(fen)));
  return [...forms];
}

/** Every page an answer cites, including compact lists and ranges (`第15、16页`, `第20–23页`). */
export function citedPages(text: string): Set<number> {
  const pages = new Set<number>();
  for (const m of text.matchAll(/第([\d、–-]+)页/g)) {
    for (const part of (m[1] ?? "").split("、")) {
      const [a, b] = part.split(/[–-]/).map(Number);
      if (a === undefined || Number.isNaN(a)) continue;
      const end = b === undefined || Number.isNaN(b) ? a : b;
      for (let p = a; p <= end && p - a < 500; p++) pages.add(p);
    }
  }
  return pages;
}

/** Every text line an answer cites (`第14行`, `第14、15行`). */
export function citedLines(text: string): Set<number> {
  const lines = new Set<number>();
  for (const m of text.matchAll(/第([\d、]+)行/g)) for (const n of (m[1] ?? "").split("、")) if (n) lines.add(Number(n));
  return lines;
}

/** Result for one truth figure. */
export interface FigureResult {
  figure: TruthFigure;
  printedWithPage: boolean;
  value: boolean;
}

/** Result for one file. */
export interface FileResult {
  file: string;
  ingested: boolean;
  message: string | null;
  figures: FigureResult[];
}

/** Judge one figure against the answers of its topics. */
export function judge(f: TruthFigure, answers: Map<string, string>): FigureResult {
  const texts = queriesFor(f).map((q) => answers.get(q) ?? "");
  const cites = (t: string) => {
    const pages = citedPages(t);
    const lines = citedLines(t);
    return f.pages.some((p) => pages.has(p)) || (f.lines ?? []).some((l) => lines.has(l));
  };
  return {
    figure: f,
    printedWithPage: texts.some((t) => showsNumber(t, f.text) && cites(t)),
    value: texts.some((t) => valueForms(f).some((v) => showsNumber(t, v))),
  };
}

/** What measuring needs of an ingest: the stored Disclosure, or why nothing was stored. */
type Outcome = { stored: Disclosure } | { stored: null; message: string };

/** The outcome of the real pipeline, in the terms measuring needs. */
async function ingestPath(store: Store, path: string, given: GivenFacts): Promise<Outcome> {
  const o = await ingestFile(store, path, given);
  return o.kind === "stored" ? { stored: o.disclosure } : { stored: null, message: o.message };
}

/** Development ingest of a corpus model fixture through the parser (see --models). */
async function ingestModel(store: Store, truth: TruthFile): Promise<Outcome> {
  const name = truth.file.replace(/\.pdf$/, "");
  if (!existsSync(join(ROOT, `test/fixtures/corpus-models/${name}.json`))) {
    return { stored: null, message: "没有文档模型样本（仅情况说明的文件）" };
  }
  const { fixtureModel } = await import("../test/helpers/model-blocks.js");
  const { parseDisclosure } = await import("../src/ingest/parse.js");
  const { storeDisclosure } = await import("../src/ingest/store-disclosure.js");
  let disclosure: Disclosure;
  try {
    disclosure = parseDisclosure(fixtureModel(name), truth.file, {
      department: truth.department,
      year: truth.year,
    });
  } catch (err) {
    return { stored: null, message: err instanceof Error ? err.message : String(err) };
  }
  await storeDisclosure(store, disclosure);
  return { stored: disclosure };
}

async function measureFile(truth: TruthFile, models: boolean): Promise<FileResult> {
  const dir = mkdtempSync(join(tmpdir(), "budget-coverage-"));
  const store = openSqliteStore(join(dir, "budget.db"));
  try {
    const path = truth.path ? join(ROOT, truth.path) : join(CORPUS, truth.file);
    let outcome = models ? await ingestModel(store, truth) : await ingestPath(store, path, {});
    let message: string | null = null;
    if (outcome.stored && (!outcome.stored.department.name || !outcome.stored.year)) {
      message = "文件未读出单位或年度，按真值文件指定后导入";
      outcome = await ingestPath(store, path, { department: truth.department, year: truth.year });
    }
    if (!outcome.stored) {
      return { file: truth.file, ingested: false, message: outcome.message, figures: [] };
    }
    const department = outcome.stored.department.name ?? truth.department;
    if (department !== truth.department) message = `读出的单位为“${department}”`;
    const core = createCore({ store, log: silentLogger });
    const answers = new Map<string, string>();
    const words = new Set(truth.figures.flatMap(queriesFor));
    for (const w of words) {
      const line = `/budget ${department} ${truth.year}${w ? ` ${w}` : ""}`;
      const reply = await core.dispatcher.dispatch({
        text: line,
        platform: "console",
        userId: "coverage",
        chatId: "coverage",
      });
      answers.set(w, renderText(reply));
    }
    return { file: truth.file, ingested: true, message, figures: truth.figures.map((f) => judge(f, answers)) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes("--verbose");
  const asJson = args.includes("--json");
  const filter = args.find((a) => !a.startsWith("--"));
  const truth = { files: truthFiles() };
  const results: Array<FileResult & { group: TruthGroup }> = [];
  for (const t of truth.files) {
    if (filter && !t.file.includes(filter)) continue;
    results.push({ ...(await measureFile(t, args.includes("--models"))), group: t.group });
  }
  if (asJson) {
    console.log(JSON.stringify(results, null, 1));
    return;
  }
  let all = 0;
  let good = 0;
  const byGroup: Record<TruthGroup, { all: number; good: number; value: number }> = {
    built: { all: 0, good: 0, value: 0 },
    measured: { all: 0, good: 0, value: 0 },
  };
  for (const r of results) {
    const n = truthCount(truth.files, r.file);
    const ok = r.figures.filter((f) => f.printedWithPage).length;
    const value = r.figures.filter((f) => f.value).length;
    all += n;
    good += ok;
    byGroup[r.group].all += n;
    byGroup[r.group].good += ok;
    byGroup[r.group].value += value;
    const note = r.ingested ? (r.message ?? "") : `未导入：${r.message}`;
    console.log(`${pct(ok, n).padStart(6)}  数值 ${pct(value, n).padStart(6)}  ${ok}/${n}  ${r.file}  ${note}`);
    if (verbose) {
      for (const f of r.figures.filter((x) => !x.printedWithPage)) {
        const g = f.figure;
        console.log(
          `          缺 ${g.topic} ${g.label} ${g.text}${g.unit} 第${g.pages.join("/")}页${f.value ? "（数值已显示）" : ""}`,
        );
      }
    }
  }
  for (const [group, g] of Object.entries(byGroup)) {
    if (g.all === 0) continue;
    const name = group === "built" ? "据以编写的文件" : "仅测量的文件";
    console.log(`${pct(g.good, g.all).padStart(6)}  数值 ${pct(g.value, g.all).padStart(6)}  ${name} ${g.good}/${g.all}`);
  }
  console.log(`${pct(good, all).padStart(6)}  合计 ${good}/${all}`);
}

function truthCount(files: TruthFile[], file: string): number {
  return files.find((f) => f.file === file)?.figures.length ?? 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
