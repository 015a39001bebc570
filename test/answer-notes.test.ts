/**
 * Notes that must be true: a 不适用/empty-table note quotes the department's sentence, never the
 * template's instruction; "没有功能分类预算表" only when the file has none (社会工作部 2024 决算 has
 * the 一般公共预算财政拨款支出决算表 on 第12页).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetAnswer } from "../src/answers/budget.js";
import { departmentSentence } from "../src/domain/text.js";
import { renderText } from "../src/render/index.js";
import { blankDisclosure } from "./helpers/blank-disclosure.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

// 中共上海市普陀区委社会工作部2024年度部门决算.pdf 第7页, under the 政府性基金 table, as printed.
const PRINTED =
  "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：\n说明：中共上海市普陀区委社会工作部本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。";
const OWN = "中共上海市普陀区委社会工作部本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。";

describe("a note under an empty table quotes the department, not the template", () => {
  it("drops the template's instruction and the 说明： label", () => {
    expect(departmentSentence(PRINTED)).toBe(OWN);
    expect(departmentSentence("注：无政府基金预算财政拨款预算，空表列示。")).toBe(
      "注：无政府基金预算财政拨款预算，空表列示。",
    );
  });

  it("shows the department's sentence under an empty 支出总表", () => {
    const doc = blankDisclosure("t.pdf", {
      tables: [
        {
          kind: "支出总表",
          title: "支出决算表",
          unit: "万元",
          line: 1,
          columns: ["合计"],
          rows: [],
          note: PRINTED,
        },
      ],
    });
    const text = renderText(
      budgetAnswer({ doc, topic: { kind: "expense" }, page: 1, commandFor: String, findings: [] }),
    );
    expect(text).toContain(OWN);
    expect(text).not.toContain("仍保留该表格式");
  });
});

describe("the 功能分类 table of a 决算 without a 支出总表 (社会工作部 2024)", () => {
  let corpus: CorpusDb;
  beforeAll(async () => {
    corpus = await openCorpusDb(["中共上海市普陀区委社会工作部2024年度部门决算.pdf"]);
  }, 120_000);
  afterAll(() => corpus.close());

  it("shows its class rows with their scope, and never says the file has no 功能分类 table", async () => {
    const text = await corpus.ask("/budget 社会工作部 2024 决算 支出");
    // 第8页 (支出决算表, all funds, read since the 决算 tables are; the 一般公共预算 table of 第12页 prints
    // the same figures): 201 一般公共服务支出 264.87 (基本 62.63, 项目 202.24), 合计 307.82.
    expect(text).toMatch(/201\s+一般公共服务支出\s+264\.87\s+62\.63\s+202\.24/);
    expect(text).toMatch(/合计\s+307\.82/);
    expect(text).toContain("支出（按功能分类）");
    expect(text).toContain("支出决算表 · 第8、9页");
    expect(text).not.toContain("没有功能分类预算表");
  });
});
