/**
 * The one ingest pipeline: `ingest(bytes, name, given, store)`. Every way a document comes in (the
 * CLI, first start, tests, the bench, and next files sent from chat) calls it and gets a typed
 * IngestOutcome to build its reply from: stored, duplicate, or refused with a RefusalReason.
 *
 *   size limit → format reader (formats/) → scan check (scan.ts) → one reading view → part readers
 *   (parts/index.ts) → cut-short check and identity (parse.ts) → duplicate / copy guard → store
 *
 * Nothing is written unless the file is stored; a refusal leaves the database as it was. The
 * pipeline never throws for a per-file problem: a reader's unexpected failure is the reason
 * "reader-failed", a failed write "store-failed".
 */
import { createHash } from "node:crypto";
import { lineLabel } from "../domain/places.js";
import type { Disclosure, DisclosureBasis } from "../domain/types.js";
import type { DocumentInfo, SaveStatus, Store } from "../store/ports.js";
import type { DocumentModel } from "./document/model.js";
import { readDocument } from "./formats/index.js";
import { countsOf, judgeIngest, largeFileWarning, type PartCounts, tooLargeMessage } from "./guard.js";
import { joinDepartment } from "./join-department.js";
import { type GivenFacts, parseDisclosure } from "./parse.js";
import { IngestRefusalError, NeedsOcrError, type RefusalReason, refusalMessage } from "./refusal.js";
import { storeDisclosure } from "./store-disclosure.js";

export type { GivenFacts } from "./parse.js";
export type { RefusalReason } from "./refusal.js";

/**
 * Where the pipeline stores: the database, or a function that opens it on first use (so a run of
 * files that are all refused never creates a database).
 */
export type IngestStore = Store | (() => Store);

/** A warning of a stored document with the place it concerns (`第3页`, `表2 第5行`), if any. */
export interface PlacedWarning {
  message: string;
  place: string | null;
}

/** The file was stored (or was already stored with the same rows). */
export interface StoredOutcome {
  kind: "stored";
  file: string;
  status: SaveStatus;
  docId: number;
  /** What was read, in its own terms: "PDF 12页", "Excel 9个工作表", "文本". */
  format: string;
  /** The department as stored (joined to a stored spelling), null when the file names none. */
  department: string | null;
  year: number | null;
  basis: DisclosureBasis;
  counts: PartCounts;
  warnings: PlacedWarning[];
  disclosure: Disclosure;
}

/** The same bytes are stored under another file name: nothing was done. */
export interface DuplicateOutcome {
  kind: "duplicate";
  file: string;
  sameAs: string;
  format: string;
  message: string;
}

/** The file was not stored, for `reason`; `message` is the user-facing Chinese line. */
export interface RefusedOutcome {
  kind: "refused";
  file: string;
  reason: RefusalReason;
  message: string;
  /** For "needs-ocr": the parts (pages) without text, 1-based. */
  parts?: number[];
}

export type IngestOutcome = StoredOutcome | DuplicateOutcome | RefusedOutcome;

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

/** A refused outcome. */
export function refused(file: string, reason: RefusalReason, message: string): RefusedOutcome {
  return { kind: "refused", file, reason, message };
}

/**
 * The size check alone, for a caller that knows the size before it has the bytes (the CLI from
 * the file system, a chat platform from the size it declares): the refusal, or null.
 */
export function sizeRefusal(file: string, size: number, head: Uint8Array): RefusedOutcome | null {
  const message = tooLargeMessage(size, head);
  return message ? refused(file, "too-large", message) : null;
}

/** The refusal for an error thrown by a reader: its own reason, else "reader-failed". */
function refusalOf(file: string, err: unknown): RefusedOutcome {
  if (err instanceof IngestRefusalError) {
    const out = refused(file, err.reason, refusalMessage(err));
    if (err instanceof NeedsOcrError) out.parts = err.parts;
    return out;
  }
  return refused(file, "reader-failed", `解析失败（${err instanceof Error ? err.message : String(err)}）`);
}

/** Read `bytes` named `name` into a Disclosure, or the refusal (no store involved). */
async function read(
  bytes: Uint8Array,
  name: string,
  given: GivenFacts,
  hooks: IngestHooks,
): Promise<{ disclosure: Disclosure; format: string } | RefusedOutcome> {
  const tooLarge = sizeRefusal(name, bytes.length, bytes.subarray(0, 16));
  if (tooLarge) return tooLarge;
  try {
    const model = await readDocument(bytes, name);
    hooks.onModel?.(model);
    const format = describeModel(model);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const disclosure = parseDisclosure(model, name, given, sha256);
    const sizeWarning = largeFileWarning(bytes.length);
    if (sizeWarning) disclosure.warnings.unshift({ message: sizeWarning, line: null });
    return { disclosure, format };
  } catch (err) {
    return refusalOf(name, err);
  }
}

/** The stored documents a parsed file may be a cut copy of: its department-year, in listing order. */
async function storedOfYear(store: Store, d: Disclosure): Promise<DocumentInfo[]> {
  if (d.department.name === null) return [];
  const name = d.department.name;
  const docs = [
    ...(await store.disclosures.documentsOfYear(name, d.year, "budget")),
    ...(await store.disclosures.documentsOfYear(name, d.year, "final")),
  ];
  return docs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * The store step, the pipeline's only use of the store: the same bytes under another name are a
 * duplicate; the department joined to its stored spelling; a cut copy of a stored document refused;
 * otherwise stored with its findings (store-disclosure.ts). A store that fails is "store-failed".
 */
async function storeStep(store: Store, disclosure: Disclosure, format: string): Promise<IngestOutcome> {
  const file = disclosure.file;
  try {
    const sameAs = await store.disclosures.fileWithSameBytes(disclosure.sha256, file);
    if (sameAs !== null) {
      const message = `内容与已导入的 ${sameAs} 完全相同，未重复导入`;
      return { kind: "duplicate", file, sameAs, format, message };
    }
    // Joined first, so the copy guard compares with the stored department-year of any spelling.
    await joinDepartment(store.disclosures, disclosure);
    const verdict = judgeIngest(await storedOfYear(store, disclosure), disclosure);
    if (verdict.kind === "incomplete") {
      return refused(
        file,
        "incomplete-copy",
        `疑似不完整的副本：与已导入的 ${verdict.of.file}（同单位同年度）相比，${verdict.missing.join("、")} 不足；未导入，数据库保持原样`,
      );
    }
    // The consistency rules run at ingest; answers then read the stored findings.
    const { status, docId } = await storeDisclosure(store, disclosure);
    return stored(disclosure, status, docId, format);
  } catch (err) {
    return refused(
      file,
      "store-failed",
      `写入数据库失败，未做任何更改（${err instanceof Error ? err.message : String(err)}）`,
    );
  }
}

/** The outcome of a stored file, with what a reply names: department, year, basis, counts, warnings. */
function stored(disclosure: Disclosure, status: SaveStatus, docId: number, format: string): StoredOutcome {
  return {
    kind: "stored",
    file: disclosure.file,
    status,
    docId,
    format,
    department: disclosure.department.name,
    year: disclosure.year,
    basis: disclosure.basis ?? "budget",
    counts: countsOf(disclosure),
    warnings: disclosure.warnings.map((w) => ({
      message: w.message,
      place: w.line !== null ? lineLabel(disclosure.places, w.line) : null,
    })),
    disclosure,
  };
}

/**
 * What a caller may watch (progress, timing): `onModel` runs when the format reader has read the
 * file, `onRead` when the part readers are done, before the store step.
 */
export interface IngestHooks {
  onModel?: (model: DocumentModel) => void;
  onRead?: () => void;
}

/**
 * Ingest one file: its bytes and name (never a path), what the caller knows (`given`: department,
 * code, year), and where to store. Never throws for a per-file problem.
 */
export async function ingest(
  bytes: Uint8Array,
  name: string,
  given: GivenFacts,
  store: IngestStore,
  hooks: IngestHooks = {},
): Promise<IngestOutcome> {
  const r = await read(bytes, name, given, hooks);
  if ("kind" in r) return r;
  hooks.onRead?.();
  return storeStep(typeof store === "function" ? store() : store, r.disclosure, r.format);
}
