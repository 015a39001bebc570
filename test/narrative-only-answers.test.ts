/**
 * A 情况说明 ingested alone (no 预算表 file for its department-year): the real corpus PDF through
 * the real pipeline into a real SQLite file, asked through the real dispatcher. The 支出 answer and
 * a class query answer from the narrative's per-class lines, each citing the page it is stated on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

let corpus: CorpusDb;
const ask = (line: string) => corpus.ask(line);

beforeAll(async () => {
  corpus = await openCorpusDb([
    "江苏省政协办公厅2019年度部门预算.pdf",
    "江苏省人大常委会2019年度部门预算公开.pdf",
  ]);
}, 60_000);

afterAll(() => corpus.close());

describe("a narrative-only department-year answers its classes from the 情况说明", () => {
  it("/budget 江苏省政协办公厅 2019 支出 lists the three classes with page 10, saying they come from the 情况说明", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2019 支出");
    expect(text).toMatch(/一般公共服务（类）支出\s+10,271\.56/);
    expect(text).toMatch(/社会保障和就业（类）支出\s+858\.51/);
    expect(text).toMatch(/住房保障（类）支出\s+2,247\.04/);
    expect(text).toContain("功能分类各类支出取自情况说明（第10页）");
  });
  it("/budget 江苏省人大常委会办公厅 2019 支出 shows 13907.78 as printed", async () => {
    const text = await ask("/budget 江苏省人大常委会办公厅 2019 支出");
    expect(text).toMatch(/一般公共服务（类）支出\s+13,907\.78/);
    expect(text).toContain("第10页");
  });
  it("/budget 江苏省政协办公厅 2019 一般公共服务支出 finds the class line first, cited by page not line", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2019 一般公共服务支出");
    const rows = text.split("\n").filter((l) => /\d,\d{3}\.\d\d|\d+\.\d\d/.test(l) && /第\d+页/.test(l));
    expect(rows[0]).toMatch(/一般公共服务（类）支出\s+10,271\.56\s+一、收支预算总体情况说明 第10页/);
    expect(text).not.toMatch(/第\d+行/);
  });
  it("/budget 江苏省政协办公厅 2019 单位预留机动经费 cites page 11 of the 说明, where the sentence is printed", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2019 单位预留机动经费");
    expect(text).toContain("1,886.02");
    expect(text).toMatch(/来源：[^\n]*第11页/);
    expect(text).not.toMatch(/第\d+行/);
  });
});

describe("the overview says whether the 情况说明 agrees with the tables", () => {
  let one: CorpusDb;
  beforeAll(async () => {
    one = await openCorpusDb(["省人大办公厅2018预算公开.pdf"]);
  }, 60_000);
  afterAll(() => one.close());
  it("/budget 江苏省人大常委会办公厅 2018 shows the table totals and the narrative's, with its pages", async () => {
    const text = await one.ask("/budget 江苏省人大常委会办公厅 2018");
    expect(text).toContain("情况说明（第19页）所述收入预算合计 15,897.44 万元，与表列一致");
    expect(text).toContain("情况说明（第21页）所述基本支出 7,877.76 万元，与表列一致");
    expect(text).toContain("情况说明（第21页）另列单位预留机动经费 1,685.72 万元");
  });
  it("/budget 江苏省人大常委会办公厅 2018 人员经费 adds the narrative's 人员/公用经费 the 经济分类 table has no column for", async () => {
    const text = await one.ask("/budget 江苏省人大常委会办公厅 2018 人员经费");
    expect(text).toContain("工资福利支出");
    expect(text).toContain("情况说明（第26页）另列人员经费 6,298.38 万元");
    expect(text).toContain("情况说明（第26页）另列公用经费 1,579.38 万元");
  });
  it("/budget 江苏省人大常委会办公厅 2018 三公 says the 情况说明 agrees with the table's parts, with pages 27 and 28", async () => {
    const text = await one.ask("/budget 江苏省人大常委会办公厅 2018 三公");
    expect(text).toContain("情况说明（第27页）所述因公出国（境）费 222.5 万元，与表列一致");
    expect(text).toContain("情况说明（第28页）所述公务用车运行维护费 183.6 万元，与表列一致");
  });
});

describe("a 功能分类 table answer compares the 情况说明's class lines", () => {
  let one: CorpusDb;
  beforeAll(async () => {
    one = await openCorpusDb(["江苏省人大办公厅2017年度预算公开.pdf"]);
  }, 60_000);
  afterAll(() => one.close());
  it("/budget 江苏省人大常委会办公厅 2017 支出 states the narrative's classes with pages 23 and 24", async () => {
    const text = await one.ask("/budget 江苏省人大常委会办公厅 2017 支出");
    expect(text).toMatch(/情况说明（第23页）所述一般公共服务支出 10,528\.33 万元/);
    expect(text).toMatch(/情况说明（第24页）所述住房保障支出 1,512\.23 万元/);
  });
});
