import { describe, expect, it } from "vitest";
import { textModel } from "../src/ingest/formats/text.js";
import { readStandardTables } from "../src/ingest/standard-tables.js";
import { mergeHeaderRows } from "../src/ingest/table-header.js";

describe("mergeHeaderRows", () => {
  it("gives a blank second-row cell the header above it and squashes whitespace", () => {
    const merged = mergeHeaderRows([
      ["序号", "功能分类科目", "合计", "本年收入", "上年结转"],
      ["", "科目    编码", "科目名称", "", "小计", "财政拨款 收入", "其他收入", ""],
    ]);
    expect(merged.exact).toBe(true);
    expect(merged.columns).toEqual([
      { name: "序号", group: null },
      { name: "科目编码", group: "功能分类科目" },
      { name: "科目名称", group: "功能分类科目" },
      { name: "合计", group: null },
      { name: "小计", group: "本年收入" },
      { name: "财政拨款收入", group: "本年收入" },
      { name: "其他收入", group: "本年收入" },
      { name: "上年结转", group: null },
    ]);
  });

  it("splits adjacent groups after 科目名称 and at a repeated label", () => {
    const basic = mergeHeaderRows([
      ["序号", "支出部门经济分类科目", "一般公共预算基本支出"],
      ["", "科目编码", "科目名称", "合计", "人员经费", "公用经费"],
    ]);
    expect(basic.columns.map((c) => `${c.group}/${c.name}`)).toEqual([
      "null/序号",
      "支出部门经济分类科目/科目编码",
      "支出部门经济分类科目/科目名称",
      "一般公共预算基本支出/合计",
      "一般公共预算基本支出/人员经费",
      "一般公共预算基本支出/公用经费",
    ]);
    const twoSided = mergeHeaderRows([
      ["序号", "收入", "支出"],
      ["", "项  目", "预算数", "项  目", "预算数"],
    ]);
    expect(twoSided.columns.map((c) => `${c.group}/${c.name}`)).toEqual([
      "null/序号",
      "收入/项目",
      "收入/预算数",
      "支出/项目",
      "支出/预算数",
    ]);
  });

  it("merges three header rows where the lower rows are full width", () => {
    const merged = mergeHeaderRows([
      ["科目编码", "科目名称", "合计"],
      ["类", "款", "项", "", ""],
      ["", "", "", "", ""],
    ]);
    expect(merged.columns.map((c) => `${c.group}/${c.name}`)).toEqual([
      "科目编码/类",
      "科目编码/款",
      "科目编码/项",
      "null/科目名称",
      "null/合计",
    ]);
  });
});

describe("a standard table from another department", () => {
  it("reads a PDF-layout 支出总表 in 元 without a 栏次 row and with 类/款/项 code columns", () => {
    const text = [
      "表3 2025年某某局支出总表",
      "单位：元",
      "科目编码\t科目名称\t合计\t基本支出\t项目支出",
      "类\t款\t项\t\t\t\t",
      "\t\t\t合计\t1,234,567.00\t1,000,000\t234,567.00",
      "201\t\t\t一般公共服务支出\t1,234,567.00\t1,000,000\t234,567.00",
      "201\t03\t\t政府办公厅（室）及相关机构事务\t1,234,567.00\t1,000,000\t",
      "注：本表无政府性基金。",
    ].join("\n");
    const r = readStandardTables(textModel(text), "x.txt");
    expect(r.warnings).toEqual([]);
    expect(r.tables).toHaveLength(1);
    const t = r.tables[0];
    expect(t?.kind).toBe("支出总表");
    expect(t?.unit).toBe("元");
    expect(t?.columns).toEqual(["合计", "基本支出", "项目支出"]);
    expect(t?.note).toBe("注：本表无政府性基金。");
    expect(
      t?.rows.map((x) => [x.code, x.name, x.level, x.values.合计?.fen, x.values.项目支出?.fen ?? null]),
    ).toEqual([
      [null, "合计", null, 123456700, 23456700],
      ["201", "一般公共服务支出", 1, 123456700, 23456700],
      ["20103", "政府办公厅（室）及相关机构事务", 2, 123456700, null],
    ]);
  });
});

describe("headers with merged cells (document model)", () => {
  it("gives each leaf of a three-row header its group and the labels above it", async () => {
    const { mergeSpannedHeaderRows } = await import("../src/ingest/table-header.js");
    // 上海 “三公”经费和机关运行经费预算表, as the PDF reader gives it.
    const { columns } = mergeSpannedHeaderRows([
      [
        { text: "2024年“三公”经费预算数", colSpan: 6 },
        { text: "2024年机关运行经费预算数", rowSpan: 3 },
      ],
      [
        { text: "合计", rowSpan: 2 },
        { text: "因公出国(境)费", rowSpan: 2 },
        { text: "公务接待费", rowSpan: 2 },
        { text: "公务用车购置及运行费", colSpan: 3 },
      ],
      [{ text: "小计" }, { text: "购置费" }, { text: "运行费" }],
    ]);
    expect(columns.map((c) => [c.name, c.group])).toEqual([
      ["合计", "2024年“三公”经费预算数"],
      ["因公出国(境)费", "2024年“三公”经费预算数"],
      ["公务接待费", "2024年“三公”经费预算数"],
      ["小计", "公务用车购置及运行费"],
      ["购置费", "公务用车购置及运行费"],
      ["运行费", "公务用车购置及运行费"],
      ["2024年机关运行经费预算数", null],
    ]);
    expect(columns[4]?.path).toEqual(["2024年“三公”经费预算数", "公务用车购置及运行费", "购置费"]);
  });

  it("carries a cell spanning rows down into the rows below it", async () => {
    const { RowExpander } = await import("../src/ingest/table-header.js");
    const x = new RowExpander();
    const first = x.next([{ text: "一般公共预算资金", rowSpan: 2 }, { text: "小计" }, { text: "13,297.11" }]);
    const second = x.next([{ text: "公共财政拨款(补助)资金" }, { text: "13,297.11" }]);
    expect(first.map((s) => [s.cell.text, s.origin])).toEqual([
      ["一般公共预算资金", true],
      ["小计", true],
      ["13,297.11", true],
    ]);
    expect(second.map((s) => [s.cell.text, s.origin, s.above ?? false])).toEqual([
      ["一般公共预算资金", false, true],
      ["公共财政拨款(补助)资金", true, false],
      ["13,297.11", true, false],
    ]);
  });
});
