/**
 * /check on the two 决算 made from the national template (test/fixtures/final-accounts, consistent by
 * construction): the originals raise no false 【错误】, and problems planted in their 决算 tables —
 * the 三公 parts against their 合计, the 总表 balance with 年末结转和结余, a 功能分类 类 row against its
 * 款/项 — are each named with their figures and page.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ruleReport } from "../src/checks/index.js";
import type { DocumentModel } from "../src/ingest/document/model.js";
import { readDocument } from "../src/ingest/formats/index.js";
import { parseDisclosure } from "../src/ingest/parse.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { type Edit, findingsOf, inCell, newFindingsOf, shown } from "./helpers/planted.js";

const DIR = join(__dirname, "fixtures", "final-accounts");
const SH = "上海市普陀区示例局2024年度部门决算.pdf";
const CENTRAL = "甲省乙厅2023年度部门决算.pdf";

const FINAL = "中共上海市普陀区委社会工作部2024年度部门决算.pdf";

const models = new Map<string, DocumentModel>();
let finalModel: DocumentModel;

beforeAll(async () => {
  for (const f of [SH, CENTRAL]) {
    models.set(f, await readDocument(new Uint8Array(readFileSync(join(DIR, f))), f));
  }
  finalModel = await readDocument(new Uint8Array(readFileSync(join(CORPUS_DIR, FINAL))), FINAL);
}, 120_000);

const model = (file: string) => models.get(file) as DocumentModel;
const planted = (file: string, edit: Edit) => newFindingsOf(file, model(file), edit);

describe("the 决算 fixtures raise no false finding", () => {
  it("上海 layout: nothing", () => {
    expect(findingsOf(SH, model(SH)).map(shown)).toEqual([]);
  });

  it("中央 layout: only the tables of the 决算 template the excerpt does not print", () => {
    expect(findingsOf(CENTRAL, model(CENTRAL)).map(shown)).toEqual([
      // Real for this excerpt (no 目录): it prints five of the nine tables of the 决算 template; the
      // 收入决算表, 支出决算表, 财政拨款收入支出决算总表 and 国有资本 table are not in the file.
      "error completeness.toc-tables 决算模板要求的「收入决算表」在文件中没有找到。 @第1页",
      "error completeness.toc-tables 决算模板要求的「支出决算表」在文件中没有找到。 @第1页",
      "error completeness.toc-tables 决算模板要求的「财政拨款收入支出决算总表」在文件中没有找到。 @第1页",
      "error completeness.toc-tables 决算模板要求的「国有资本经营预算财政拨款收入支出决算表」在文件中没有找到。 @第1页",
    ]);
  });
});

describe("planted problems in the 决算 tables", () => {
  it("上海: a 三公 决算数 part changed (公务接待费 12.50 → 13.50, page 10)", () => {
    expect(planted(SH, inCell(10, "12.50", "13.50"))).toEqual([
      "error sangong.table 三公经费表：三公经费支出表「财政拨款“三公”经费合计」决算数 24.50 与 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费 0.00 + 12.00 + 13.50 = 25.50 不一致，相差 1.00 万元。 @第10页",
      "error narrative.vs-table 情况说明「公务接待费」 12.50 与 三公经费支出表「公务接待费」决算数 13.50 不一致，相差 1.00 万元。 @第13页、第10页",
      "warning cross.reception 三公经费支出表「公务接待费」决算数 13.50 与 一般公共预算财政拨款基本支出表「30217 公务接待费」 12.50 不一致，相差 1.00 万元。基本支出表只含基本支出中的公务接待费，项目支出中也可能列支，请核对。 @第10页、第9页",
    ]);
  });
  it("中央: a 三公 决算数 part changed (公务接待费 5.00 → 6.00, page 5)", () => {
    expect(planted(CENTRAL, inCell(5, "5.00", "6.00"))).toEqual([
      "error sangong.table 三公经费表：三公经费支出表「合计」决算数 20.00 与 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费 0.00 + 15.00 + 6.00 = 21.00 不一致，相差 1.00 万元。 @第5页",
      "error narrative.vs-table 情况说明「公务接待费」 5.00 与 三公经费支出表「3、公务接待费」决算数 6.00 不一致，相差 1.00 万元。 @第7页、第5页",
      "warning cross.reception 三公经费支出表「3、公务接待费」决算数 6.00 与 一般公共预算财政拨款基本支出表「30217 公务接待费」 5.00 不一致，相差 1.00 万元。基本支出表只含基本支出中的公务接待费，项目支出中也可能列支，请核对。 @第5页、第4页",
    ]);
  });
  it("上海: 年末结转和结余 of the 总表 changed (230.00 → 240.00, page 3)", () => {
    expect(planted(SH, inCell(2, "230.00", "240.00"))).toEqual([
      "error table.balance 收支总表支出方「总计」 1,500.00 与 本年支出合计与结转结余之和 1,270.00 + 240.00 = 1510.00 不一致，相差 10.00 万元。 @第3页",
    ]);
  });
  it("中央: 年末结转和结余 of the 总表 changed (140.00 → 150.00, page 2)", () => {
    expect(planted(CENTRAL, inCell(2, "140.00", "150.00"))).toEqual([
      "error table.balance 收支总表支出方「总计」 880.00 与 本年支出合计与结转结余之和 740.00 + 150.00 = 890.00 不一致，相差 10.00 万元。 @第2页",
    ]);
  });
  it("上海: a 功能分类 类 row changed (208 社会保障和就业支出 合计 180.00 → 190.00, page 8)", () => {
    expect(planted(SH, inCell(8, "180.00", "190.00", 0))).toEqual([
      "error cross.same-figure 同一数字在两表中不一致：财政拨款收支总表支出方「八、社会保障和就业支出」一般公共预算财政拨款 180.00 与 一般公共预算财政拨款支出表「208 社会保障和就业支出」合计 190.00 不一致，相差 10.00 万元。 @第6页、第8页",
      "error table.code-sum 一般公共预算财政拨款支出表「208 社会保障和就业支出」合计 190.00 与 「208 社会保障和就业支出」下级科目之和 180.00 不一致，相差 10.00 万元。 @第8页",
      "error table.column-sum 一般公共预算财政拨款支出表「208 社会保障和就业支出」合计 190.00 与 基本支出 + 项目支出 180.00 不一致，相差 10.00 万元。 @第8页",
      "error table.total-sum 一般公共预算财政拨款支出表「合计」合计 1,190.40 与 各类级科目之和 820.40 + 190.00 + 70.00 + 120.00 = 1200.40 不一致，相差 10.00 万元。 @第8页",
    ]);
  });
  it("中央: a 功能分类 类 row changed (221 住房保障支出 决算数 50.00 → 55.00, page 3)", () => {
    expect(planted(CENTRAL, inCell(3, "50.00", "55.00", 1))).toEqual([
      "error table.total-sum 一般公共预算财政拨款支出表「合计」合计 720.00 与 各类级科目之和 580.00 + 90.00 + 55.00 = 725.00 不一致，相差 5.00 万元。 @第3页",
      "error table.column-sum 一般公共预算财政拨款支出表「221 住房保障支出」合计 55.00 与 基本支出 + 项目支出 50.00 不一致，相差 5.00 万元。 @第3页",
    ]);
  });
  it("中央: the 年初预算数 of the 合计 row changed (700.00 → 710.00, page 3) against the 说明's 年初预算为700.00万元", () => {
    expect(planted(CENTRAL, inCell(3, "700.00", "710.00"))).toEqual([
      "error table.total-sum 一般公共预算财政拨款支出表「合计」年初预算数 710.00 与 各类级科目之和 560.00 + 95.00 + 45.00 = 700.00 不一致，相差 10.00 万元。 @第3页",
      "error narrative.final-vs-table 情况说明「一般公共预算拨款支出」年初预算 700.00 与 一般公共预算财政拨款支出表「合计」年初预算数 710.00 不一致，相差 10.00 万元。 @第7页、第3页",
    ]);
  });
  it("社会工作部 (real): a 项 row's 决算数 changed (2013950 事业运行 11.31 → 12.31, page 12) against the 说明's 支出决算为11.31万元", () => {
    expect(newFindingsOf(FINAL, finalModel, inCell(12, "11.31", "12.31", 0))).toEqual([
      "error table.code-sum 一般公共预算财政拨款支出表「20139 社会工作事务」合计 264.87 与 「20139 社会工作事务」下级科目之和 51.32 + 12.31 + 202.24 = 265.87 不一致，相差 1.00 万元。 @第12页",
      "error table.column-sum 一般公共预算财政拨款支出表「2013950 事业运行」合计 12.31 与 基本支出 + 项目支出 11.31 不一致，相差 1.00 万元。 @第12页",
      "error narrative.final-vs-table 情况说明「事业运行」支出决算 11.31 与 一般公共预算财政拨款支出表「2013950 事业运行」合计 12.31 不一致，相差 1.00 万元。 @第18页、第12页",
    ]);
  });
});

describe("figures of different fund scope are not compared as the same thing", () => {
  it("中央: the 说明's 基本支出 of all funds (520.00) beside the 一般公共预算 table's (500.00) is said not compared", () => {
    const d = parseDisclosure(model(CENTRAL), CENTRAL);
    const unchecked = ruleReport(d).find((r) => r.id === "narrative.vs-table")?.unchecked ?? [];
    expect(unchecked).toEqual([
      "情况说明「基本支出」 520.00万元为全部资金口径，一般公共预算财政拨款支出表「合计」基本支出 500.00万元只含一般公共预算财政拨款，口径不同，未比较",
      "情况说明「项目支出」 220.00万元为全部资金口径，一般公共预算财政拨款支出表「合计」项目支出 220.00万元只含一般公共预算财政拨款，口径不同，未比较",
    ]);
  });
});
