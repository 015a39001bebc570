/**
 * The raw content of every page of a PDF, from pdfjs-dist (legacy build, the last release that
 * runs on Node 20) run in a worker thread without the TypeScript loader (extract-worker.mjs):
 * under tsx, pdfjs in the main thread made a 35-page ingest peak at ~460 MB; in the worker the
 * whole process peaks under 200 MB. One worker serves the PDFs of one run in turn and ends after
 * a second without work. Standard fonts and CMaps come from the installed package, never a CDN.
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

interface Pending {
  fileName: string;
  open?: { producer: string | null; ops: OpCodes };
  pages: RawPage[];
  resolve: (pdf: RawPdf) => void;
  reject: (error: Error) => void;
}

const IDLE_MS = 1_000;
let worker: Worker | null = null;
let idle: NodeJS.Timeout | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failure(p: Pending, r: Extract<Reply, { type: "error" }>): Error {
  if (r.kind === "password")
    return new UnreadableFileError(`${p.fileName}：PDF已加密（需要密码），无法读取；请提供未加密的文件。`);
  if (r.kind === "page") return new UnreadableFileError(`${p.fileName}：第${r.page}页已损坏，无法读取。`);
  return new UnreadableFileError(`${p.fileName}：PDF文件已损坏或格式无效，无法读取。`);
}

function onReply(r: Reply): void {
  const p = pending.get(r.id);
  if (!p) return;
  if (r.type === "open") p.open = { producer: r.producer, ops: r.ops };
  else if (r.type === "page") p.pages.push(r.content);
  else {
    pending.delete(r.id);
    if (r.type === "error") p.reject(failure(p, r));
    else if (p.open) p.resolve({ producer: p.open.producer, ops: p.open.ops, pages: p.pages });
    else p.reject(new UnreadableFileError(`${p.fileName}：PDF文件已损坏或格式无效，无法读取。`));
    settle();
  }
}

/** After the last document: let the process exit, and end the worker when no work comes. */
function settle(): void {
  if (pending.size > 0 || !worker) return;
  worker.unref();
  idle = setTimeout(retireWorker, IDLE_MS);
  idle.unref();
}

/**
 * End the idle worker (what the idle timer does). The next PDF starts a new worker; the old one's
 * exit, which comes later, is not the new one's crash.
 */
export function retireWorker(): void {
  if (pending.size > 0 || !worker) return;
  void worker.terminate();
  worker = null;
}

/** The worker died (out of memory, a pdfjs crash): every document it held fails, in Chinese. */
function crashed(_error: unknown): void {
  const all = [...pending.values()];
  pending.clear();
  worker = null;
  for (const p of all)
    p.reject(new UnreadableFileError(`${p.fileName}：读取PDF时出错，未能读完；请确认文件完整后重试。`));
}

function theWorker(): Worker {
  if (idle) clearTimeout(idle);
  idle = null;
  if (!worker) {
    // No execArgv: the worker runs plain JavaScript, without the loader the main thread may have.
    const w = new Worker(new URL("./extract-worker.mjs", import.meta.url), { execArgv: [] });
    w.on("message", onReply);
    // Only the current worker's death fails the pending documents: a retired worker exits with
    // code 1 after a new one has taken over (a valid PDF was refused as unreadable that way).
    w.on("error", (error) => {
      if (worker === w) crashed(error);
    });
    w.on("exit", (code) => {
      if (worker !== w) return;
      worker = null;
      if (code !== 0 && pending.size > 0) crashed(new Error(`exit ${code}`));
    });
    worker = w;
  }
  worker.ref();
  return worker;
}

/** Read every page of a PDF; encrypted or corrupt files become a Chinese UnreadableFileError. */
export function extractPdf(bytes: Uint8Array, fileName: string): Promise<RawPdf> {
  const id = nextId++;
  // The worker takes ownership of the bytes it is given: hand it a copy.
  const copy = new Uint8Array(bytes);
  return new Promise<RawPdf>((resolve, reject) => {
    pending.set(id, { fileName, pages: [], resolve, reject });
    theWorker().postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}
