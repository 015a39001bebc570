/**
 * `bot ingest <files or folders…>`: read disclosure files (PDF, Excel, Word, web pages, text —
 * recognised by content), parse them and store them, one transaction per file. A file that cannot
 * be read or is not a disclosure is reported with the reason and changes nothing; the others
 * still go in. The same bytes under another file name are not stored twice.
 */

import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { unknownDepartmentName } from "../domain/department-identity.js";
import { lineLabel } from "../domain/places.js";
import type { Disclosure } from "../domain/types.js";
import type { DocumentModel } from "../ingest/document/model.js";
import { joinDepartment } from "../ingest/join-department.js";
import type { GivenFacts } from "../ingest/parse.js";
import { storeDisclosure } from "../ingest/store-disclosure.js";
import { openStore, resolveDbPath } from "../store/open.js";
import type { SaveStatus, Store } from "../store/ports.js";
import { parseCliArgs, parseYear, stringFlag } from "./args.js";
import { judgeIngest, largeFileWarning, tooLargeMessage } from "./ingest-guard.js";
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

/** What was read from a file: its format and size in its own terms ("PDF 12页", "Excel 9个工作表"). */
export function describeModel(model: DocumentModel): string {
  switch (model.format) {
    case "pdf":
      return `PDF ${model.parts.length}页`;
    case "xlsx":
    case "xls":
      return `Excel ${model.parts.length}个工作表`;
    case "docx":
      return "Word";
    case "html":
      return "网页";
    case "text":
      return "文本";
  }
}

/** The outcome of ingesting one file. */
export type IngestOutcome =
  | {
      ok: true;
      file: string;
      status: SaveStatus;
      docId: number;
      disclosure: Disclosure;
      /** "PDF 12页" etc. */
      format: string;
    }
  | { ok: true; file: string; status: "duplicate"; sameAs: string; format: string; note: string }
  | { ok: false; file: string; message: string };

/**
 * Read, parse and store one file; never throws for per-file problems. `getStore` is called only
 * once the file parsed, so a run of unreadable files does not even create the database.
 */
export async function ingestFile(
  getStore: () => Store,
  path: string,
  flags: GivenFacts,
): Promise<IngestOutcome> {
  const file = basename(path);
  let given: GivenFacts;
  try {
    given = { ...readSidecar(path), ...flags };
  } catch (err) {
    if (err instanceof SidecarError)
      return { ok: false, file, message: `附带的说明文件有误：${err.message}` };
    throw err;
  }
  let bytes: Uint8Array;
  let sizeWarning: string | null = null;
  try {
    const size = statSync(path).size;
    const tooLarge = tooLargeMessage(size, headOf(path));
    if (tooLarge) return { ok: false, file, message: tooLarge };
    sizeWarning = largeFileWarning(size);
    bytes = readFileSync(path);
  } catch (err) {
    return {
      ok: false,
      file,
      message: `无法读取文件（${err instanceof Error ? err.message : String(err)}）`,
    };
  }
  // Imported lazily so that `export` and other subcommands never load the parsers.
  const { parseDisclosure, NotADisclosureError, TruncatedDisclosureError, NeedsOcrError } = await import(
    "../ingest/parse.js"
  );
  const { readDocument, UnreadableFileError } = await import("../ingest/formats/index.js");
  const { createHash } = await import("node:crypto");
  let disclosure: Disclosure;
  let format: string;
  try {
    const model = await readDocument(bytes, file);
    format = describeModel(model);
    disclosure = parseDisclosure(model, file, given, createHash("sha256").update(bytes).digest("hex"));
  } catch (err) {
    if (err instanceof TruncatedDisclosureError || err instanceof NeedsOcrError) {
      return { ok: false, file, message: `${err.message}；未导入，数据库保持原样` };
    }
    if (err instanceof UnreadableFileError && !err.message.startsWith("文件")) {
      return { ok: false, file, message: err.message };
    }
    if (err instanceof NotADisclosureError || err instanceof UnreadableFileError) {
      return { ok: false, file, message: `不是可识别的预算公开文件（${err.message}）` };
    }
    return { ok: false, file, message: `解析失败（${err instanceof Error ? err.message : String(err)}）` };
  }
  if (sizeWarning) disclosure.warnings.unshift({ message: sizeWarning, line: null });
  const store = getStore();
  const sameAs = await store.disclosures.fileWithSameBytes(disclosure.sha256, file);
  if (sameAs !== null) {
    const note = `内容与已导入的 ${sameAs} 完全相同，未重复导入`;
    return { ok: true, file, status: "duplicate", sameAs, format, note };
  }
  // Joined first, so the copy guard compares with the stored department-year of any spelling.
  await joinDepartment(store.disclosures, disclosure);
  const verdict = judgeIngest(await store.disclosures.documents(), disclosure);
  if (verdict.kind === "incomplete") {
    return {
      ok: false,
      file,
      message: `疑似不完整的副本：与已导入的 ${verdict.of.file}（同单位同年度）相比，${verdict.missing.join("、")} 不足；未导入，数据库保持原样`,
    };
  }
  try {
    // The consistency rules run at ingest; answers then read the stored findings.
    const { status, docId } = await storeDisclosure(store, disclosure);
    return { ok: true, file, status, docId, disclosure, format };
  } catch (err) {
    return {
      ok: false,
      file,
      message: `写入数据库失败，未做任何更改（${err instanceof Error ? err.message : String(err)}）`,
    };
  }
}

/** The one-line summary of a stored disclosure, e.g. "河北雄安新区容东管理委员会 2024  表9 项目73 …". */
export function describeDisclosure(d: Disclosure): string {
  const name = d.department.name ?? unknownDepartmentName(d.file);
  const year = d.year !== null ? String(d.year) : "年度未知";
  const items = d.procurement.filter((r) => r.kind === "item").length;
  return `${name} ${year}  表${d.tables.length} 说明${d.narrative.length} 项目${d.projects.length} 采购${items} 资产${d.assets.length} 警告${d.warnings.length}`;
}

/** Print the warnings of one disclosure, indented. */
function printWarnings(io: CliIO, d: Disclosure, verbose: boolean): void {
  const shown = verbose ? d.warnings : d.warnings.slice(0, MAX_WARNINGS_SHOWN);
  for (const w of shown)
    io.out(`      ⚠ ${w.line !== null ? `${lineLabel(d.places, w.line)}：` : ""}${w.message}`);
  if (shown.length < d.warnings.length) {
    io.out(`      …另有 ${d.warnings.length - shown.length} 条警告（加 --verbose 显示全部）`);
  }
  // The parser normally warns about a missing department itself; say where it went otherwise.
  if (d.department.name === null && !d.warnings.some((w) => w.message.includes("单位名称"))) {
    io.out(`      ⚠ 文件未载明单位名称，已记为「${unknownDepartmentName(d.file)}」`);
  }
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

    const { files, problems } = expandInputs(positionals, io.cwd);
    for (const p of problems) io.out(`✗ ${p.path}: ${p.message}`);
    if (files.length === 0) {
      if (problems.length === 0) io.out("✗ 未找到可导入的文件");
      return 1;
    }

    const dbPath = resolveDbPath(stringFlag(values, "db"), io.env);
    const opened: { store: Store | null } = { store: null };
    const getStore = (): Store => {
      opened.store ??= openStore(resolve(io.cwd, dbPath));
      return opened.store;
    };
    const counts: Record<SaveStatus | "failed", number> = { added: 0, replaced: 0, unchanged: 0, failed: 0 };
    const pdfReader = await import("../ingest/formats/pdf/extract.js");
    const { pdfReaderOptionsFromEnv } = await import("../config.js");
    const tuning = pdfReaderOptionsFromEnv(io.env);
    if (tuning) pdfReader.configurePdfReader(tuning);
    try {
      for (const [i, path] of files.entries()) {
        const prefix = `[${i + 1}/${files.length}]`;
        const r = await ingestFile(getStore, path, flags);
        if (!r.ok) {
          counts.failed++;
          io.out(`${prefix} ✗ ${r.file}: ${r.message}`);
          continue;
        }
        if (r.status === "duplicate") {
          counts.unchanged++;
          io.out(`${prefix} ✓ ${r.file}  未变化（与 ${r.sameAs} 相同）  ${r.format}`);
          io.out(`      ${r.note}`);
          continue;
        }
        counts[r.status]++;
        io.out(
          `${prefix} ✓ ${r.file}  ${STATUS_LABEL[r.status]}  ${describeDisclosure(r.disclosure)}  ${r.format}`,
        );
        printWarnings(io, r.disclosure, verbose);
      }
    } finally {
      if (opened.store !== null) await opened.store.close();
      // The run is over: end the PDF worker now instead of after its idle time.
      await pdfReader.closePdfReader();
    }
    io.out(
      `共 ${files.length} 个文件：新增 ${counts.added}，更新 ${counts.replaced}，未变化 ${counts.unchanged}，失败 ${counts.failed}（数据库 ${dbPath}）`,
    );
    return counts.failed > 0 || problems.length > 0 ? 1 : 0;
  },
};

export default command;
