/**
 * 历年 and 排名 as /budget answers through the real dispatcher over real corpus files (issue 21).
 * Figures read on the page images: 江苏省政协办公厅 “三公”经费 小计 676.10 (2017 表 p.11), 675.10
 * (2018 表 p.9), 660.10 (2019 表 p.9) 万元; 江苏省人大常委会办公厅 2019 表 p.9 767.60 万元.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../src/reply/reply.js";
import { askReply } from "./helpers/ask-core.js";
import { ZHENGXIE_FILES } from "./helpers/corpus.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

const OTHERS = ["江苏省人大常委会2019年度部门预算公开.pdf", "江苏省人大常委会办公厅2019年部门预算公开表.pdf"];

let corpus: CorpusDb;
const reply = (line: string): Promise<Reply> => askReply(corpus.core, line);

beforeAll(async () => {
  corpus = await openCorpusDb([...ZHENGXIE_FILES, ...OTHERS]);
}, 240_000);
afterAll(() => corpus?.close());

const ZX_ROWS = [
  ["“三公”经费", "676.10", "675.10", "660.10"],
  ["比上年增减", "—", "-1.00", "-15.00"],
  ["增减率", "—", "-0.15%", "-2.22%"],
];

describe("/budget <单位> <科目> 历年", () => {
  it("answers 江苏省政协办公厅 三公 for 2017, 2018 and 2019 with changes, each year cited, with its chart", async () => {
    const r = await reply("/budget 江苏省政协办公厅 三公 历年");
    expect(r.kind).toBe("answer");
    expect(r.heading).toBe("江苏省政协办公厅 “三公”经费 历年（万元）");
    expect(r.table?.columns.map((c) => c.header)).toEqual(["项目", "2017年预算", "2018年预算", "2019年预算"]);
    expect(r.table?.rows).toEqual(ZX_ROWS);
    expect(r.sources?.map((s) => [s.file, s.where])).toEqual([
      ["江苏省政协办公厅2017年度部门预算公开表.pdf", "第11页"],
      ["江苏省政协办公厅2018度部门预算公开表.pdf", "第9页"],
      ["江苏省政协办公厅2019年预算公开表.pdf", "第9页"],
    ]);
    expect(r.chart?.kind).toBe("bars-by-year");
    expect(r.chart?.series[0]?.values).toEqual([676_100_000, 675_100_000, 660_100_000]);
  });

  it.each([
    "/budget 政协 三公 2017-2019",
    "/budget 政协 三公 2017 2018 2019",
    "政协三公近三年",
    "政协 三公 趋势",
    "政协 三公 对比",
    "/budget 政协 2017至2019年 三公经费",
  ])("reads %s as the same three years", async (line) => {
    const r = await reply(line);
    expect(r.table?.rows, r.heading).toEqual(ZX_ROWS);
  });

  it("answers only the years named, and says which named years are not stored", async () => {
    const r = await reply("/budget 政协 三公 2016-2018");
    expect(r.table?.columns.map((c) => c.header)).toEqual(["项目", "2017年预算", "2018年预算"]);
    expect(r.notes).toContain("未收录 2016 年的文件（已收录：2017、2018、2019）");
  });

  it("takes a part of 三公 and 机关运行经费 as the measure", async () => {
    const r = await reply("/budget 政协 公务接待费 历年");
    expect(r.heading).toContain("公务接待费");
    expect(r.table?.columns.length).toBe(4);
    const op = await reply("/budget 政协 机关运行经费 历年");
    expect(op.heading).toContain("机关运行经费");
  });
});

describe("/budget <科目> <年> 排名 and 对比 单位A 单位B", () => {
  it("ranks departments without naming one, each with its figure, share and source", async () => {
    const r = await reply("/budget 三公 2019 排名");
    expect(r.kind).toBe("answer");
    expect(r.heading).toBe("“三公”经费 2019年预算 排名（万元）");
    expect(r.table?.rows).toEqual([
      ["1", "江苏省人大常委会办公厅", "2019", "767.60", "53.76%"],
      ["2", "江苏省政协办公厅", "2019", "660.10", "46.24%"],
    ]);
    expect(r.table?.totals?.[0]?.[3]).toBe("1,427.70");
    expect(r.chart?.kind).toBe("ranking");
    expect(r.sources?.length).toBeGreaterThanOrEqual(2);
  });

  it("compares two named departments (对比 单位A 单位B)", async () => {
    const r = await reply("对比 江苏省政协办公厅 江苏省人大常委会办公厅 三公");
    expect(r.kind).toBe("answer");
    expect(r.table?.rows.map((row) => row[1])).toEqual(["江苏省人大常委会办公厅", "江苏省政协办公厅"]);
    expect(r.notes).toContain("未给出年度：按 2019 年排名");
    expect(r.chart?.kind).toBe("ranking");
  });

  it("lists a department that does not state the figure apart, never ranked as 0", async () => {
    const r = await reply("/budget 政协 2017 三公 排名");
    expect(r.table?.rows.map((row) => row[1])).toEqual(["江苏省政协办公厅"]);
  });
});

describe("图 / chart and the 图表 button", () => {
  it("attaches the 三公-parts chart when asked with 图, and offers the 图表 button otherwise", async () => {
    const plain = await reply("/budget 政协 2019 三公");
    expect(plain.chart).toBeUndefined();
    const button = plain.actions?.find((a) => a.label === "图表");
    expect(button?.command).toBe("/budget 江苏省政协办公厅 2019 三公 图");
    const drawn = await reply(button?.command as string);
    expect(drawn.chart?.kind).toBe("parts");
    expect(drawn.chart?.series[0]?.values[0]).toBe(660_100_000);
    expect((drawn.actions ?? []).some((a) => a.label === "图表")).toBe(false);
    expect(drawn.table).toEqual(plain.table);
  });

  it.each([
    ["/budget 政协 2019 收入 chart", "composition"],
    ["/budget 政协 2019 支出 图表", "composition"],
    ["/budget 政协 2019 图", "composition"],
  ])("%s carries a %s chart", async (line, kind) => {
    const r = await reply(line);
    expect(r.chart?.kind, r.heading).toBe(kind);
  });
});
