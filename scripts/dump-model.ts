/**
 * Print a file's document model for debugging: `npx tsx scripts/dump-model.ts <file> [part]`
 * (any format the dispatcher `src/ingest/formats/index.ts` reads; PDF only without it).
 * Paragraphs print as `[第N页 行L] text`, table rows as `[第N页 行L] cell | cell | …`
 * (a merged cell shows its span as `text{c2}` / `text{r3}`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type DocumentModel, type Place, placeLabel } from "../src/ingest/document/model.js";
import { readPdf } from "../src/ingest/formats/pdf.js";

type Reader = (bytes: Uint8Array, fileName: string) => Promise<DocumentModel>;

/** The format dispatcher (any format) when it is there, else the PDF reader. */
async function reader(): Promise<Reader> {
  const dispatcher = "../src/ingest/formats/index.js";
  try {
    const mod = (await import(dispatcher)) as { readDocument?: Reader };
    if (typeof mod.readDocument === "function") return mod.readDocument;
  } catch {
    // No dispatcher yet: PDF only.
  }
  return readPdf;
}

function where(place: Place): string {
  return place.kind === "page" ? `第${place.page}页 行${place.line ?? "?"}` : placeLabel(place);
}

async function main(): Promise<void> {
  const [file, onlyPage] = process.argv.slice(2);
  if (!file) {
    console.error("用法：npx tsx scripts/dump-model.ts <文件> [第几部分（页/工作表）]");
    process.exit(2);
  }
  const bytes = new Uint8Array(readFileSync(file));
  const model: DocumentModel = await (await reader())(bytes, path.basename(file));
  console.log(`format=${model.format} producer=${model.producer ?? "-"} parts=${model.parts.length}`);
  for (const w of model.warnings) console.log(`警告：${w}`);
  model.parts.forEach((part, i) => {
    if (onlyPage && Number(onlyPage) !== i + 1) return;
    console.log(`=== ${part.label}`);
    part.blocks.forEach((block, b) => {
      if (block.type === "paragraph") {
        console.log(`[${where(block.place)}] ${block.text}`);
      } else {
        console.log(`--- 表 (${block.rows.length} 行) ${where(block.place)}`);
        for (const row of block.rows) {
          const cells = row.cells.map((c) => c.text + (c.colSpan > 1 ? `{c${c.colSpan}}` : "") + (c.rowSpan > 1 ? `{r${c.rowSpan}}` : ""));
          console.log(`[${where(row.place)}] ${cells.join(" | ")}`);
        }
        console.log(`--- 表完 #${b}`);
      }
    });
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
