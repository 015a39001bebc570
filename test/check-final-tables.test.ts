/**
 * The 决算-table rules, written against the document model's fact keys: they check once the 决算
 * tables read, and say why they were skipped while they do not. Hand-built 决算 in the shape the
 * Shanghai 决算 template prints (templates/附件2：部门决算模板.pdf).
 */
import { describe, expect, it } from "vitest";
import { ruleReport, runChecks } from "../src/checks/index.js";
import { parseAmount } from "../src/domain/money.js";
import type { Disclosure, Figure, NarrativeFact, StandardRow, StandardTable } from "../src/domain/types.js";
import { blankDisclosure } from "./helpers/blank-disclosure.js";

const FILE = "决算.txt";
const fig = (text: string, line: number): Figure => ({
  text,
  fen: parseAmount(text, "万元"),
  unit: "万元",
  source: { file: FILE, section: "测试", line },
});
const row = (name: string, values: Record<string, string | null>, line: number): StandardRow => ({
  side: null,
  seq: null,
  code: null,
  name,
  level: null,
  values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? null : fig(v, line)])),
  line,
});
const fact = (key: NarrativeFact["key"], label: string, text: string, line: number): NarrativeFact => ({
  key,
  label,
  figure: fig(text, line),
  direction: null,
  sentence: `${label}${text}万元`,
});

/** A 决算 三公 table: 预算数 and 决算数 side by side. */
const sangongFinal = (budget: string, final: string): StandardTable => ({
  kind: "三公经费支出表",
  title: "财政拨款“三公”经费支出决算表",
  unit: "万元",
  line: 50,
  columns: ["预算数合计", "决算数合计"],
  rows: [row("合计", { 预算数合计: budget, 决算数合计: final }, 51)],
  note: null,
});

const final = (over: Partial<Disclosure>): Disclosure => blankDisclosure(FILE, { basis: "final", ...over });

describe("决算 三公: the narrative against the 决算数 column", () => {
  it("a 决算 narrative equal to the 决算数 column raises nothing although the 预算数 differs", () => {
    const d = final({
      tables: [sangongFinal("20.00", "12.50")],
      narrative: [fact("sangong.total", "“三公”经费", "12.50", 10)],
    });
    expect(runChecks(d).filter((f) => f.ruleId === "narrative.vs-table")).toEqual([]);
  });

  it("a 决算 narrative different from the 决算数 column is named against that column", () => {
    const d = final({
      tables: [sangongFinal("20.00", "12.50")],
      narrative: [fact("sangong.total", "“三公”经费", "13.50", 10)],
    });
    const f = runChecks(d).filter((x) => x.ruleId === "narrative.vs-table");
    expect(f.map((x) => [x.left.text, x.right?.text, x.right?.label])).toEqual([
      ["13.50", "12.50", "三公经费支出表「合计」决算数合计"],
    ]);
  });
});

describe("决算 rules without their inputs say why they were skipped", () => {
  it("no tables read: the table rules are skipped with the reason, the narrative rules run", () => {
    const d = final({
      narrative: [fact("expense.total", "本年支出合计", "307.82", 10)],
      texts: [{ text: "本年支出合计307.82万元。", source: { file: FILE, section: "", line: 10 } }],
    });
    const report = ruleReport(d);
    const by = (id: string) => report.find((r) => r.id === id);
    expect(by("table.balance")).toMatchObject({ status: "skipped", reason: "未读出任何带数字的预算表" });
    expect(by("sangong.table")).toMatchObject({ status: "skipped", reason: "未读出三公经费表" });
    expect(by("completeness.toc-tables")?.status).toBe("skipped");
    expect(by("narrative.final-vs-budget")?.status).toBe("ran");
    expect(by("project.plan")).toMatchObject({ status: "skipped", reason: "不适用于决算" });
  });

  it("a 决算 without a 目录 is checked against the nine tables of the 决算 template", () => {
    const d = final({
      tables: [sangongFinal("20.00", "12.50")],
      texts: [
        { text: "收入支出决算总表", source: { file: FILE, section: "", line: 1 } },
        { text: "单位：万元", source: { file: FILE, section: "", line: 2 } },
      ],
    });
    const missing = runChecks(d)
      .filter((f) => f.ruleId === "completeness.toc-tables")
      .map((f) => f.left.text);
    expect(missing).toEqual([
      "收入决算表",
      "支出决算表",
      "财政拨款收入支出决算总表",
      "一般公共预算财政拨款支出决算表",
      "一般公共预算财政拨款基本支出决算表",
      "政府性基金预算财政拨款收入支出决算表",
      "国有资本经营预算财政拨款收入支出决算表",
    ]);
  });
});
