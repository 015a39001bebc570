/**
 * OLE2 (Compound File Binary) reader: the container of Excel .xls, WPS .et, Word .doc and WPS
 * .wps. A workbook (a `Workbook` or `Book` stream) is read by the Excel reader; a Word or WPS
 * text document (a `WordDocument` stream) is refused with how to convert it.
 */
import * as XLSX from "@e965/xlsx";
import type { DocumentModel } from "../document/model.js";
import { UnreadableFileError } from "./errors.js";
import { readWorkbook } from "./xlsx.js";

/** The user-facing message for a legacy Word/WPS text document. */
export const LEGACY_WORD_MESSAGE =
  "这是旧版 Word（.doc/.wps）文件，请用 Word 或 WPS 另存为 .docx 或 PDF 后再导入";

/** Names of the streams at the root of an OLE2 container, lower-cased. */
function streamNames(bytes: Uint8Array): Set<string> {
  const cfb = XLSX.CFB.read(bytes, { type: "array" }) as { FullPaths: string[] };
  return new Set(cfb.FullPaths.map((p) => (p.split("/").filter(Boolean).pop() ?? "").toLowerCase()));
}

/** Read an OLE2 file: a workbook (.xls/.et) into the document model; a .doc/.wps is refused. */
export async function readOle2(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  let names: Set<string>;
  try {
    names = streamNames(bytes);
  } catch {
    throw new UnreadableFileError(
      `文件 ${fileName} 已损坏或不是可读取的 Office 文件`,
      "unreadable",
      "not-a-disclosure",
    );
  }
  if (names.has("encryptedpackage")) {
    throw new UnreadableFileError(
      `文件 ${fileName} 设有打开密码，请在 Excel/Word/WPS 中取消密码后再导入`,
      "encrypted",
      "not-a-disclosure",
    );
  }
  if (names.has("workbook") || names.has("book")) return readWorkbook(bytes, fileName);
  if (names.has("worddocument")) throw new UnreadableFileError(LEGACY_WORD_MESSAGE, "unsupported-format");
  if (names.has("powerpoint document")) {
    throw new UnreadableFileError(
      "这是 PowerPoint 演示文稿，无法导入；请另存为 PDF 后再导入",
      "unsupported-format",
    );
  }
  if (/\.(?:doc|wps|dot|wpt)$/i.test(fileName))
    throw new UnreadableFileError(LEGACY_WORD_MESSAGE, "unsupported-format");
  throw new UnreadableFileError(
    `文件 ${fileName} 是旧版 Office/WPS 文件，无法直接读取，请另存为 .docx、.xlsx 或 PDF 后再导入`,
    "unsupported-format",
    "not-a-disclosure",
  );
}
