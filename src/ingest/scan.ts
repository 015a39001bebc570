/**
 * Scans, decided in one place: a document whose parts (PDF pages, sheets) hold not one character
 * of text is a scan and is refused as "needs-ocr" (NeedsOcrError), after the format reader read
 * it and before any part reader runs. The PDF reader only notes each page it found without text
 * (a warning), it does not refuse. This is the seam for an OCR text source: given the bytes and
 * `NeedsOcrError.parts`, it would return the text of those parts, and the pipeline would read the
 * model it makes instead of refusing.
 */
import type { DocumentModel } from "./document/model.js";
import { NeedsOcrError, NotADisclosureError } from "./refusal.js";

/** Message for a PDF without a text layer (a scan). */
export const NO_TEXT_LAYER = "该PDF没有文字层（可能是扫描件），需要先做文字识别（OCR）后再导入";

/** Message for another format whose parts hold no text (pictures only). */
const NO_TEXT = "文件中没有文字（可能是扫描图片）：需要先做文字识别（OCR）再导入";

/** True when a part holds not one character of text. */
function partWithoutText(part: DocumentModel["parts"][number]): boolean {
  return part.blocks.every((b) =>
    b.type === "paragraph"
      ? b.text.trim() === ""
      : b.rows.every((r) => r.cells.every((c) => c.text.trim() === "")),
  );
}

/**
 * Throw when the model has no text at all: NeedsOcrError for a scan (every part without text),
 * NotADisclosureError "文件为空" for a text file of blanks. Returns when there is text to read.
 */
export function refuseScan(model: DocumentModel): void {
  if (!model.parts.every(partWithoutText)) return;
  if (model.format === "text") throw new NotADisclosureError("文件为空", "empty");
  const parts = model.parts.map((_, i) => i + 1);
  throw new NeedsOcrError(model.format === "pdf" ? NO_TEXT_LAYER : NO_TEXT, parts);
}
