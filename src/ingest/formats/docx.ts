/**
 * Word reader: .docx → mammoth's HTML (paragraphs and tables in document order, merged cells
 * kept as colspan/rowspan from w:gridSpan and w:vMerge) → the HTML reader's blocks, one part.
 */
import * as XLSX from "@e965/xlsx";
import mammoth from "mammoth";
import type { DocumentModel } from "../document/model.js";
import { UnreadableFileError } from "./errors.js";
import { htmlBlocks } from "./html.js";

/** The application docProps/app.xml names (`Microsoft Office Word`, `WPS Office`), when it does. */
function producerOf(bytes: Uint8Array): string | null {
  try {
    const zip = XLSX.CFB.read(bytes, { type: "array" }) as {
      FullPaths: string[];
      FileIndex: Array<{ content?: Uint8Array }>;
    };
    const at = zip.FullPaths.findIndex((p) => p.endsWith("/docProps/app.xml"));
    const entry = zip.FileIndex[at];
    if (!entry?.content) return null;
    const xml = Buffer.from(entry.content).toString("utf8");
    const app = /<Application>([^<]*)<\/Application>/.exec(xml)?.[1]?.trim();
    const version = /<AppVersion>([^<]*)<\/AppVersion>/.exec(xml)?.[1]?.trim();
    return app ? (version ? `${app} ${version}` : app) : null;
  } catch {
    return null;
  }
}

/** Read a .docx into the document model: paragraphs and tables in order, merges kept. */
export async function readDocx(bytes: Uint8Array, fileName: string): Promise<DocumentModel> {
  let html: string;
  const warnings: string[] = [];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes) },
      // Images carry no text: leave them out instead of inlining them as base64.
      { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) },
    );
    // mammoth links each footnote back to its reference with an arrow that is not printed.
    html = result.value.replace(/<a href="#(?:foot|end)note-ref-[^"]*">↑<\/a>/g, "");
    // mammoth gives up on merges in a table holding anything but plain rows and cells.
    if (result.messages.some((m) => /cell merging may be incorrect/.test(m.message))) {
      warnings.push(`Word 文件 ${fileName} 中有表格的合并单元格可能未正确识别`);
    }
  } catch (e) {
    throw new UnreadableFileError(
      `无法读取 Word 文件 ${fileName}：${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const blocks = htmlBlocks(html);
  if (blocks.length === 0) throw new UnreadableFileError(`Word 文件 ${fileName} 中没有可读取的文字或表格`);
  return { format: "docx", producer: producerOf(bytes), parts: [{ label: "", blocks }], warnings };
}
