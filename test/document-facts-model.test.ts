import { describe, expect, it } from "vitest";
import type { DocBlock, DocumentModel } from "../src/ingest/document/model.js";
import { readDocumentFacts } from "../src/ingest/document-facts.js";
import { textModel } from "../src/ingest/formats/text.js";

/** A model of one sheet whose title and meta lines are rows of one filled cell, like an Excel export. */
function sheet(rows: string[][]): DocumentModel {
  const block: DocBlock = {
    type: "table",
    place: { kind: "sheet", sheet: "表1", row: 1 },
    rows: rows.map((cells, i) => ({
      cells: cells.map((text) => ({ text, colSpan: 1, rowSpan: 1 })),
      place: { kind: "sheet", sheet: "表1", row: i + 1 },
    })),
  };
  return { format: "xlsx", producer: null, parts: [{ label: "工作表“表1”", blocks: [block] }], warnings: [] };
}

describe("department and year read from the document itself", () => {
  it("takes the unit from a 部门：/预算单位：/单位名称： line, without a money unit glued after it", () => {
    for (const line of [
      "部门：上海市普陀区万里街道办事处",
      "预算单位：上海市普陀区万里街道办事处    单位：万元",
      "单位名称：上海市普陀区万里街道办事处",
      "编制单位：上海市普陀区万里街道办事处\t金额单位：元",
    ]) {
      const f = readDocumentFacts(textModel(`2024年部门预算公开\n${line}\n`), "x.txt");
      expect(f.name).toBe("上海市普陀区万里街道办事处");
      expect(f.year).toBe(2024);
    }
  });

  it("takes name and year from a cover title split over lines, and from a one-line title", () => {
    const cover = readDocumentFacts(textModel("江苏省政协办公厅\n2019年度部门预算\n"), "x.txt");
    expect([cover.name, cover.year]).toEqual(["江苏省政协办公厅", 2019]);
    const title = readDocumentFacts(textModel("上海市普陀区社会福利院2024年单位预算\n目录\n"), "x.txt");
    expect([title.name, title.year]).toEqual(["上海市普陀区社会福利院", 2024]);
  });

  it("reads title rows of a sheet like paragraphs: kind, name and year", () => {
    const f = readDocumentFacts(
      sheet([
        ["江苏省人大常委会办公厅2019年部门预算公开表", "", ""],
        ["部门收支总表", "", ""],
        ["单位：万元", "", ""],
        ["收入", "", "支出"],
      ]),
      "表格.xlsx",
    );
    expect(f.name).toBe("江苏省人大常委会办公厅");
    expect(f.year).toBe(2019);
    expect(f.kind).toBe("full");
  });

  it("does not take a table header cell 单位名称 or a money unit as the department", () => {
    const f = readDocumentFacts(
      sheet([
        ["单位名称", "单位性质", "经费保障形式"],
        ["某某街道社区服务中心", "事业单位", "财政补助"],
        ["单位：万元", "", ""],
      ]),
      "表格.xlsx",
    );
    expect(f.name).toBeNull();
  });
});

describe("a table of contents is not a cover", () => {
  it("does not take the contents above 第二部分2019年度部门预算表 as the department (江苏 narrative PDF)", () => {
    const toc =
      "目录\n第一部分部门概况\n一、主要职能\n二、部门机构设置及预算单位构成情况\n第二部分2019年度部门预算表\n";
    const f = readDocumentFacts(textModel(toc), "x.txt");
    expect(f.name).toBeNull();
    expect(f.year).toBe(2019);
  });
});
