/**
 * `bot ingest <files or folders…>`: read disclosure files (PDF, Excel, Word, web pages, text —
 * recognised by content) and hand each file's bytes to the ingest pipeline (ingest/pipeline.ts),
 * one transaction per file. A file that cannot be read or is not a disclosure is reported with the
 * reason and changes nothing; the others still go in. The same bytes under another file name are
 * not stored twice. The exit code comes from the refusals' typed reasons (EXIT_CODE_OF).
 */

import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type {
  GivenFacts,
  IngestOutcome,
  IngestStore,
  RefusalReason,
  StoredOutcome,
} from "../ingest/pipeline.js";
import { unknownDepartmentName } from "../domain/department-identity.js";
import { openStore, resolveDbPath } from "../store/open.js";
import type { SaveStatus, Store } from "../store/ports.js";
import { parseCliArgs, parseYear, stringFlag } from "./args.js";
import { readSidecar, SidecarError } from "./sidecar.js";
import { type CliCommand, type CliIO, CliUsageError } from "./types.js";

/** How many warnings per file are printed unless --verbose. */
const MAX_WARNINGS_SHOWN = 10;

const STATUS_LABEL: Record<SaveStatus, string> = { added: "新增", replaced: "更新", unchanged: "未变化" };

/** An input path that could not be expanded (missing, unreadable). */
export interface InputProblem {
  path: string;
  message: string;
}

/** The first bytes of a file (SQLite databases, PDF/Office containers), without reading it whole. */
function headOf(path: string, n = 16): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * True for files a folder walk leaves alone: dotfiles, sidecars and other JSON, SQLite databases
 * and their journals (the bot's own files often sit next to the documents).
 */
function skippedInFolder(name: string, path: string): boolean {
  if (name.startsWith(".")) return true;
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return true;
  if (/\.(?:db|sqlite3?)(?:-wal|-shm|-journal)?$/.test(lower)) return true;
  try {
    return headOf(path).toString("latin1").startsWith("SQLite format 3");
  } catch {
    return false;
  }
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every file under a folder, recursively, in name order (folders and files interleaved by name). */
function walk(dir: string, add: (p: string) => void): void {
  for (const name of readdirSync(dir).sort(byName)) {
    const p = join(dir, name);
    if (name.startsWith(".")) continue;
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(p, add);
    else if (st.isFile() && !skippedInFolder(name, p)) add(p);
  }
}

/**
 * Expand files and folders into the files to ingest: a folder gives every file under it,
 * recursively and sorted by name, except dotfiles, JSON (sidecars) and SQLite files; a file is
 * taken as named. Duplicates are dropped. Whether a file is readable is decided by its content.
 */
export function expandInputs(inputs: string[], cwd: string): { files: string[]; problems: InputProblem[] } {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    files.push(p);
  };
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      problems.push({ path: input, message: "文件或文件夹不存在" });
      continue;
    }
    if (st.isDirectory()) walk(abs, add);
    else add(abs);
  }
  return { files, problems };
}

/** Refusals the CLI makes itself, before the pipeline has the file's bytes. */
export type CliRefusalReason = "sidecar" | "file-unreadable";

/** The outcome of one path: the pipeline's, or a refusal the CLI made before reading it. */
export type FileOutcome =
  | IngestOutcome
  | { kind: "refused"; file: string; reason: CliRefusalReason; message: string };

/** The exit code each refusal gives the run (the highest wins; 0 when every file went in). */
export const EXIT_CODE_OF: Record<RefusalReason | CliRefusalReason, number> = {
  "too-large": 1,
  empty: 1,
  "unsupported-format": 1,
  encrypted: 1,
  unreadable: 1,
  timeout: 1,
  "needs-ocr": 1,
  "cut-short": 1,
  "not-a-disclosure": 1,
  "incomplete-copy": 1,
  "store-failed": 1,
  "reader-failed": 1,
  sidecar: 1,
  "file-unreadable": 1,
};

/** The exit code of a run: from the reasons of its refusals, 1 when an input path was missing. */
export function exitCodeOf(outcomes: FileOutcome[], problems: InputProblem[]): number {
  let code = problems.length > 0 ? 1 : 0;
  for (const o of outcomes) if (o.kind === "refused") code = Math.max(code, EXIT_CODE_OF[o.reason]);
  return code;
}

/**
 * Read one file and hand its bytes to the ingest pipeline; never throws for per-file problems.
 * Flags win over the file's sidecar. `store` is opened only once a file parsed, so a run of
 * unreadable files does not even create the database.
 */
export async function ingestFile(store: IngestStore, path: string, flags: GivenFacts): Promise<FileOutcome> {
  const file = basename(path);
  let given: GivenFacts;
  try {
    given = { ...readSidecar(path), ...flags };
  } catch (err) {
    if (err instanceof SidecarError)
      return { kind: "refused", file, reason: "sidecar", message: `附带的说明文件有误：${err.message}` };
    throw err;
  }
  // Imported lazily so that `export` and other subcommands never load the parsers.
  const { ingest, sizeRefusal } = await import("../ingest/pipeline.js");
  let bytes: Uint8Array;
  try {
    // Refused by its size before it is read (the pipeline checks the bytes again).
    const tooLarge = sizeRefusal(file, statSync(path).size, headOf(path));
    if (tooLarge) return tooLarge;
    bytes = readFileSync(path);
  } catch (err) {
    return {
      kind: "refused",
      file,
      reason: "file-unreadable",
      message: `无法读取文件（${err instanceof Error ? err.message : String(err)}）`,
    };
  }
  return ingest(bytes, file, given, store);
}

/** The one-line summary of a stored file, e.g. "河北雄安新区容东管理委员会 2024  表9 项目73 …". */
export function describeStored(o: StoredOutcome): string {
  const name = o.department ?? unknownDepartmentName(o.file);
  const year = o.year !== null ? String(o.year) : "年度未知";
  const c = o.counts;
  return `${name} ${year}  表${c.tables} 说明${c.narrative} 项目${c.projects} 采购${c.procurementItems} 资产${c.assets} 警告${o.warnings.length}`;
}

/** Print the warnings of one stored file, indented. */
function printWarnings(io: CliIO, o: StoredOutcome, verbose: boolean): void {
  const shown = verbose ? o.warnings : o.warnings.slice(0, MAX_WARNINGS_SHOWN);
  for (const w of shown) io.out(`      ⚠ ${w.place !== null ? `${w.place}：` : ""}${w.message}`);
  if (shown.length < o.warnings.length) {
    io.out(`      …另有 ${o.warnings.length - shown.length} 条警告（加 --verbose 显示全部）`);
  }
  // The parser normally warns about a missing department itself; say where it went otherwise.
  if (o.department === null && !o.warnings.some((w) => w.message.includes("单位名称"))) {
    io.out(`      ⚠ 文件未载明单位名称，已记为「${unknownDepartmentName(o.file)}」`);
  }
}

/** How a run of ingests is set up: where to store, what the caller gives, how much to print. */
export interface IngestRun {
  store: IngestStore;
  /** The database as named in the summary line. */
  dbLabel: string;
  given?: GivenFacts;
  verbose?: boolean;
}

/**
 * Ingest files and folders (`bot ingest`, and the bundled corpus at first start): one line per
 * file, a summary line; returns the exit code.
 */
export async function ingestPaths(inputs: string[], run: IngestRun, io: CliIO): Promise<number> {
  const { files, problems } = expandInputs(inputs, io.cwd);
  for (const p of problems) io.out(`✗ ${p.path}: ${p.message}`);
  if (files.length === 0) {
    if (problems.length === 0) io.out("✗ 未找到可导入的文件");
    return 1;
  }
  const counts: Record<SaveStatus | "failed", number> = { added: 0, replaced: 0, unchanged: 0, failed: 0 };
  const outcomes: FileOutcome[] = [];
  const pdfReader = await import("../ingest/formats/pdf/extract.js");
  const { pdfReaderOptionsFromEnv } = await import("../config.js");
  const tuning = pdfReaderOptionsFromEnv(io.env);
  if (tuning) pdfReader.configurePdfReader(tuning);
  try {
    for (const [i, path] of files.entries()) {
      const prefix = `[${i + 1}/${files.length}]`;
      const r = await ingestFile(run.store, path, run.given ?? {});
      outcomes.push(r);
      if (r.kind === "refused") {
        counts.failed++;
        io.out(`${prefix} ✗ ${r.file}: ${r.message}`);
      } else if (r.kind === "duplicate") {
        counts.unchanged++;
        io.out(`${prefix} ✓ ${r.file}  未变化（与 ${r.sameAs} 相同）  ${r.format}`);
        io.out(`      ${r.message}`);
      } else {
        counts[r.status]++;
        io.out(`${prefix} ✓ ${r.file}  ${STATUS_LABEL[r.status]}  ${describeStored(r)}  ${r.format}`);
        printWarnings(io, r, run.verbose === true);
      }
    }
  } finally {
    // The run is over: end the PDF worker now instead of after its idle time.
    await pdfReader.closePdfReader();
  }
  io.out(
    `共 ${files.length} 个文件：新增 ${counts.added}，更新 ${counts.replaced}，未变化 ${counts.unchanged}，失败 ${counts.failed}（数据库 ${run.dbLabel}）`,
  );
  return exitCodeOf(outcomes, problems);
}

const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      db: { type: "string" },
      department: { type: "string" },
      code: { type: "string" },
      year: { type: "string" },
      verbose: { type: "boolean" },
    });
    if (positionals.length === 0) throw new CliUsageError("请指定要读取的文件或文件夹");
    const flags: GivenFacts = {};
    const department = stringFlag(values, "department")?.trim();
    if (department !== undefined) {
      if (department === "") throw new CliUsageError("--department 不能为空");
      flags.department = department;
    }
    const code = stringFlag(values, "code")?.trim();
    if (code !== undefined && code !== "") flags.code = code;
    const year = stringFlag(values, "year");
    if (year !== undefined) flags.year = parseYear(year);
    const verbose = values.verbose === true;

    const dbPath = resolveDbPath(stringFlag(values, "db"), io.env);
    const opened: { store: Store | null } = { store: null };
    const getStore = (): Store => {
      opened.store ??= openStore(resolve(io.cwd, dbPath));
      return opened.store;
    };
    try {
      return await ingestPaths(positionals, { store: getStore, dbLabel: dbPath, given: flags, verbose }, io);
    } finally {
      if (opened.store !== null) await opened.store.close();
    }
  },
};

export default command;
