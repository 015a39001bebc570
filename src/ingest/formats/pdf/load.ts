/**
 * Loading a PDF with pdfjs-dist (legacy build, the last release that runs on Node 20), with the
 * standard fonts and CMaps taken from the installed package, never from a CDN.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { UnreadableFileError } from "../errors.js";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
/** The pdfjs document proxy. */
export type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;
/** The pdfjs page proxy. */
export type PdfPage = Awaited<ReturnType<PdfDocument["getPage"]>>;

let pdfjsPromise: Promise<PdfJs> | null = null;

/**
 * Import pdfjs and its worker (which runs in this thread under Node) with source maps off: when
 * the process has them on (tsx does), Node parses the 8 MB of pdfjs maps, about 80 MB of memory
 * that stack traces of our own code do not need.
 */
async function importPdfjs(): Promise<PdfJs> {
  const maps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    const lib = await import("pdfjs-dist/legacy/build/pdf.mjs");
    // pdfjs's fake worker takes the handler from here instead of importing the worker itself.
    // @ts-expect-error the worker build ships without type declarations
    const worker: unknown = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return lib;
  } finally {
    process.setSourceMapsEnabled(maps);
  }
}

/** The pdfjs module (and its worker), imported once. */
export function pdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= importPdfjs();
  return pdfjsPromise;
}

/** Directory of the installed pdfjs-dist package, with a trailing separator. */
function pdfjsRoot(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve("pdfjs-dist/package.json")) + path.sep;
}

/** Open a PDF from its bytes; encrypted or corrupt files become a Chinese UnreadableFileError. */
export async function openPdf(bytes: Uint8Array, fileName: string): Promise<PdfDocument> {
  const lib = await pdfjs();
  const root = pdfjsRoot();
  const task = lib.getDocument({
    // pdfjs takes ownership of (and may detach) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    standardFontDataUrl: path.join(root, "standard_fonts") + path.sep,
    cMapUrl: path.join(root, "cmaps") + path.sep,
    cMapPacked: true,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  });
  // A password-protected file would otherwise wait forever for a password.
  task.onPassword = () => {
    void task.destroy();
  };
  try {
    return await task.promise;
  } catch (error) {
    const name = (error as { name?: string } | null)?.name ?? "";
    if (name === "PasswordException" || /password/i.test(String((error as Error)?.message))) {
      throw new UnreadableFileError(`${fileName}：PDF已加密（需要密码），无法读取；请提供未加密的文件。`);
    }
    throw new UnreadableFileError(`${fileName}：PDF文件已损坏或格式无效，无法读取。`);
  }
}
