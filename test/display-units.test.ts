/**
 * Figures shown exactly as printed, in their own unit, each citing its own place: on the real
 * 万里街道 2024 document (tables in 元, 三公 and narrative in 万元) parsed from its document-model
 * fixture, whose places are the pages.
 */
import { describe, expect, it } from "vitest";
import { budgetAnswer } from "../src/answers/budget.js";
import { citeSources, compactNumbers, placesLabel } from "../src/answers/sources.js";
import { commonUnit, moneyTable, showSum } from "../src/answers/units.js";
import type { Disclosure, Figure, Source } from "../src/domain/types.js";
import { parseDisclosure } from "../src/ingest/parse.js";
import type { Topic } from "../src/query/topics.js";
import { renderText } from "../src/render/index.js";
import { formatSource, type Reply } from "../src/reply/reply.js";
import { citedPages, truthFigure, truthOf } from "./helpers/corpus-truth.js";
import { fixtureModel } from "./helpers/model-blocks.js";

const NAME = "上海市普陀区万里街道办事处2024年部门预算";
const FILE = `${NAME}.pdf`;

const truth = truthOf(FILE);
const fig = (topic: string, from: "table" | "narrative") => truthFigure(truth, topic, from);

/** The 万里街道 2024 disclosure, parsed as an ingest parses it from the PDF reader's model fixture. */
const wanli = (): Disclosure =>
  parseDisclosure(fixtureModel(NAME), FILE, { department: truth.department, year: truth.year });

const ask = (doc: Disclosure, topic: Topic): Reply =>
  budgetAnswer({ doc, topic, page: 1, commandFor: (p) => `/budget x --page ${p}`, findings: [] });

describe("figures shown as printed on the 万里街道 2024 document (tables in 元, 三公 in 万元)", () => {
  const doc = wanli();

  it("shows 收入总计 of the overview exactly as printed in 元, beside 三公 in 万元, each cell with its unit", () => {
    const r = ask(doc, { kind: "overview" });
    const income = fig("income.total", "table");
    const sangong = fig("sangong.total", "table");
    expect(income).toMatchObject({ text: "156,211,123", unit: "元" });
    const row = (label: string) => r.table?.rows.find((x) => x[0] === label)?.[1];
    // Two units in one reply: the unit is said in each cell, and the heading names none.
    expect(row("收入总计")).toBe(`${income.text} 元`);
    expect(row("“三公”经费")).toBe(`${sangong.text} 万元`);
    expect(r.heading.endsWith("预算总览")).toBe(true);
    expect(r.table?.columns[1]?.header).toBe("金额");
    expect(renderText(r)).not.toContain("15,621.1123");
  });

  it("cites the page 收入总计 is printed on, and the 三公 figure its own page", () => {
    const r = ask(doc, { kind: "overview" });
    const cited = citedPages(r.sources ?? []);
    for (const topic of ["income.total", "sangong.total"]) {
      expect(fig(topic, "table").pages.some((p) => cited.has(p))).toBe(true);
    }
  });

  it("shows /budget 三公 in 万元 as printed, the heading saying 万元", () => {
    const r = ask(doc, { kind: "sangong" });
    expect(r.heading.endsWith("（万元）")).toBe(true);
    const cells = JSON.stringify(r.table);
    for (const t of ["sangong.total", "sangong.reception", "sangong.vehicle"]) {
      expect(cells).toContain(`"${fig(t, "table").text}"`);
    }
    expect(cells).not.toContain(" 万元");
    expect(r.table?.columns.at(-1)?.header).toBe("金额（万元）");
    expect(fig("sangong.total", "table").pages.some((p) => citedPages(r.sources ?? []).has(p))).toBe(true);
  });

  it("shows the 支出 table in 元 with every 类 as printed and cites the pages of the rows shown", () => {
    const r = ask(doc, { kind: "expense" });
    expect(r.heading.endsWith("（元）")).toBe(true);
    const shown = JSON.stringify(r.table);
    const classes = truth.figures.filter((f) => f.topic === "function");
    const cited = citedPages(r.sources ?? []);
    for (const c of classes.filter((x) => shown.includes(`"${x.text}"`))) {
      expect(c.pages.some((p) => cited.has(p))).toBe(true);
    }
    expect(classes.filter((x) => shown.includes(`"${x.text}"`)).length).toBeGreaterThan(0);
  });
});

describe("units made explicit", () => {
  const src: Source = { file: "t.pdf", section: "收支总表", line: 1 };
  const yuan = (text: string, fen: number): Figure => ({ text, fen, unit: "元", source: src });
  const wan = (text: string, fen: number): Figure => ({ text, fen, unit: "万元", source: src });

  it("says a shared unit in the column header and keeps bare printed values", () => {
    const t = moneyTable(
      [
        { header: "项目", align: "left" },
        { header: "金额", align: "right" },
      ],
      [
        ["收入总计", { figure: yuan("156,211,123", 15621112300) }],
        ["未填", { figure: null }],
      ],
    );
    expect(t.columns[1]?.header).toBe("金额（元）");
    expect(t.rows).toEqual([
      ["收入总计", "156,211,123"],
      ["未填", "未列示"],
    ]);
  });

  it("shows the unit in each cell of a column mixing 元 and 万元", () => {
    const t = moneyTable(
      [
        { header: "项目", align: "left" },
        { header: "金额", align: "right" },
      ],
      [
        ["收入总计", { figure: yuan("156,211,123", 15621112300) }],
        ["收入预算", { figure: wan("15621.11", 15621110000) }],
      ],
    );
    expect(t.columns[1]?.header).toBe("金额");
    expect(t.rows.map((r) => r[1])).toEqual(["156,211,123 元", "15,621.11 万元"]);
  });

  it("shows a computed sum exactly in the unit of its parts", () => {
    expect(showSum(15621112345, [yuan("1", 100), yuan("2", 200)])).toEqual({
      text: "156,211,123.45",
      unit: "元",
    });
    expect(showSum(12345, [wan("0.012345", 12345)])).toEqual({ text: "0.012345", unit: "万元" });
    expect(commonUnit([yuan("1", 100), wan("1", 1_000_000)])).toBeNull();
  });
});

describe("sources per figure", () => {
  const at = (section: string, line: number, page?: number) =>
    ({ file: "t.pdf", section, line, ...(page ? { place: { kind: "page", page } } : {}) }) as Source;

  it("lists pages compactly: runs of three as ranges, others one by one", () => {
    expect(compactNumbers([20, 21, 22, 23])).toBe("20–23");
    expect(compactNumbers([22, 20, 20])).toBe("20、22");
    expect(compactNumbers([1, 2, 5, 6, 7, 9])).toBe("1、2、5–7、9");
    expect(
      placesLabel([
        { kind: "sheet", sheet: "收支总表", row: 8 },
        { kind: "sheet", sheet: "收支总表", row: 12 },
      ]),
    ).toBe("工作表“收支总表” 第8、12行");
  });

  it("cites every page a table's shown figures are on, not only the first figure's", () => {
    const s = citeSources([
      at("支出表", 20001, 20),
      at("支出表", 22005, 22),
      at("支出表", 20003, 20),
      at("三公", 31002, 31),
    ]);
    expect(s.map(formatSource)).toEqual(["t.pdf · 支出表 · 第20、22页", "t.pdf · 三公 · 第31页"]);
  });

  it("keeps one citation per section at its first line for a text file without places", () => {
    expect(citeSources([at("支出总表", 635), at("支出总表", 640)])).toEqual([
      { file: "t.pdf", section: "支出总表", line: 635 },
    ]);
  });
});
