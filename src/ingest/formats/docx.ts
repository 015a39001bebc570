/**
 * Word reader: .docx → mammoth's HTML (paragraphs and tables in document order, merged cells
 * kept as colspan/rowspan from w:gridSpan and w:vMerge) → the HTML reader's blocks, one part.
 */
import * as XLSX from "@e965/xlsx";
import mammoth from "mammoth";
import type { DocBlock, DocumentModel } from "../document/model.js";
import { UnreadableFileError } from "./errors.js";
import { htmlBlocks } from "./html.js";

/** The text of one entry of the .docx zip, or null. */
function zipEntry(bytes: Uint8Array, path: string): string | null {
  try {
    const zip = XLSX.CFB.read(bytes, { type: "array" }) as {
      FullPaths: string[];
      FileIndex: Array<{ content?: Uint8Array }>;
    };
    const entry = zip.FileIndex[zip.FullPaths.findIndex((p) => p.endsWith(`/${path}`))];
    return entry?.content ? Buffer.from(entry.content).toString("utf8") : null;
  } catch {
    return null;
  }
}

/** The application docProps/app.xml names (`Microsoft Office Word`, `WPS Office`), when it does. */
function producerOf(bytes: Uint8Array): string | null {
  const xml = zipEntry(bytes, "docProps/app.xml");
  if (!xml) return null;
  const app = /<Application>([^<]*)<\/Application>/.exec(xml)?.[1]?.trim();
  const version = /<AppVersion>([^<]*)<\/AppVersion>/.exec(xml)?.[1]?.trim();
  return app ? (version ? `${app} ${version}` : app) : null;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const squashed = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, "");

/**
 * How many characters of text the body of word/document.xml holds (its `w:t` runs, a text box's
 * fallback copy left out), whitespace not counted; null when it cannot be read.
 */
export function documentTextLength(bytes: Uint8Array): number | null {
  const xml = zipEntry(bytes, "word/document.xml");
  if (xml === null) return null;
  let n = 0;
  const body = xml.replace(/<mc:Fallback>[\s\S]*?<\/mc:Fallback>/g, "");
  for (const m of body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)) {
    const text = (m[1] ?? "").replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (e, name: string) =>
      name.startsWith("#x") || name.startsWith("#X")
        ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
        : name.startsWith("#")
          ? String.fromCodePoint(Number.parseInt(name.slice(1), 10))
          : (ENTITIES[name] ?? e),
    );
    n += squashed(text).length;
  }
  return n;
}

/** Characters of text in blocks, whitespace not counted. */
function blocksTextLength(blocks: DocBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === "paragraph") n += squashed(b.text).length;
    else for (const r of b.rows) for (const c of r.cells) n += squashed(c.text).length;
  }
  return n;
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
      "unreadable",
    );
  }
  const blocks = htmlBlocks(html);
  if (blocks.length === 0)
    throw new UnreadableFileError(`Word 文件 ${fileName} 中没有可读取的文字或表格`, "empty");
  // A safety net for Word constructs mammoth skips: compare with the text the XML holds.
  const expected = documentTextLength(bytes);
  const read = blocksTextLength(blocks);
  if (expected !== null && read < expected * 0.98) {
    warnings.push(`Word 文件 ${fileName} 中约 ${Math.round((1 - read / expected) * 100)}% 的文字未能读取`);
  }
  return { format: "docx", producer: producerOf(bytes), parts: [{ label: "", blocks }], warnings };
}
