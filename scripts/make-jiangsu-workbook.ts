/**
 * Rebuild the Jiangsu tables file as the Excel workbook it was printed from:
 * /work/shared/corpus/江苏省政协办公厅2019年预算公开表.pdf (12 pages, "Microsoft Excel 2010", one
 * sheet per table) → test/fixtures/formats/jszx2019.{xlsx,xls}.
 *
 *   npx tsx scripts/make-jiangsu-workbook.ts [path/to/the.pdf]
 *
 * - The PDF is read with the project's own PDF reader (formats/pdf.ts readPdf); one sheet per page,
 *   in page order, named as the page prints its table number (`公开01表`), else `表N`.
 * - A page's paragraphs (`公开01表`, the title, `部门：…`, `单位：万元`) are rows of one cell above
 *   the table, the title merged across the table's width as Excel centres it; a paragraph after
 *   the table (`注：本部门无该项目`) is the row right below it.
 * - Table cells keep their spans as `!merges` (blank merged cells too); amounts are numbers with a
 *   number format that displays exactly the printed text (`#,##0.00` for `13,377.11`, `0.00` for
 *   `80.00`), every other cell (codes like `2010201` included) a string.
 * - jszx2019.xls (BIFF8): LibreOffice from the xlsx when `soffice` is installed, else SheetJS's
 *   own BIFF8 writer. Only this script needs LibreOffice; the fixtures are committed.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import type { DocPart, DocTable } from "../src/ingest/document/model.js";
import { readPdf } from "../src/ingest/formats/pdf.js";
import { soffice } from "./lib/soffice.js";

const ROOT = new URL("..", import.meta.url).pathname;
const SOURCE = process.argv[2] ?? "/work/shared/corpus/江苏省政协办公厅2019年预算公开表.pdf";
const OUT = join(ROOT, "test/fixtures/formats");
const BASE = "jszx2019";

/** A cell as Excel holds it: an amount is a number whose format prints the same text. */
function excelCell(text: string): XLSX.CellObject {
  const grouped = /^-?[1-9]\d{0,2}(?:,\d{3})+(?:\.(\d{1,6}))?$/.exec(text);
  if (grouped) {
    const decimals = grouped[1]?.length ?? 0;
    return { t: "n", v: Number(text.replace(/,/g, "")), z: decimals ? `#,##0.${"0".repeat(decimals)}` : "#,##0" };
  }
  // Only amounts with decimals: an integer like `201` or `2010201` is a 科目编码, kept as text.
  const dec = /^-?(?:0|[1-9]\d{0,14})\.(\d{1,6})$/.exec(text);
  if (dec) {
    const zeros = "0".repeat((dec[1] as string).length);
    // Below 1000 `#,##0.00` (what Excel's users pick) prints the same; above, only `0.00` does.
    return { t: "n", v: Number(text), z: Math.abs(Number(text)) >= 1000 ? `0.${zeros}` : `#,##0.${zeros}` };
  }
  return { t: "s", v: text };
}

/** Sheet name of a page: the table number it prints (`公开01表`), else `表N`; at most 31 chars. */
function sheetName(part: DocPart, index: number, taken: Set<string>): string {
  const printed = part.blocks.find((b) => b.type === "paragraph" && /^公开\d+表$/.test(b.text.trim()));
  let name = (printed?.type === "paragraph" ? printed.text.trim() : `表${index + 1}`).replace(/[\\/?*[\]:]/g, "").slice(0, 31);
  for (let k = 2; taken.has(name); k++) name = `${name.slice(0, 28)}(${k})`;
  taken.add(name);
  return name;
}

/** The width of a table in grid columns. */
function widthOf(table: DocTable): number {
  const grid: number[] = table.rows.map(() => 0);
  let width = 0;
  table.rows.forEach((row, r) => {
    for (const cell of row.cells) {
      for (let dr = 0; dr < cell.rowSpan && r + dr < grid.length; dr++) grid[r + dr] = (grid[r + dr] as number) + cell.colSpan;
    }
    width = Math.max(width, grid[r] as number);
  });
  return width;
}

/** One worksheet holding a page: its paragraphs as one-cell rows, its tables with their merges. */
function sheetOf(part: DocPart): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  const merges: XLSX.Range[] = [];
  const tables = part.blocks.filter((b): b is DocTable => b.type === "table");
  const width = Math.max(1, ...tables.map(widthOf));
  let r = 0;
  let maxC = 0;
  const firstTable = part.blocks.findIndex((b) => b.type === "table");
  part.blocks.forEach((block, b) => {
    if (block.type === "paragraph") {
      ws[XLSX.utils.encode_cell({ r, c: 0 })] = { t: "s", v: block.text };
      // The title (above the table, neither the table number nor a `部门：` / `单位：` label) is
      // centred across the table.
      const isTitle = b < firstTable && width > 1 && !/^公开\d+表$|[:：]/.test(block.text.trim());
      if (isTitle) merges.push({ s: { r, c: 0 }, e: { r, c: width - 1 } });
      r++;
      return;
    }
    const occupied: boolean[][] = [];
    block.rows.forEach((row, i) => {
      const line = (occupied[i] ??= []);
      let c = 0;
      for (const cell of row.cells) {
        while (line[c]) c++;
        for (let dr = 0; dr < cell.rowSpan; dr++) {
          const target = (occupied[i + dr] ??= []);
          for (let dc = 0; dc < cell.colSpan; dc++) target[c + dc] = true;
        }
        if (cell.text !== "") ws[XLSX.utils.encode_cell({ r: r + i, c })] = excelCell(cell.text);
        if (cell.colSpan > 1 || cell.rowSpan > 1) {
          merges.push({ s: { r: r + i, c }, e: { r: r + i + cell.rowSpan - 1, c: c + cell.colSpan - 1 } });
        }
        c += cell.colSpan;
        maxC = Math.max(maxC, c - 1);
      }
    });
    r += block.rows.length;
  });
  ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, r - 1), c: Math.max(maxC, width - 1) } });
  ws["!merges"] = merges;
  ws["!cols"] = Array.from({ length: Math.max(maxC + 1, width) }, () => ({ wch: 16 }));
  return ws;
}


function hasSoffice(): boolean {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore", timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  if (!existsSync(SOURCE)) throw new Error(`not found: ${SOURCE}`);
  mkdirSync(OUT, { recursive: true });
  const model = await readPdf(new Uint8Array(readFileSync(SOURCE)), SOURCE.split("/").pop() as string);
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  model.parts.forEach((part, i) => {
    if (part.blocks.length === 0) return;
    XLSX.utils.book_append_sheet(wb, sheetOf(part), sheetName(part, i, taken));
  });
  wb.Props = { Title: "江苏省政协办公厅2019年预算公开表", Author: "budget-bot fixture" };
  const xlsx = join(OUT, `${BASE}.xlsx`);
  writeFileSync(xlsx, XLSX.write(wb, { type: "buffer", bookType: "xlsx", compression: true }));
  console.log(`wrote ${xlsx}: ${wb.SheetNames.join(" ")}`);

  const xls = join(OUT, `${BASE}.xls`);
  if (hasSoffice()) {
    const work = mkdtempSync(join(tmpdir(), `${BASE}-`));
    try {
      copyFileSync(xlsx, join(work, `${BASE}.xlsx`));
      copyFileSync(soffice(join(work, `${BASE}.xlsx`), "xls", work), xls);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    console.log(`wrote ${xls} (LibreOffice)`);
  } else {
    writeFileSync(xls, XLSX.write(wb, { type: "buffer", bookType: "biff8" }));
    console.log(`wrote ${xls} (SheetJS BIFF8; LibreOffice not installed)`);
  }
}

await main();
