/**
 * The pdfjs half of the PDF reader, run in a worker thread started without the TypeScript loader
 * (see extract.ts): under tsx, importing pdfjs's 4 MB of JavaScript costs about 250 MB more memory
 * than in plain Node. Plain JavaScript on purpose: it only calls pdfjs and posts each page's raw
 * content (size, viewport transform, text items, the operator list reduced to the ops the ruling
 * reader uses); everything else happens in the main thread.
 *
 * Messages in: { id, bytes: Uint8Array } per document. Messages out, per document id:
 * { id, type: "open", pages, producer, ops }, then { id, type: "page", page, content } for each
 * page, then { id, type: "done" }; or { id, type: "error", kind: "password" | "corrupt" | "page", page }.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { parentPort } from "node:worker_threads";

const lib = await import("pdfjs-dist/legacy/build/pdf.mjs");
// pdfjs's fake worker (the parser runs in this thread) takes its handler from here.
globalThis.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve("pdfjs-dist/package.json")) + path.sep;

/** The ops whose arguments the ruling reader reads; every other op's arguments are dropped. */
const KEPT = new Set([
  lib.OPS.transform,
  lib.OPS.paintFormXObjectBegin,
  lib.OPS.constructPath,
  lib.OPS.setLineWidth,
]);

/** Op codes the ruling reader needs, by name. */
const OPS = Object.fromEntries(
  [
    "save",
    "restore",
    "transform",
    "constructPath",
    "paintFormXObjectBegin",
    "paintFormXObjectEnd",
    "setLineWidth",
    "stroke",
    "closeStroke",
    "fill",
    "eoFill",
    "fillStroke",
    "eoFillStroke",
    "closeFillStroke",
    "closeEOFillStroke",
  ].map((k) => [k, lib.OPS[k]]),
);

async function producerOf(doc) {
  try {
    const { info } = await doc.getMetadata();
    const names = [info?.Producer, info?.Creator].filter((v) => typeof v === "string" && v.trim() !== "");
    return names.length ? [...new Set(names.map((s) => s.trim()))].join(" / ") : null;
  } catch {
    return null;
  }
}

async function pageContent(page) {
  const viewport = page.getViewport({ scale: 1 });
  const text = await page.getTextContent();
  const items = [];
  for (const it of text.items) {
    if (typeof it.str === "string") {
      items.push({ str: it.str, transform: [...it.transform], width: it.width, height: it.height });
    }
  }
  const ops = await page.getOperatorList();
  const argsArray = ops.argsArray.map((a, i) => (KEPT.has(ops.fnArray[i]) ? a : null));
  return {
    width: viewport.width,
    height: viewport.height,
    transform: [...viewport.transform],
    items,
    fnArray: Array.from(ops.fnArray),
    argsArray,
  };
}

async function read(id, bytes) {
  const task = lib.getDocument({
    data: bytes,
    standardFontDataUrl: `${path.join(root, "standard_fonts")}${path.sep}`,
    cMapUrl: `${path.join(root, "cmaps")}${path.sep}`,
    cMapPacked: true,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  let password = false;
  // A password-protected file would otherwise wait forever for a password.
  task.onPassword = () => {
    password = true;
    void task.destroy();
  };
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    const name = error?.name ?? "";
    const kind =
      password || name === "PasswordException" || /password/i.test(String(error?.message))
        ? "password"
        : "corrupt";
    parentPort.postMessage({ id, type: "error", kind });
    return;
  }
  try {
    parentPort.postMessage({
      id,
      type: "open",
      pages: doc.numPages,
      producer: await producerOf(doc),
      ops: OPS,
    });
    for (let n = 1; n <= doc.numPages; n++) {
      let page;
      try {
        page = await doc.getPage(n);
      } catch {
        parentPort.postMessage({ id, type: "error", kind: "page", page: n });
        return;
      }
      parentPort.postMessage({ id, type: "page", page: n, content: await pageContent(page) });
      page.cleanup();
    }
    parentPort.postMessage({ id, type: "done" });
  } catch {
    parentPort.postMessage({ id, type: "error", kind: "corrupt" });
  } finally {
    await doc.destroy();
  }
}

// One document at a time, in the order asked.
let queue = Promise.resolve();
parentPort.on("message", ({ id, bytes }) => {
  queue = queue.then(() => read(id, bytes));
});
