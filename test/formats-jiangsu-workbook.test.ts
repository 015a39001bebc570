/**
 * The Jiangsu tables file as the workbook it was printed from: 江苏省政协办公厅2019年预算公开表.pdf
 * ("Microsoft Excel 2010", one sheet per table) rebuilt by scripts/make-jiangsu-workbook.ts as
 * test/fixtures/formats/jszx2019.xlsx (SheetJS) and .xls (LibreOffice, BIFF8). Read through the
 * real pipeline, the workbook states the same standard tables (kinds, rows, codes, every figure's
 * text, 分 and unit), the same headline figures and the same department and year as the PDF; only
 * the sources differ: sheet rows (`工作表“公开09表” 第8行`) instead of pages. The same holds with
 * `部门：…` and `单位：万元` in one row, at its left and right, as the page prints them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import { beforeAll, describe, expect, it } from "vitest";
import { type TableTopic, tableFigure } from "../src/domain/table-figures.js";
import type { Disclosure, StandardTable } from "../src/domain/types.js";
import { placeLabel } from "../src/ingest/document/model.js";
import { readDisclosure } from "../src/ingest/parse.js";
import { CORPUS_DIR } from "./helpers/corpus.js";

const PDF = "江苏省政协办公厅2019年预算公开表.pdf";
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/formats/${name}`, import.meta.url)));

let pdf: Disclosure;
beforeAll(async () => {
  pdf = await readDisclosure(new Uint8Array(readFileSync(path.join(CORPUS_DIR, PDF))), PDF);
}, 60_000);

/** A table as the reader states it, without where it came from. */
function stated(tables: StandardTable[]) {
  return tables.map((t) => ({
    kind: t.kind,
    title: t.title,
    unit: t.unit,
    columns: t.columns,
    note: t.note,
    rows: t.rows.map((r) => ({
      side: r.side,
      seq: r.seq,
      code: r.code,
      name: r.name,
      level: r.level,
      values: Object.fromEntries(
        Object.entries(r.values).map(([k, v]) => [k, v && { text: v.text, fen: v.fen, unit: v.unit }]),
      ),
    })),
  }));
}

const TOPICS: TableTopic[] = [
  "income.total",
  "income.general",
  "expense.total",
  "expense.general",
  "expense.basic",
  "expense.project",
  "expense.reserve",
  "sangong.total",
  "sangong.abroad",
  "sangong.vehicle",
  "sangong.vehicle_purchase",
  "sangong.vehicle_operation",
  "sangong.reception",
  "operating_cost",
  "procurement.total",
];

/** Figures checked on the page images (pdftoppm -r 80): pages 1, 3, 9, 11 and 12 of the PDF. */
const PINNED: Array<[TableTopic, string, string]> = [
  ["income.total", "13,377.11", "公开01表"],
  ["income.general", "13,297.11", "公开01表"],
  ["expense.total", "13,377.11", "公开01表"],
  ["expense.basic", "6,522.75", "公开03表"],
  ["expense.project", "4,968.34", "公开03表"],
  ["expense.reserve", "1,886.02", "公开03表"],
  ["sangong.total", "660.10", "公开09表"],
  ["sangong.abroad", "106.00", "公开09表"],
  ["sangong.vehicle", "156.60", "公开09表"],
  ["sangong.vehicle_operation", "156.60", "公开09表"],
  ["sangong.reception", "397.50", "公开09表"],
  ["operating_cost", "1,130.74", "公开11表"],
  ["procurement.total", "1,624.42", "公开12表"],
];

describe("the PDF (the reference)", () => {
  it("states the pinned headline figures on the pages that print them", () => {
    for (const [topic, text, sheet] of PINNED) {
      const f = tableFigure(pdf.tables, topic);
      expect(f?.text, topic).toBe(text);
      expect(f?.source.place, topic).toEqual(
        expect.objectContaining({ kind: "page", page: Number(sheet.replace(/\D/g, "")) }),
      );
    }
    expect(tableFigure(pdf.tables, "sangong.vehicle_purchase")).toBeNull();
    expect(tableFigure(pdf.tables, "income.total")?.fen).toBe(13_377_110_000);
  });
});

describe.each(["jszx2019.xlsx", "jszx2019.xls"])("the workbook %s", (file) => {
  let d: Disclosure;
  beforeAll(async () => {
    d = await readDisclosure(fixture(file), file);
  });

  it("names the department and year the PDF names", () => {
    expect(d.department.name).toBe("江苏省政协办公厅");
    expect(d.year).toBe(2019);
    expect([d.department.name, d.year, d.kind, d.basis, d.region]).toEqual([
      pdf.department.name,
      pdf.year,
      pdf.kind,
      pdf.basis,
      pdf.region,
    ]);
  });

  it("states the same twelve tables, rows, codes and figures as the PDF", () => {
    expect(d.tables.map((t) => t.kind)).toEqual(pdf.tables.map((t) => t.kind));
    expect(d.tables).toHaveLength(12);
    expect(stated(d.tables)).toEqual(stated(pdf.tables));
  });

  it("states the same headline figures as the PDF", () => {
    for (const topic of TOPICS) {
      const a = tableFigure(d.tables, topic);
      const b = tableFigure(pdf.tables, topic);
      expect(a && { text: a.text, fen: a.fen, unit: a.unit }, topic).toEqual(
        b && { text: b.text, fen: b.fen, unit: b.unit },
      );
    }
    for (const [topic, text] of PINNED) expect(tableFigure(d.tables, topic)?.text, topic).toBe(text);
  });

  it("reads the same procurement rows and warns about nothing the PDF does not", () => {
    const rows = (x: Disclosure) =>
      x.procurement.map((r) =>
        JSON.stringify(r, (k, v) => (["line", "source", "place"].includes(k) ? undefined : v)),
      );
    expect(rows(d)).toEqual(rows(pdf));
    expect(d.procurement.length).toBeGreaterThan(0);
    expect(d.warnings.map((w) => w.message)).toEqual(pdf.warnings.map((w) => w.message));
  });

  it("cites the sheet rows, not pages", () => {
    const cite = (topic: TableTopic) => {
      const place = tableFigure(d.tables, topic)?.source.place;
      return place ? placeLabel(place) : null;
    };
    // 收入合计 is the 30th row of 公开01表: four paragraph rows above a 26-row table.
    expect(cite("income.total")).toBe("工作表“公开01表” 第30行");
    // The 三公 amounts are the one row under the three header rows: row 8 of 公开09表.
    expect(cite("sangong.total")).toBe("工作表“公开09表” 第8行");
    expect(cite("sangong.reception")).toBe("工作表“公开09表” 第8行");
    expect(cite("operating_cost")).toBe("工作表“公开11表” 第6行");
    const places = d.tables.flatMap((t) =>
      t.rows.flatMap((r) => Object.values(r.values).flatMap((v) => (v ? [v.source.place] : []))),
    );
    expect(places.length).toBeGreaterThan(100);
    expect(places.every((p) => p?.kind === "sheet")).toBe(true);
  });

  it("finds department and year from the sheets under a neutral file name", async () => {
    const neutral = file.replace(/^jszx2019/, "公开表");
    const n = await readDisclosure(fixture(file), neutral);
    expect(n.department.name).toBe("江苏省政协办公厅");
    expect(n.year).toBe(2019);
    expect(n.warnings.map((w) => w.message)).toEqual([]);
  });
});

describe("the fixture holds what Excel holds", () => {
  it("amounts as numbers formatted to print as the page does, codes as text, merges", () => {
    const wb = XLSX.read(fixture("jszx2019.xlsx"), { type: "array", cellNF: true });
    expect(wb.SheetNames).toEqual(
      Array.from({ length: 12 }, (_, i) => `公开${String(i + 1).padStart(2, "0")}表`),
    );
    const s1 = wb.Sheets.公开01表 as XLSX.WorkSheet;
    expect(s1.B30).toMatchObject({ t: "n", v: 13377.11, z: "#,##0.00", w: "13,377.11" });
    expect(s1.B12).toMatchObject({ t: "n", v: 80, w: "80.00" });
    expect(s1["!merges"]?.map((m) => XLSX.utils.encode_range(m))).toContain("A5:B5");
    const s5 = wb.Sheets.公开05表 as XLSX.WorkSheet;
    expect(s5.A9).toMatchObject({ t: "s", v: "2010201" });
  });
});

/**
 * The workbook as departments lay it out: `部门：…` at the left and `单位：万元` at the right of one
 * row above the table (the page prints them on one line), every row below moved up by one.
 */
function unitBesideDepartment(bytes: Uint8Array): Uint8Array {
  const wb = XLSX.read(bytes, { type: "array", cellNF: true, cellStyles: true });
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] as XLSX.WorkSheet;
    const range = XLSX.utils.decode_range(ws["!ref"] as string);
    expect((ws.A3 as XLSX.CellObject).v).toMatch(/^部门：/);
    expect((ws.A4 as XLSX.CellObject).v).toBe("单位：万元");
    const out: XLSX.WorkSheet = {};
    for (const key of Object.keys(ws)) {
      if (key.startsWith("!")) continue;
      const { r, c } = XLSX.utils.decode_cell(key);
      if (r !== 3) out[XLSX.utils.encode_cell({ r: r > 3 ? r - 1 : r, c })] = ws[key] as XLSX.CellObject;
    }
    out[XLSX.utils.encode_cell({ r: 2, c: range.e.c })] = ws.A4 as XLSX.CellObject;
    out["!ref"] = XLSX.utils.encode_range({ s: range.s, e: { r: range.e.r - 1, c: range.e.c } });
    const up = (a: XLSX.CellAddress) => ({ r: a.r > 3 ? a.r - 1 : a.r, c: a.c });
    out["!merges"] = (ws["!merges"] ?? []).map((m) => ({ s: up(m.s), e: up(m.e) }));
    wb.Sheets[name] = out;
  }
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
}

describe("the workbook with 部门 and 单位 in one row", () => {
  let d: Disclosure;
  beforeAll(async () => {
    d = await readDisclosure(unitBesideDepartment(fixture("jszx2019.xlsx")), "公开表.xlsx");
  });

  it("states the same tables, headline figures, department and year as the PDF", () => {
    expect(stated(d.tables)).toEqual(stated(pdf.tables));
    for (const [topic, text] of PINNED) expect(tableFigure(d.tables, topic)?.text, topic).toBe(text);
    expect([d.department.name, d.year]).toEqual(["江苏省政协办公厅", 2019]);
    expect(d.warnings).toEqual([]);
  });

  it("cites the rows one higher", () => {
    const place = tableFigure(d.tables, "sangong.reception")?.source.place;
    expect(place && placeLabel(place)).toBe("工作表“公开09表” 第7行");
  });
});
