/**
 * Files sent in chat, read through the one pipeline: each file a platform received (its name, the
 * size the platform declares, a download that stops at a byte cap) is checked against the size
 * limits before it is downloaded and again while downloading, a zip is unpacked in memory within
 * its limits (zip.ts), and every file or entry goes through `ingest(bytes, name, given, store)`
 * under a deadline. Platform-neutral: the adapters supply the downloads, adapters/files.ts the chat.
 */
import type { Store } from "../store/ports.js";
import { MAX_CONTAINER_INGEST_BYTES, MAX_TEXT_INGEST_BYTES, tooLargeMessage } from "./guard.js";
import { type GivenFacts, type IngestOutcome, ingest, type RefusedOutcome, refused } from "./pipeline.js";
import { isZipArchive, unzipEntries, ZIP_LIMITS, type ZipLimits, ZipRefusedError } from "./zip.js";

/** One file as a platform received it. */
export interface ChatFile {
  name: string;
  /** The size the platform declares, before anything is downloaded; null when it states none. */
  size: number | null;
  /** Download the bytes; rejects with DownloadTooLargeError once more than `maxBytes` arrive. */
  download(maxBytes: number): Promise<Uint8Array>;
}

/** A download stopped at its cap: the file is larger than it may be. */
export class DownloadTooLargeError extends Error {
  override name = "DownloadTooLargeError";
  constructor(readonly maxBytes: number) {
    super(`download larger than ${maxBytes} bytes`);
  }
}

/** A platform's own download limit (Telegram's bots download at most 20 MB). */
export interface PlatformLimit {
  bytes: number;
  /** Stated in the refusal: "Telegram 机器人只能下载 20 MB 以内的文件". */
  text: string;
}

/** How files from chat are read. */
export interface ChatIngestOptions {
  store: Store;
  /** What the sender's message gives (department, year), usually nothing. */
  given?: GivenFacts;
  /** How long one file may take (download and reading) before it is stopped and reported. */
  deadlineMs?: number;
  platformLimit?: PlatformLimit;
  zipLimits?: ZipLimits;
  /** Called with each stored document's id (provenance). */
  onStored?: (docId: number) => Promise<void>;
}

/** Default per-file deadline: a 35-page PDF reads in seconds; ten minutes means something is wrong. */
export const FILE_DEADLINE_MS = 10 * 60_000;

/** What a file's name promises: containers (PDF, Office, zip) may be larger than text. */
function limitByName(name: string): number {
  return /\.(pdf|xlsx?|docx?|zip|et|wps)$/i.test(name) ? MAX_CONTAINER_INGEST_BYTES : MAX_TEXT_INGEST_BYTES;
}

/** A file's own download cap: the format limit, lowered by the platform's. */
function capOf(file: ChatFile, limit?: PlatformLimit): number {
  return Math.min(limitByName(file.name), limit?.bytes ?? Number.POSITIVE_INFINITY);
}

/** The refusal of a file whose size is known to be above its cap, or null. */
export function declaredSizeRefusal(file: ChatFile, limit?: PlatformLimit): RefusedOutcome | null {
  if (file.size === null) return null;
  if (limit && file.size > limit.bytes) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return refused(file.name, "too-large", `文件有 ${mb} MB，${limit.text}；未导入，数据库保持原样`);
  }
  const head = /\.(pdf|xlsx?|docx?|zip)$/i.test(file.name)
    ? new Uint8Array([0x25, 0x50, 0x44, 0x46])
    : undefined;
  const message = tooLargeMessage(file.size, head);
  return message ? refused(file.name, "too-large", message) : null;
}

/** A file that ran past its deadline: stopped, nothing stored. */
class DeadlinePassed extends Error {}

/** Run `work` with a deadline; after it, the store step is refused (nothing is written late). */
async function withDeadline(
  name: string,
  ms: number,
  work: (open: () => Store) => Promise<IngestOutcome[]>,
  store: Store,
): Promise<IngestOutcome[]> {
  let late = false;
  let timer: NodeJS.Timeout | undefined;
  const open = () => {
    if (late) throw new DeadlinePassed();
    return store;
  };
  const timeout = new Promise<IngestOutcome[]>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      const min = Math.max(1, Math.round(ms / 60_000));
      resolve([refused(name, "timeout", `读取超过 ${min} 分钟仍未完成，已停止；未导入，数据库保持原样`)]);
    }, ms);
  });
  const run = work(open).catch((err: unknown) =>
    err instanceof DeadlinePassed ? [] : [refused(name, "reader-failed", "读取失败，未导入")],
  );
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Download one file within its cap and ingest it, or each entry of a zip. */
async function readOne(file: ChatFile, opts: ChatIngestOptions, open: () => Store): Promise<IngestOutcome[]> {
  const cap = capOf(file, opts.platformLimit);
  let bytes: Uint8Array;
  try {
    bytes = await file.download(cap);
  } catch (err) {
    if (err instanceof DownloadTooLargeError) {
      const over: ChatFile = { ...file, size: err.maxBytes + 1 };
      const r = declaredSizeRefusal(over, opts.platformLimit);
      return [r ?? refused(file.name, "too-large", "文件超过导入上限；未导入，数据库保持原样")];
    }
    return [refused(file.name, "reader-failed", "无法从聊天平台下载该文件，请稍后重发")];
  }
  const given = opts.given ?? {};
  if (!isZipArchive(bytes, file.name)) return [await ingest(bytes, file.name, given, open)];
  let entries: ReturnType<typeof unzipEntries>;
  try {
    entries = unzipEntries(bytes, opts.zipLimits ?? ZIP_LIMITS);
  } catch (err) {
    const message = err instanceof ZipRefusedError ? err.message : "压缩包无法解压";
    return [refused(file.name, "unreadable", `${message}；数据库保持原样`)];
  }
  if (entries.length === 0) return [refused(file.name, "not-a-disclosure", "压缩包内没有文件")];
  const out: IngestOutcome[] = [];
  for (const e of entries) out.push(await ingest(e.bytes, e.name, given, open));
  return out;
}

/**
 * Read every file: sizes checked first (nothing is downloaded for a file declared too large), then
 * one file at a time through the pipeline, each under its deadline. Never throws per file.
 */
export async function ingestChatFiles(
  files: readonly ChatFile[],
  opts: ChatIngestOptions,
): Promise<IngestOutcome[]> {
  const out: IngestOutcome[] = [];
  for (const file of files) {
    const early = declaredSizeRefusal(file, opts.platformLimit);
    if (early) {
      out.push(early);
      continue;
    }
    const results = await withDeadline(
      file.name,
      opts.deadlineMs ?? FILE_DEADLINE_MS,
      (open) => readOne(file, opts, open),
      opts.store,
    );
    for (const r of results) {
      if (r.kind === "stored") await opts.onStored?.(r.docId);
      out.push(r);
    }
  }
  return out;
}

/** The part counts of a stored file: `表9 说明57 项目12 采购3 资产5` (parts it lacks left out). */
function countsLine(o: Extract<IngestOutcome, { kind: "stored" }>): string {
  const c = o.counts;
  const parts: Array<[string, number]> = [
    ["表", c.tables],
    ["说明", c.narrative],
    ["项目", c.projects],
    ["采购", c.procurementItems],
    ["资产", c.assets],
  ];
  return parts
    .filter(([label, n]) => n > 0 || label === "表")
    .map(([label, n]) => `${label}${n}`)
    .join(" ");
}

/** One line per outcome: `已导入 <file>：<单位> <年>，表9 说明57`, a duplicate, or a refusal with its reason. */
export function outcomeLine(o: IngestOutcome): string {
  if (o.kind === "duplicate") return `未重复导入 ${o.file}：${o.message}`;
  if (o.kind === "refused") return `未导入 ${o.file}：${o.message}`;
  const who = `${o.department ?? "未知单位"} ${o.year ?? "年度未知"}`;
  const verb =
    o.status === "unchanged" ? "已导入过（内容未变）" : o.status === "replaced" ? "已更新" : "已导入";
  return `${verb} ${o.file}：${who}，${countsLine(o)}`;
}
