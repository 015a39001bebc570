/**
 * Issue 17, who published it: one department under many spellings is one department-year, and a
 * table-only workbook printing its publisher only in each table's unit line names it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentKey } from "../src/domain/department-identity.js";
import { readDisclosure } from "../src/ingest/parse.js";
import { aliasesByDepartment } from "../src/store/sqlite/department-aliases.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

describe("departmentKey", () => {
  it("gives the spellings of one department one key", () => {
    const key = departmentKey("中共江苏省委办公厅");
    expect(departmentKey("中国共产党江苏省委员会办公厅")).toBe(key);
    expect(departmentKey("江苏省委办公厅")).toBe(key);
    expect(departmentKey("河北雄安新区容东管理委员会")).toBe(departmentKey("河北雄安新区容东管委会"));
    expect(departmentKey("某市卫生健康委员会")).toBe(departmentKey("某市卫生健康委"));
    expect(departmentKey("江苏省人民代表大会常务委员会办公厅")).toBe(departmentKey("江苏省人大常委会办公厅"));
    expect(departmentKey("中国人民政治协商会议江苏省委员会办公厅")).toBe(departmentKey("江苏省政协办公厅"));
  });

  it("keeps different departments apart", () => {
    expect(departmentKey("中共江苏省委办公厅")).not.toBe(departmentKey("江苏省人民政府办公厅"));
    expect(departmentKey("河北雄安新区容东管理委员会")).not.toBe(departmentKey("河北雄安新区容西管理委员会"));
    expect(departmentKey("江苏省人大常委会办公厅")).not.toBe(departmentKey("江苏省政协办公厅"));
  });
});

// Seed 000 (real, 容东 2024) as many publishers put it online: the tables file (lines 1–1821,
// each table's unit line `208河北雄安新区容东管理委员会`) and the 情况说明 file (the rest), whose
// title prints the short form 管委会.
describe("a narrative file and a tables file of one year under two spellings", () => {
  const lines = readFileSync("data/000_30685518d77b763b.txt", "utf8").split("\n");
  const dir = mkdtempSync(join(tmpdir(), "budget-identity-"));
  let c: CorpusDb;
  beforeAll(async () => {
    writeFileSync(
      join(dir, "容东2024说明.txt"),
      lines.slice(1821).join("\n").replaceAll("河北雄安新区容东管理委员会", "河北雄安新区容东管委会"),
    );
    writeFileSync(join(dir, "容东2024表.txt"), lines.slice(0, 1821).join("\n"));
    c = await openCorpusDb(["容东2024说明.txt", "容东2024表.txt"], dir);
  }, 60_000);
  afterAll(() => {
    c?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads the two spellings from the two files", () => {
    expect(c.parsed.get("容东2024说明.txt")?.department.name).toBe("河北雄安新区容东管委会");
  });

  it("stores both files as one department-year, the printed spelling kept as an alias", async () => {
    expect((await c.core.catalog.departments()).map((d) => d.name)).toEqual(["河北雄安新区容东管委会"]);
    expect(aliasesByDepartment(c.db).get("河北雄安新区容东管委会")).toEqual(["河北雄安新区容东管理委员会"]);
    const answer = await c.ask("/budget 河北雄安新区容东管理委员会 2024");
    expect(answer).toContain("容东2024表.txt");
    expect(answer).toContain("容东2024说明.txt");
  });
});

describe("the publisher printed only in each table's unit line", () => {
  it("names a table-only workbook whose unit line is one cell, with the code glued in front", async () => {
    // The real seed 000 workbook with the 说明 sheet removed and each unit line merged into one
    // cell, as exporters print it: `208河北雄安新区容东管理委员会  预算年度：2024  单位：万元`.
    const wb = XLSX.read(readFileSync("test/fixtures/formats/seed000.xlsx"));
    wb.SheetNames = wb.SheetNames.filter((n) => n !== "说明");
    for (const n of wb.SheetNames) {
      const ws = wb.Sheets[n] as XLSX.WorkSheet;
      const a = ws.A2?.v;
      const b = ws.B2?.v;
      const cc = ws.C2?.v;
      expect([a, b, cc]).toEqual(["208河北雄安新区容东管理委员会", "预算年度：2024", "单位：万元"]);
      ws.A2 = { t: "s", v: `${a}  ${b}  ${cc}` };
      delete ws.B2;
      delete ws.C2;
    }
    const bytes = XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer;
    const d = await readDisclosure(new Uint8Array(bytes), "tables.xlsx");
    expect(d.department).toEqual({ name: "河北雄安新区容东管理委员会", code: "208", given: false });
    expect(d.year).toBe(2024);
  });
});

describe("/budget finds a department by any spelling", () => {
  it("resolves the long form of a stored short form, and a printed alias", async () => {
    const { DepartmentLexicon } = await import("../src/query/department.js");
    const lexicon = new DepartmentLexicon([
      { name: "中共江苏省委办公厅", code: null, years: [2024] },
      { name: "江苏省人民政府办公厅", code: null, years: [2024] },
      { name: "某某管理委员会", code: "208", years: [2024], aliases: ["某某新区开发建设管理委员会"] },
    ]);
    expect(lexicon.resolve("中国共产党江苏省委员会办公厅")).toMatchObject({
      kind: "one",
      department: { name: "中共江苏省委办公厅" },
    });
    expect(lexicon.resolve("某某新区开发建设管理委员会")).toMatchObject({
      kind: "one",
      department: { name: "某某管理委员会" },
    });
  });
});
