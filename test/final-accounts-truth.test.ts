/**
 * Three 部门决算 read by eye (test/fixtures/final-accounts-truth.json): the real 社会工作部 决算 of
 * the corpus and two 决算 made from the national template (a filled 上海 template with the
 * 收支决算总表 over two pages, the two-block 基本支出决算表 and the merged-header 三公决算表; a
 * 中央-layout one with 行次, 年初/调整预算数 and codes split into 类|款). Every headline figure is
 * answered by `/budget <单位> <年> 决算 [科目]` with its page, through the real pipeline.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citedPages, showsNumber } from "../scripts/coverage.js";
import { tableOf } from "../src/domain/lookup.js";
import { tableFigure } from "../src/domain/table-figures.js";
import type { Disclosure } from "../src/domain/types.js";
import { readNarrativeText } from "../src/ingest/narrative.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

interface Figure {
  topic: string;
  label: string;
  text: string;
  pages: number[];
  query: string;
  from: string;
}
interface TruthFile {
  file: string;
  dir: "corpus" | "fixtures";
  ask: string;
  year: number;
  figures: Figure[];
  notApplicable: Array<{ topic: string; query: string; pages: number[]; sentence: string }>;
  notStated: Array<{ topic: string; label: string; query: string }>;
}

const FIXTURES = join(import.meta.dirname, "fixtures/final-accounts");
const truth = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures/final-accounts-truth.json"), "utf8"),
) as { files: TruthFile[] };
const SG = truth.files[0] as TruthFile;
const SHANGHAI = truth.files[1] as TruthFile;
const CENTRAL = truth.files[2] as TruthFile;

const dbs = new Map<string, CorpusDb>();
const answers = new Map<string, string>();

async function ask(f: TruthFile, query: string): Promise<string> {
  const line = `/budget ${f.ask} ${f.year} 决算 ${query}`.trim();
  if (!answers.has(line)) answers.set(line, await (dbs.get(f.dir) as CorpusDb).ask(line));
  return answers.get(line) as string;
}

const parsed = (f: TruthFile): Disclosure => (dbs.get(f.dir) as CorpusDb).parsed.get(f.file) as Disclosure;

beforeAll(async () => {
  expect(existsSync(join(CORPUS_DIR, SG.file))).toBe(true);
  dbs.set("corpus", await openCorpusDb([SG.file], CORPUS_DIR));
  dbs.set("fixtures", await openCorpusDb([SHANGHAI.file, CENTRAL.file], FIXTURES));
}, 120_000);
afterAll(() => {
  for (const db of dbs.values()) db.close();
});

describe("the 决算 truth file: every headline figure answered with its page", () => {
  for (const f of truth.files) {
    it(`answers every figure of ${f.file} with one of its pages`, async () => {
      const missed: string[] = [];
      for (const g of f.figures) {
        const text = await ask(f, g.query);
        const pages = citedPages(text);
        if (!showsNumber(text, g.text) || !g.pages.some((p) => pages.has(p)))
          missed.push(`${g.label} ${g.text} 第${g.pages.join("、")}页（/budget … 决算 ${g.query}）`);
      }
      expect(missed).toEqual([]);
    }, 60_000);
  }

  it("shows 不适用 with the document's sentence where it says there is no “三公” spending", async () => {
    for (const na of SG.notApplicable) {
      const text = await ask(SG, na.query);
      expect(text).toContain("不适用");
      // The answer quotes the sentence after its own 说明 label (文件说明“…”).
      expect(text).toContain(na.sentence.replace(/^说明[:：]\s*/, ""));
      expect(na.pages.some((p) => citedPages(text).has(p))).toBe(true);
    }
  });

  it("shows a blank 年初/年末结转和结余 as 未列示, never 0", async () => {
    const text = await ask(SG, "");
    for (const n of SG.notStated) expect(text).toMatch(new RegExp(`${n.label}\\s+未列示`));
  });

  it("answers in 决算 words: no 预算合计, 收入预算 or 预算表 label in a 决算 answer", async () => {
    for (const q of ["", "收入", "支出", "基本支出", "三公", "政府采购"]) {
      const text = await ask(SHANGHAI, q);
      expect(text, q).toContain("决算");
      expect(text, q).not.toMatch(/预算合计|收入预算|支出预算|预算总览|预算表|政府采购预算/);
    }
  });
});

describe("the two-page 收入支出决算总表", () => {
  it("reads the table continued on page 3 as one 收支总表, 总计 kept apart from 本年合计", () => {
    const d = parsed(SHANGHAI);
    const summary = d.tables.filter((t) => t.kind === "收支总表");
    expect(summary).toHaveLength(1);
    const fig = (topic: Parameters<typeof tableFigure>[1]) => {
      const v = tableFigure(d.tables, topic);
      return v ? `${v.text}@${v.source.place?.kind === "page" ? v.source.place.page : "?"}` : null;
    };
    expect(fig("income.general")).toBe("1,250.40@2");
    expect([fig("income.year"), fig("income.carryover"), fig("income.total")]).toEqual([
      "1,350.00@3",
      "150.00@3",
      "1,500.00@3",
    ]);
    expect([fig("expense.year"), fig("expense.carry_forward"), fig("expense.total")]).toEqual([
      "1,270.00@3",
      "230.00@3",
      "1,500.00@3",
    ]);
  });
});

describe("the two-block 一般公共预算财政拨款基本支出决算表", () => {
  it("gives each block its own codes and lists the left block before the right one", () => {
    for (const f of [SG, SHANGHAI, CENTRAL]) {
      const t = tableOf(parsed(f), "一般公共预算财政拨款基本支出表");
      const codes = (t?.rows ?? []).map((r) => r.code).filter((c): c is string => c !== null);
      expect(
        codes.every((c) => /^(3\d\d|3\d{4})$/.test(c)),
        f.file,
      ).toBe(true);
      expect(codes.indexOf("301"), f.file).toBe(0);
      expect(codes.indexOf("302"), f.file).toBeGreaterThan(codes.indexOf("303"));
      expect(
        t?.rows.every((r) => r.side === null),
        f.file,
      ).toBe(true);
    }
  });

  it("joins codes split into 类 and 款 columns (301 | 01 → 30101) in each block", () => {
    const t = tableOf(parsed(CENTRAL), "一般公共预算财政拨款基本支出表");
    const row = (code: string) => t?.rows.find((r) => r.code === code);
    expect([row("30101")?.name, row("30101")?.values.决算数?.text]).toEqual(["基本工资", "150.00"]);
    expect([row("30217")?.name, row("30217")?.values.决算数?.text]).toEqual(["公务接待费", "5.00"]);
  });

  it("reads 人员经费合计 and 公用经费合计 under the blocks as 人员经费 and 公用经费", () => {
    const d = parsed(SG);
    expect(tableFigure(d.tables, "expense.personnel")?.text).toBe("95.36");
    expect(tableFigure(d.tables, "expense.public")?.text).toBe("10.23");
  });
});

describe("the merged-header 三公决算表 (预算数 | 决算数 under each part)", () => {
  it("reads one row per part with its 预算数 and 决算数, the last group included", () => {
    const t = tableOf(parsed(SHANGHAI), "三公经费支出表");
    expect(t?.columns).toEqual(["预算数", "决算数"]);
    const rows = Object.fromEntries(
      (t?.rows ?? []).map((r) => [r.name, `${r.values.预算数?.text}|${r.values.决算数?.text}`]),
    );
    expect(rows).toEqual({
      "财政拨款“三公”经费合计": "30.00|24.50",
      "因公出国（境）费": "5.00|0.00",
      公务用车购置及运行维护费小计: "15.00|12.00",
      公务用车购置费: "0.00|0.00",
      公务用车运行维护费: "15.00|12.00",
      公务接待费: "10.00|12.50",
    });
  });

  it("takes each part's 决算数 as its figure, never the 预算数 printed before it", () => {
    for (const f of [SHANGHAI, CENTRAL]) {
      const d = parsed(f);
      const total = f.figures.find((g) => g.topic === "sangong.total")?.text;
      expect(tableFigure(d.tables, "sangong.total")?.text, f.file).toBe(total);
    }
    expect(tableFigure(parsed(SHANGHAI).tables, "sangong.reception")?.text).toBe("12.50");
  });

  it("shows 预算数, 决算数 and the execution rate in the overview, the rate exact from 分", async () => {
    const text = await ask(SHANGHAI, "");
    expect(text).toMatch(/“三公”经费\s+24\.50\s+30\.00\s+81\.67%/);
    expect(text).toMatch(/一般公共预算财政拨款支出\s+1,190\.40\s+1,200\.00\s+99\.20%/);
  });
});

describe("决算 sentences of the 情况说明", () => {
  // 上海市嘉定区司法局 2017 决算 (http://www.021fenlei.com/n133889.htm), as published.
  const jiading =
    "上海市嘉定区司法局2017年度“三公”经费财政拨款支出年初预算为22.00万元，支出决算为8.77万元，完成预算的39.86%，其中：因公出国（境）费决算为0万元，完成预算的0%；公务用车购置及运行维护费支出决算为8.47万元，完成预算的60.50%；公务接待费支出决算为0.30万元，完成预算的3.75%。";
  // 梧州市农产品质量安全综合检测中心 2020 决算, as published.
  const wuzhou =
    "2020 年度一般公共预算财政拨款安排的“三公”经费支出决算总额为 5.48 万元，比预算增加 0 万元，比去年增加1.55 万元。";

  it("reads an actual beside its 年初预算, the stated 0 kept as a stated 0", () => {
    const r = readNarrativeText(jiading, "jiading.html");
    const by = Object.fromEntries(r.facts.map((f) => [f.key, f]));
    expect(by["sangong.total"]?.figure.text).toBe("8.77");
    expect(by["sangong.total"]?.prior).toMatchObject({ basis: "plan", figure: { text: "22.00" } });
    expect(by["sangong.total"]?.scope).toBe("fiscal");
    expect(by["sangong.abroad"]?.figure).toMatchObject({ text: "0", fen: 0 });
    expect(by["sangong.vehicle"]?.figure.text).toBe("8.47");
    expect(by["sangong.reception"]?.figure.text).toBe("0.30");
    expect(r.facts.every((f) => f.sentence.includes("决算"))).toBe(true);
  });

  it("reads …支出决算总额为X万元 as the 决算 of its subject", () => {
    const r = readNarrativeText(wuzhou, "wuzhou.html");
    expect(r.facts.find((f) => f.key === "sangong.total")).toMatchObject({
      figure: { text: "5.48" },
      scope: "general",
    });
  });

  it("reads a per-subject 全年预算 / 支出决算 pair under the subject named in the sentence before", () => {
    const text =
      "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出、公用支出。全年预算为 52.00 万元，支出决算为 51.32 万元，完成全年预算数的 98.69%。";
    const fact = readNarrativeText(text, "sg.pdf").facts.find((f) => f.key === "expense.subject");
    expect(fact).toMatchObject({
      subject: "一般公共服务支出（类）社会工作事务（款）行政运行（项）",
      figure: { text: "51.32" },
      prior: { basis: "adjusted", figure: { text: "52.00" } },
    });
  });

  it("reads 政府采购金额（以合同签订为准） and 年末结转和结余", () => {
    const r = readNarrativeText(
      "本部门2024年度政府采购金额（以合同签订为准）为 21.07 万元，其中：货物采购金额 21.07 万元。年末结转和结余 12.30 万元。",
      "x.pdf",
    );
    expect(r.facts.find((f) => f.key === "procurement.total")?.figure.text).toBe("21.07");
    expect(r.facts.find((f) => f.key === "expense.carry_forward")?.figure.text).toBe("12.30");
  });
});
