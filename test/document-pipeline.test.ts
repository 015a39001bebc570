import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCore } from "../src/app.js";
import { sourceLabel } from "../src/domain/places.js";
import type {
  DocBlock,
  DocCell,
  DocRow,
  DocTable,
  DocumentModel,
  Place,
} from "../src/ingest/document/model.js";
import { streamOf } from "../src/ingest/document/stream.js";
import { detectFormat } from "../src/ingest/formats/detect.js";
import { UnreadableFileError } from "../src/ingest/formats/errors.js";
import { readDocument } from "../src/ingest/formats/index.js";
import { textModel } from "../src/ingest/formats/text.js";
import { NeedsOcrError, parseDisclosure, readDisclosure } from "../src/ingest/parse.js";
import { readStandardTables } from "../src/ingest/standard-tables.js";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import { silentLogger } from "../src/lifecycle/log.js";
import { closeDb } from "../src/store/sqlite/db.js";
import { getDisclosure } from "../src/store/sqlite/read/disclosure.js";
import { getPlaces, listDocuments } from "../src/store/sqlite/read/documents.js";
import { openSqliteStore, sqliteStore } from "../src/store/sqlite/store.js";
import { askText } from "./helpers/ask-core.js";

const SEED_000 = "000_30685518d77b763b.txt";
const seedBytes = (f: string) => readFileSync(join("data", f));

/** A ZIP archive holding empty stored entries with these names (enough for detection). */
function zipWith(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
]);

describe("recognising a file's format by its content, whatever its name", () => {
  it("tells PDF, docx, xlsx, other ZIP, OLE2, HTML, text and binary apart", () => {
    expect(detectFormat(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"))).toBe("pdf");
    expect(detectFormat(zipWith(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]))).toBe("docx");
    expect(
      detectFormat(zipWith(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"])),
    ).toBe("xlsx");
    expect(detectFormat(zipWith(["photos/a.jpg"]))).toBe("zip");
    expect(detectFormat(OLE2)).toBe("ole2");
    expect(detectFormat(Buffer.from("<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table>"))).toBe(
      "html",
    );
    expect(detectFormat(Buffer.from('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><table>'))).toBe(
      "html",
    );
    expect(detectFormat(seedBytes(SEED_000))).toBe("text");
    expect(detectFormat(Buffer.from("预算说明：本单位不涉及 <p> 标签的文字。\n"))).toBe("text");
    expect(detectFormat(PNG)).toBe("binary");
  });

  it("reads a text file named .pdf as text and refuses a PDF named .txt while no PDF reader is registered", async () => {
    const model = await readDocument(seedBytes(SEED_000), "表格.pdf");
    expect(model.format).toBe("text");
    const pdfBytes = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n");
    await expect(readDocument(pdfBytes, "说明.txt")).rejects.toThrow(UnreadableFileError);
  });

  it("refuses empty files, legacy Office files, archives and binary files with a reason in Chinese", async () => {
    await expect(readDocument(Buffer.alloc(0), "a.txt")).rejects.toThrow("文件为空");
    const legacyDoc = readFileSync(join("test", "fixtures", "formats", "legacy.doc"));
    await expect(readDocument(legacyDoc, "预算.txt")).rejects.toThrow(/另存为 \.docx 或 PDF/);
    await expect(readDocument(OLE2, "预算.xls")).rejects.toThrow(/已损坏或不是可读取的 Office 文件/);
    await expect(readDocument(zipWith(["a/b.txt"]), "预算.zip")).rejects.toThrow(/解压/);
    await expect(readDocument(PNG, "预算.txt")).rejects.toThrow("不是可识别的预算公开文件（格式无法识别");
  });
});

describe("parsing the bytes of a file", () => {
  it("keys a document by the sha256 of its bytes", async () => {
    const d = await readDisclosure(seedBytes(SEED_000), SEED_000);
    // sha256sum data/000_30685518d77b763b.txt
    const { createHash } = await import("node:crypto");
    expect(d.sha256).toBe(createHash("sha256").update(seedBytes(SEED_000)).digest("hex"));
    expect(d.tables).toHaveLength(9);
    expect(d.places).toBeUndefined();
  });

  it("refuses a scanned PDF (pages without any text) with a message that it needs OCR", () => {
    const scan: DocumentModel = {
      format: "pdf",
      producer: "Scanner",
      parts: [1, 2, 3].map((n) => ({ label: `第${n}页`, blocks: [] })),
      warnings: [],
    };
    expect(() => parseDisclosure(scan, "扫描件.pdf")).toThrow(NeedsOcrError);
    expect(() => parseDisclosure(scan, "扫描件.pdf")).toThrow(/需要先做文字识别（OCR）/);
  });
});

/** Seed 000 as if a PDF reader had read it: the same blocks, placed on pages of 60 lines. */
function asPages(text: string): DocumentModel {
  const model = textModel(text);
  const page = (p: Place): Place => {
    const line = p.kind === "line" ? p.line : 1;
    return { kind: "page", page: Math.floor((line - 1) / 60) + 1, line: ((line - 1) % 60) + 1 };
  };
  const cell = (c: DocCell): DocCell => ({ text: c.text, colSpan: c.colSpan, rowSpan: c.rowSpan });
  const row = (r: DocRow): DocRow => ({ cells: r.cells.map(cell), place: page(r.place) });
  const block = (b: DocBlock): DocBlock =>
    b.type === "paragraph"
      ? { ...b, place: page(b.place) }
      : { ...b, rows: b.rows.map(row), place: page(b.place) };
  const blocks = (model.parts[0]?.blocks ?? []).map(block);
  return { format: "pdf", producer: "test", parts: [{ label: "", blocks }], warnings: [] };
}

describe("sources in the document's own terms", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "budget-places-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("a document read from pages reads the same figures and cites pages, also after storing it", async () => {
    const text = readFileSync(join("data", SEED_000), "utf8");
    const fromText = parseDisclosure(textModel(text), SEED_000);
    const fromPages = parseDisclosure(asPages(text), "000.pdf");
    const values = (d: typeof fromText) =>
      d.tables.map((t) => t.rows.map((r) => [r.name, Object.values(r.values).map((v) => v?.text ?? null)]));
    expect(values(fromPages)).toEqual(values(fromText));
    expect(fromPages.projects.map((p) => p.budget?.text)).toEqual(
      fromText.projects.map((p) => p.budget?.text),
    );

    const sangong = fromPages.tables.find((t) => t.kind === "三公经费支出表");
    const total = sangong?.rows[0]?.values && Object.values(sangong.rows[0].values).find((v) => v);
    expect(total?.source.place?.kind).toBe("page");
    expect(sourceLabel(total?.source ?? { line: 0 })).toMatch(/^第\d+页$/);
    // The text version of the same figure still says 第N行.
    const textTotal = Object.values(
      fromText.tables.find((t) => t.kind === "三公经费支出表")?.rows[0]?.values ?? {},
    ).find((v) => v);
    expect(sourceLabel(textTotal?.source ?? { line: 0 })).toMatch(/^第\d+行$/);

    const db = openSqliteStore(join(dir, "budget.db")).db;
    try {
      const { docId } = await storeDisclosure(sqliteStore(db), fromPages);
      expect(Object.keys(getPlaces(db, docId) ?? {}).length).toBeGreaterThan(100);
      const stored = getDisclosure(db, docId);
      const storedTotal = Object.values(
        stored?.tables.find((t) => t.kind === "三公经费支出表")?.rows[0]?.values ?? {},
      ).find((v) => v);
      expect(storedTotal?.source.place).toEqual(total?.source.place);

      const core = createCore({ store: sqliteStore(db), log: silentLogger });
      const shown = await askText(core, "/budget 容东 2024 三公");
      expect(shown).toMatch(/000\.pdf · [^\n]*三公[^\n]* · 第\d+页/);
      expect(shown).not.toMatch(/000\.pdf · [^\n]* · 第\d+行/);
      expect(await askText(core, "/project 后勤保障")).toMatch(/第\d+页/);
      expect(listDocuments(db)).toHaveLength(1);
    } finally {
      closeDb(db);
    }
  });

  it("ordinals of a non-text document run in reading order and map back to their places", () => {
    const s = streamOf(asPages("标题\n\n\t甲\n\t乙\n\n说明文字。\n"));
    expect(s.blocks.map((b) => b.line)).toEqual([1, 2, 3]);
    expect(s.places.get(1)).toEqual({ kind: "page", page: 1, line: 1 });
    expect(s.places.get(2)).toEqual({ kind: "page", page: 1, line: 3 });
    expect(s.label(3)).toBe("第1页");
  });
});

/** A cell, merged or not. */
const c = (text: string, colSpan = 1, rowSpan = 1): DocCell => ({ text, colSpan, rowSpan });

describe("tables with merged cells (Excel, Word, HTML)", () => {
  const row = (n: number, cells: DocCell[]): DocRow => ({
    cells,
    place: { kind: "sheet", sheet: "1.收支总表", row: n },
  });
  const table: DocTable = {
    type: "table",
    place: { kind: "sheet", sheet: "1.收支总表", row: 1 },
    rows: [
      row(1, [c("部门收支总表", 6)]),
      row(2, [c("单位：万元", 6)]),
      row(3, [c("收入", 2), c("支出", 4)]),
      row(4, [c("项目"), c("预算数"), c("项目"), c("合计"), c("基本支出", 1), c("项目支出", 1)]),
      row(5, [
        c("一般公共预算拨款收入"),
        c("1,200.00"),
        c("一般公共服务支出"),
        c("1,200.00"),
        c("800.00"),
        c("400.00"),
      ]),
      row(6, [c("收入总计", 1, 1), c("1,200.00"), c("支出总计"), c("1,200.00"), c("800.00"), c("400.00")]),
    ],
  };
  const model: DocumentModel = {
    format: "xlsx",
    producer: "Microsoft Excel",
    parts: [{ label: "工作表“1.收支总表”", blocks: [table] }],
    warnings: [],
  };

  it("reads a two-sided table whose header groups are merged across columns", () => {
    const r = readStandardTables(model, "表格.xlsx");
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t?.kind).toBe("收支总表");
    expect(t?.columns).toEqual(["预算数", "合计", "基本支出", "项目支出"]);
    expect(t?.rows.map((x) => [x.side, x.name, Object.values(x.values).map((v) => v?.text ?? null)])).toEqual(
      [
        ["收入", "一般公共预算拨款收入", ["1,200.00"]],
        ["支出", "一般公共服务支出", ["1,200.00", "800.00", "400.00"]],
        ["收入", "收入总计", ["1,200.00"]],
        ["支出", "支出总计", ["1,200.00", "800.00", "400.00"]],
      ],
    );
    const place = streamOf(model).places.get(t?.rows[1]?.line ?? 0);
    expect(place).toEqual({ kind: "sheet", sheet: "1.收支总表", row: 5 });
  });

  it("expands merged cells to the grid: covered positions are blank, a header covered from the left names it", () => {
    const s = streamOf({
      ...model,
      parts: [
        {
          label: "",
          blocks: [
            {
              type: "table",
              place: { kind: "table", table: 1, row: 1 },
              rows: [
                { cells: [c("类", 1, 2), c("本年收入", 2)], place: { kind: "table", table: 1, row: 1 } },
                { cells: [c("财政拨款"), c("其他")], place: { kind: "table", table: 1, row: 2 } },
              ],
            },
          ],
        },
      ],
    });
    expect(s.blocks[0]).toMatchObject({
      cells: [{ text: "类" }, { text: "本年收入" }, { text: "", spanned: "本年收入" }],
    });
    expect(s.blocks[1]).toMatchObject({ cells: [{ text: "" }, { text: "财政拨款" }, { text: "其他" }] });
    expect(s.label(2)).toBe("表1 第2行");
  });
});

describe("places of the real readers' documents", () => {
  it.each([
    ["seed000.xlsx", /^工作表“.+” 第\d+行$/],
    ["seed000.xls", /^工作表“.+” 第\d+行$/],
    ["seed000.docx", /^表\d+ 第\d+行$/],
    ["seed000.html", /^表\d+ 第\d+行$/],
  ])("%s cites its figures in its own terms", async (file, label) => {
    const d = await readDisclosure(readFileSync(join("test", "fixtures", "formats", file)), file);
    const sangong = d.tables.find((t) => t.kind === "三公经费支出表");
    const figure = Object.values(sangong?.rows.find((r) => r.name.includes("公务接待"))?.values ?? {}).find(
      (v) => v,
    );
    expect(figure?.text).toBe("5.00");
    expect(sourceLabel(figure?.source ?? { line: 0 })).toMatch(label);
  });
});
