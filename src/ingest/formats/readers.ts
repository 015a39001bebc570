/**
 * The format reader registry: which reader turns which recognised format into the document model.
 * A format without a reader here is refused with a message saying what to do instead.
 */
import type { DocumentModel } from "../document/model.js";
import { readDocx } from "./docx.js";
import { readHtml } from "./html.js";
import { readOle2 } from "./ole2.js";
import { readPdf } from "./pdf.js";
import { readText } from "./text.js";
import { readWorkbook } from "./xlsx.js";

/** A format reader: a file's bytes and name → its document model (throws UnreadableFileError). */
export type FormatReader = (bytes: Uint8Array, fileName: string) => Promise<DocumentModel>;

/** The formats a reader can be registered for. */
export type ReadableFormat = "pdf" | "docx" | "xlsx" | "ole2" | "html" | "text";

/** The registered format readers. */
export const FORMAT_READERS: Partial<Record<ReadableFormat, FormatReader>> = {
  text: readText,
  pdf: readPdf,
  docx: readDocx,
  xlsx: readWorkbook,
  ole2: readOle2,
  html: readHtml,
};
