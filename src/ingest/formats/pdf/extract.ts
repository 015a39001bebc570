/**
 * The raw content of every page of a PDF, from pdfjs-dist (legacy build, the last release that
 * runs on Node 20) run in a worker thread without the TypeScript loader (extract-worker.mjs):
 * under tsx, pdfjs in the main thread made a 35-page ingest peak at ~460 MB; in the worker the
 * whole process peaks under 200 MB. One worker reads the PDFs of a run one at a time and ends after
 * a second without work; a document not read within its deadline ends its worker and is reported.
 * Standard fonts and CMaps come from the installed package, never a CDN.
 */
import { Worker } from "node:worker_threads";
import { UnreadableFileError } from "../errors.js";
import type { RawTextItem } from "./pieces.js";
import type { OpCodes } from "./rulings.js";

/** One page as pdfjs gives it: size, viewport transform, text items, reduced operator list. */
export interface RawPage {
  width: number;
  height: number;
  /** pdfjs viewport.transform at scale 1: PDF space → top-down page space. */
  transform: [number, number, number, number, number, number];
  items: RawTextItem[];
  fnArray: number[];
  /** Arguments of the ops the ruling reader uses; null for every other op. */
  argsArray: unknown[];
}

/** A PDF's pages, producer and the op codes its operator lists use. */
export interface RawPdf {
  producer: string | null;
  ops: OpCodes;
  pages: RawPage[];
}

type Reply =
  | { id: number; type: "open"; pages: number; producer: string | null; ops: OpCodes }
  | { id: number; type: "page"; page: number; content: RawPage }
  | { id: number; type: "done" }
  | { id: number; type: "error"; kind: "password" | "corrupt" | "page"; page?: number };

/** One document: its bytes until handed to a worker, then what the worker sent so far. */
interface Job {
  id: number;
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  open?: { producer: string | null; ops: OpCodes };
  pages: RawPage[];
  resolve: (pdf: RawPdf) => void;
  reject: (error: Error) => void;
}

/** One worker and the document it is reading; `ending` once it is ended on purpose. */
interface Slot {
  worker: Worker;
  job: Job | null;
  ending: boolean;
}

/** Timers the reader uses (injectable so tests decide when the idle time or a deadline runs out). */
export interface ReaderTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** How long a worker may sit idle and a document may take. */
export interface PdfReaderOptions {
  /** End the worker after this long without work (ms). */
  idleMs: number;
  /** A document not read within this long (ms from when its worker starts on it) ends its worker and fails. */
  deadlineMs: number;
  timers?: ReaderTimers;
}

/** Defaults: the worker ends after 1 s idle; a document gets 3 minutes. */
export const DEFAULT_PDF_READER: PdfReaderOptions = { idleMs: 1_000, deadlineMs: 180_000 };

const realTimers: ReaderTimers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

function failure(job: Job, r: Extract<Reply, { type: "error" }>): Error {
  if (r.kind === "password")
    return new UnreadableFileError(
      `${job.fileName}：PDF已加密（需要密码），无法读取；请提供未加密的文件。`,
      "encrypted",
    );
  if (r.kind === "page") return new UnreadableFileError(`${job.fileName}：第${r.page}页已损坏，无法读取。`);
  return new UnreadableFileError(`${job.fileName}：PDF文件已损坏或格式无效，无法读取。`);
}

/** A document whose worker stopped before it was read. */
function unfinished(job: Job): Error {
  return new UnreadableFileError(`${job.fileName}：读取PDF时出错，未能读完；请确认文件完整后重试。`);
}

/**
 * The worker's lifecycle: documents wait in a queue and are handed to the worker one at a time,
 * so each worker holds at most one pending document and a worker's end fails only that one. A
 * worker ended on purpose (idle, or its document overran the deadline) fails nothing else; the
 * queue goes on in a fresh worker. With no work the worker is unreferenced, so the process can exit.
 */
export class PdfExtractor {
  private readonly opts: PdfReaderOptions;
  private readonly timers: ReaderTimers;
  private readonly queue: Job[] = [];
  private slot: Slot | null = null;
  private idle: unknown = null;
  private deadline: unknown = null;
  private nextId = 1;

  constructor(opts: Partial<PdfReaderOptions> = {}) {
    this.opts = { ...DEFAULT_PDF_READER, ...opts };
    this.timers = opts.timers ?? realTimers;
  }

  /** Read every page of a PDF; encrypted, corrupt or overdue files become a Chinese UnreadableFileError. */
  extract(bytes: Uint8Array, fileName: string): Promise<RawPdf> {
    // The worker takes ownership of the bytes it is given: hand it a copy.
    const copy = new Uint8Array(bytes);
    return new Promise<RawPdf>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, fileName, bytes: copy, pages: [], resolve, reject });
      this.pump();
    });
  }

  /** True while a worker exists (reading, or idle before it ends). */
  get running(): boolean {
    return this.slot !== null;
  }

  /** End the worker now; documents still pending fail. Resolves when the worker has exited. */
  async close(): Promise<void> {
    this.stopTimer("idle");
    const slot = this.slot;
    const pending = [...(slot?.job ? [slot.job] : []), ...this.queue.splice(0)];
    if (slot) this.finish(slot);
    for (const job of pending) job.reject(unfinished(job));
    if (!slot) return;
    this.slot = null;
    slot.ending = true;
    await slot.worker.terminate();
  }

  private stopTimer(which: "idle" | "deadline"): void {
    const h = this[which];
    if (h !== null) this.timers.clear(h);
    this[which] = null;
  }

  /** Hand the next queued document to the worker, or let the worker idle. */
  private pump(): void {
    if (this.slot?.job) return;
    const job = this.queue.shift();
    if (!job) {
      this.settle();
      return;
    }
    this.stopTimer("idle");
    const slot = this.slot ?? this.start();
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage({ id: job.id, bytes: job.bytes }, [job.bytes.buffer]);
    this.deadline = this.timers.set(() => this.overdue(slot, job), this.opts.deadlineMs);
  }

  private start(): Slot {
    // No execArgv: the worker runs plain JavaScript, without the loader the main thread may have.
    const worker = new Worker(new URL("./extract-worker.mjs", import.meta.url), { execArgv: [] });
    const slot: Slot = { worker, job: null, ending: false };
    worker.on("message", (r: Reply) => this.onReply(slot, r));
    worker.on("error", () => this.lost(slot));
    worker.on("exit", () => this.lost(slot));
    this.slot = slot;
    return slot;
  }

  private onReply(slot: Slot, r: Reply): void {
    const job = slot.job;
    if (!job || job.id !== r.id) return;
    if (r.type === "open") job.open = { producer: r.producer, ops: r.ops };
    else if (r.type === "page") job.pages.push(r.content);
    else {
      this.finish(slot);
      if (r.type === "error") job.reject(failure(job, r));
      else if (job.open) job.resolve({ producer: job.open.producer, ops: job.open.ops, pages: job.pages });
      else job.reject(new UnreadableFileError(`${job.fileName}：PDF文件已损坏或格式无效，无法读取。`));
      this.pump();
    }
  }

  /** The worker is done with its document (read, failed or given up). */
  private finish(slot: Slot): void {
    slot.job = null;
    this.stopTimer("deadline");
  }

  /** The worker stopped (out of memory, a pdfjs crash, or ended on purpose). */
  private lost(slot: Slot): void {
    if (this.slot === slot) this.slot = null;
    const job = slot.job;
    if (job && !slot.ending) {
      this.finish(slot);
      job.reject(unfinished(job));
    }
    this.pump();
  }

  /** The document overran its deadline: end its worker, report the document, go on with the queue. */
  private overdue(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    this.finish(slot);
    this.end(slot);
    const seconds = Math.max(1, Math.round(this.opts.deadlineMs / 1000));
    job.reject(
      new UnreadableFileError(
        `${job.fileName}：读取PDF超时（${seconds}秒内未读完），已停止读取；请确认文件完整，或拆分后重试。`,
        "timeout",
      ),
    );
    this.pump();
  }

  private end(slot: Slot): void {
    slot.ending = true;
    if (this.slot === slot) this.slot = null;
    void slot.worker.terminate();
  }

  /** No work: let the process exit, and end the worker when none comes within the idle time. */
  private settle(): void {
    const slot = this.slot;
    if (!slot || this.idle !== null) return;
    slot.worker.unref();
    this.idle = this.timers.set(() => {
      this.idle = null;
      if (this.slot === slot && !slot.job) this.end(slot);
    }, this.opts.idleMs);
  }
}

let shared: PdfExtractor | null = null;

/** The process's reader; `configurePdfReader` replaces it (the CLI's tuning by environment). */
function sharedExtractor(): PdfExtractor {
  shared ??= new PdfExtractor();
  return shared;
}

/** Set the shared reader's idle time and deadline (ends its current worker). */
export function configurePdfReader(opts: Partial<PdfReaderOptions>): void {
  void shared?.close();
  shared = new PdfExtractor(opts);
}

/** End the shared reader's worker now (the CLI at the end of a run). */
export async function closePdfReader(): Promise<void> {
  await shared?.close();
}

/** Read every page of a PDF with the shared reader. */
export function extractPdf(bytes: Uint8Array, fileName: string): Promise<RawPdf> {
  return sharedExtractor().extract(bytes, fileName);
}
