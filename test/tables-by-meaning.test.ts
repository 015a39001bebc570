/**
 * Standard tables by meaning on hand-made rows for the layouts the corpus does not print:
 * codes glued to the name, a total row without a name column, each table keeping its own unit.
 */
import { describe, expect, it } from "vitest";
import { runChecks } from "../src/checks/index.js";
import { readStandardTables } from "../src/ingest/standard-tables.js";
import { sampleDisclosure } from "./fixtures/sample-disclosure.js";
import { type LineBlock as Block, modelOfBlocks } from "./helpers/blocks-model.js";

let line = 0;
const para = (text: string): Block => ({ type: "para", text, line: ++line });
const row = (...cells: string[]): Block => {
  const l = ++line;
  return { type: "row", line: l, cells: cells.map((text) => ({ text, line: l })) };
};
const stream = (blocks: Block[]) => modelOfBlocks(blocks);

describe("tables by meaning", () => {
  it("splits a 功能分类 code glued to its name and levels it by its length", () => {
    const r = readStandardTables(
      stream([
        para("表5 一般公共预算支出预算表"),
        para("单位：万元"),
        row("科目", "合计", "基本支出", "项目支出"),
        row("合计", "110.00", "100.00", "10.00"),
        row("201一般公共服务支出", "110.00", "100.00", "10.00"),
        row("20103政府办公厅（室）及相关机构事务", "110.00", "100.00", "10.00"),
        row("2010301行政运行", "100.00", "100.00", ""),
      ]),
      "x.pdf",
    );
    const t = r.tables[0];
    expect(t?.kind).toBe("一般公共预算财政拨款支出表");
    expect(t?.rows.map((x) => [x.code, x.name, x.level])).toEqual([
      [null, "合计", null],
      ["201", "一般公共服务支出", 1],
      ["20103", "政府办公厅（室）及相关机构事务", 2],
      ["2010301", "行政运行", 3],
    ]);
    expect(t?.rows[3]?.values.项目支出).toBeNull();
  });

  it("keeps each table's own unit: tables in 元, the 三公 table in 万元", () => {
    const r = readStandardTables(
      stream([
        para("2024年预算单位支出预算总表"),
        para("编制单位：某院 单位：元"),
        row("功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"),
        row("", "合计", "12,121,164", "9,501,164", "2,620,000"),
        para("单位“三公”经费和机关运行经费预算表"),
        para("编制单位：某院 单位:万元"),
        row("合计", "因公出国(境)费", "公务接待费", "机关运行经费预算数"),
        row("6.4", "0", "0", "0"),
      ]),
      "y.pdf",
    );
    expect(r.tables.map((t) => [t.kind, t.unit])).toEqual([
      ["支出总表", "元"],
      ["三公经费和机关运行经费表", "万元"],
    ]);
    expect(r.tables[0]?.rows[0]?.values.基本支出?.fen).toBe(950116400);
    expect(r.tables[1]?.rows.map((x) => [x.name, x.values.金额?.text])).toEqual([
      ["合计", "6.4"],
      ["因公出国(境)费", "0"],
      ["公务接待费", "0"],
      ["机关运行经费", "0"],
    ]);
    expect(r.tables[1]?.rows[0]?.values.金额?.fen).toBe(6400000);
  });

  it("names the one row of a 支出总表 without a name column by its 合计 column", () => {
    const r = readStandardTables(
      stream([
        para("公开03表"),
        para("支出预算总表"),
        para("部门：某厅 单位：万元"),
        row("合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"),
        row("13,377.11", "6,522.75", "4,968.34", "1,886.02", ""),
      ]),
      "z.pdf",
    );
    const total = r.tables[0]?.rows[0];
    expect(total?.name).toBe("合计");
    expect(total?.values.单位预留机动经费?.text).toBe("1,886.02");
    expect(total?.values.结转下年资金).toBeNull();
    expect(r.warnings).toEqual([]);
  });
});

describe("checks over tables read by meaning", () => {
  const wide = (purchase: string) =>
    readStandardTables(
      stream([
        para("部门“三公”经费和机关运行经费预算表"),
        para("编制部门：某街道 单位:万元"),
        {
          type: "row",
          line: 900,
          cells: [
            { text: "2024年“三公”经费预算数", line: 900, colSpan: 6 },
            { text: "2024年机关运行经费预算数", line: 900, rowSpan: 3 },
          ],
        },
        {
          type: "row",
          line: 901,
          cells: [
            { text: "合计", line: 901, rowSpan: 2 },
            { text: "因公出国(境)费", line: 901, rowSpan: 2 },
            { text: "公务接待费", line: 901, rowSpan: 2 },
            { text: "公务用车购置及运行费", line: 901, colSpan: 3 },
          ],
        },
        row("小计", "购置费", "运行费"),
        row("47.91", "0", "1.35", "46.56", purchase, "21.56", "443.18"),
      ]),
      "w.pdf",
    ).tables;

  it("find nothing wrong in a consistent 三公 table printed as one row", () => {
    const d = { ...sampleDisclosure(), tables: wide("25"), narrative: [] };
    expect(runChecks(d).filter((f) => f.ruleId === "sangong.table")).toEqual([]);
  });

  it("flag a 公务用车 小计 that is not 购置费 + 运行费 in such a table", () => {
    const d = { ...sampleDisclosure(), tables: wide("24"), narrative: [] };
    const found = runChecks(d).filter((f) => f.ruleId === "sangong.table");
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain("46.56");
  });
});
