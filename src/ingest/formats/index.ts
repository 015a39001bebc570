/**
 * The format dispatcher: recognise a file by its content, read it with the registered format
 * reader, refuse what cannot be read with a clear Chinese message.
 */
import type { DocumentModel } from "../document/model.js";
import { type DetectedFormat, detectFormat } from "./detect.js";
import { UnreadableFileError } from "./errors.js";
import { FORMAT_READERS, type ReadableFormat } from "./readers.js";

export { type DetectedFormat, detectFormat } from "./detect.js";
export { UnreadableFileError } from "./errors.js";

/** Chinese names of the formats, for messages and the ingest report. */
export const FORMAT_NAMES: Record<DetectedFormat, string> = {
  pdf: "PDF",
  docx: "Word（.docx）",
  xlsx: "Excel（.xlsx）",
  ole2: "Office 97-2003 文件（.xls/.et/.doc）",
  html: "网页（HTML）",
  text: "文本",
  zip: "ZIP 压缩包",
  binary: "二进制文件",
};

/** Why a format without a reader cannot be read, and what to do. */
function refusal(format: DetectedFormat): string {
  switch (format) {
    case "ole2":
      return "这是 Office 97-2003 格式的文件（.xls/.et/.doc/.wps），暂不能直接读取：请另存为 .docx、.xlsx 或 PDF 后再导入";
    case "zip":
      return "这是一个 ZIP 压缩包，不是 Word 或 Excel 文件：请解压后导入其中的预算公开文件";
    case "binary":
      return "不是可识别的预算公开文件（格式无法识别；支持 PDF、Excel、Word、网页和文本）";
    default:
      return `这是${FORMAT_NAMES[format]}文件，本程序尚未装入读取这种格式的读取器`;
  }
}

/** Read a file into the document model. Throws UnreadableFileError with a Chinese reason. */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  if (bytes.length === 0 || (bytes.length <= 4 && new TextDecoder().decode(bytes).trim() === "")) {
    throw new UnreadableFileError("文件为空", "empty", "not-a-disclosure");
  }
  const format = detectFormat(bytes);
  const reader =
    format === "zip" || format === "binary" ? undefined : FORMAT_READERS[format as ReadableFormat];
  if (!reader) throw new UnreadableFileError(refusal(format), "unsupported-format");
  return reader(bytes, fileName);
}
