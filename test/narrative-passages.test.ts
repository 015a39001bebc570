/**
 * Real 情况说明 passages from several provinces (test/fixtures/passages/passages.json: the corpus
 * PDFs' text joined into paragraphs, public pages, a seed), each pinned to the facts it must yield.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeDigits, parseAmount } from "../src/domain/money.js";
import { squash } from "../src/domain/text.js";
import type { NarrativeFact } from "../src/domain/types.js";
import { textModel } from "../src/ingest/formats/text.js";
import {
  NarrativeCollector,
  newSectionState,
  readNarrative,
  readNarrativeText,
  readSentenceFacts,
} from "../src/ingest/narrative.js";
import { CORPUS_DIR } from "./helpers/corpus.js";

interface Passage {
  id: string;
  province: string;
  source: string;
  text: string;
  note?: string;
  expect: {
    facts: Array<Record<string, unknown>>;
    stated: Array<{ label: string; text: string; unit: string }>;
    notApplicable: string[];
    counts: Array<{ key: string; text: string; unit: string }>;
  };
}

const CORPUS = CORPUS_DIR;

/** The whole text of a PDF as pdf.js reads it, whitespace removed. */
async function pdfText(path: string): Promise<string> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), isEvalSupported: false }).promise;
  let all = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ("str" in item) all += item.str;
  }
  await doc.destroy();
  return squash(normalizeDigits(all));
}

const PASSAGES: Passage[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures/passages/passages.json"), "utf8"),
);

/** The compact form the fixture pins: key, printed text, unit, and what else the sentence states. */
function compact(f: NarrativeFact): Record<string, unknown> {
  const o: Record<string, unknown> = { key: f.key, text: f.figure.text, unit: f.figure.unit };
  if (f.direction !== null) o.direction = f.direction;
  if (f.scope) o.scope = f.scope;
  if (f.subject) o.subject = f.subject;
  if (f.share != null) o.share = f.share;
  if (f.change) {
    const c: Record<string, unknown> = { direction: f.change.direction };
    if (f.change.figure) c.text = f.change.figure.text;
    if (f.change.percent !== null) c.percent = f.change.percent;
    if (f.change.basis) c.basis = f.change.basis;
    if (f.change.year) c.year = f.change.year;
    o.change = c;
  }
  if (f.prior) o.prior = { basis: f.prior.basis, year: f.prior.year, text: f.prior.figure.text };
  return o;
}

function read(id: string) {
  const p = PASSAGES.find((x) => x.id === id);
  if (!p) throw new Error(`no passage ${id}`);
  return readNarrativeText(p.text, p.id);
}

function factOf(facts: NarrativeFact[], key: string): NarrativeFact {
  const f = facts.find((x) => x.key === key);
  if (!f) throw new Error(`no fact ${key}`);
  return f;
}

describe("the passage collection", () => {
  it("holds at least 30 real passages from at least 8 provinces, each with its source", () => {
    expect(PASSAGES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PASSAGES.map((p) => p.province)).size).toBeGreaterThanOrEqual(8);
    for (const p of PASSAGES) {
      expect(p.source).toMatch(/^(?:corpus:|https?:\/\/|seed:)/);
      expect(p.text.length).toBeGreaterThan(20);
    }
    expect(new Set(PASSAGES.map((p) => p.id)).size).toBe(PASSAGES.length);
  });

  it("takes the corpus passages from text that is really in the corpus PDFs", async () => {
    const corpus = PASSAGES.filter((p) => p.source.startsWith("corpus:"));
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    const texts = new Map<string, string>();
    for (const p of corpus) {
      const file = (p.source.split(" ")[0] ?? "").slice("corpus:".length);
      let text = texts.get(file);
      if (text === undefined) {
        text = await pdfText(join(CORPUS, file));
        texts.set(file, text);
      }
      // Every amount of the passage, with its unit, is printed in that PDF.
      for (const m of normalizeDigits(p.text).matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(万\s?元|元)/g)) {
        expect(text, `${p.id}: ${m[0]}`).toContain(`${m[1]}${(m[2] ?? "").replace(/\s/g, "")}`);
      }
      // And its sentences: the first words of every paragraph.
      for (const line of p.text.split("\n")) {
        expect(text, `${p.id}: ${line}`).toContain(squash(normalizeDigits(line)).slice(0, 12));
      }
    }
  }, 60_000);
});

describe("each real passage yields exactly its pinned facts", () => {
  for (const p of PASSAGES) {
    it(`reads ${p.id} (${p.province})`, () => {
      const r = readNarrativeText(p.text, p.id);
      expect(r.facts.map(compact)).toEqual(p.expect.facts);
      expect(r.stated.map((s) => ({ label: s.label, text: s.figure.text, unit: s.figure.unit }))).toEqual(
        p.expect.stated,
      );
      expect(r.notApplicable.map((n) => n.key)).toEqual(p.expect.notApplicable);
      expect(r.counts.map((c) => ({ key: c.key, text: c.text, unit: c.unit }))).toEqual(p.expect.counts);
      for (const f of r.facts) {
        // Exact money through the money module; the sentence is the source and is in the passage.
        expect(f.figure.fen).toBe(
          f.direction === 0 ? f.figure.fen : parseAmount(f.figure.text, f.figure.unit),
        );
        expect(f.figure.source.file).toBe(p.id);
        expect(p.text.replace(/\n/g, "")).toContain(f.sentence.replace(/\n/g, ""));
      }
    });
  }

  it("loses no amount: every amount printed in a passage is a fact, a change, a prior figure or a stated figure", () => {
    for (const p of PASSAGES) {
      const r = readNarrativeText(p.text, p.id);
      const read = new Set<string>();
      for (const f of r.facts) {
        read.add(f.figure.text);
        if (f.change?.figure) read.add(f.change.figure.text);
        if (f.prior) read.add(f.prior.figure.text);
      }
      for (const s of r.stated) read.add(s.figure.text);
      for (const m of normalizeDigits(p.text).matchAll(/(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(?:万\s?元|元)/g)) {
        expect(read, `${p.id}: ${m[0]}`).toContain(m[1]);
      }
    }
  });
});

describe("facts that look alike are kept apart", () => {
  it("tells 事业单位运行经费 from 机关运行经费 and keeps the institutions' 基本支出 out of the department's", () => {
    const { facts, stated } = read("gx-wz-2025-institution-procurement");
    expect(facts.map((f) => f.key)).toContain("operating_cost.institution");
    expect(facts.map((f) => f.key)).not.toContain("operating_cost");
    expect(facts.map((f) => f.key)).not.toContain("expense.basic");
    expect(stated.map((s) => s.label)).toContain("基本支出预算");
    // A 元 figure with cents is exact (integer 分).
    expect(factOf(facts, "procurement.total").figure).toMatchObject({
      text: "6429768.84",
      fen: 642976884,
      unit: "元",
    });
  });

  it("marks “三公”经费 of all funds (全口径), of 一般公共预算 and of 财政拨款 with their scope", () => {
    expect(factOf(read("gx-wz-2023-sangong-all-funds").facts, "sangong.total").scope).toBe("all");
    expect(factOf(read("cq-fl-2023-sangong").facts, "sangong.total").scope).toBe("general");
    expect(factOf(read("gz-gy-2024-sangong").facts, "sangong.total").scope).toBe("fiscal");
    // The scope stated once in a section carries to the parts listed after it.
    expect(factOf(read("js-zx-2019-sangong").facts, "sangong.reception").scope).toBe("general");
  });

  it("reads 政府采购 as a total and its 货物/工程/服务 parts, not one figure", () => {
    const { facts } = read("sh-wl-2024-operating-procurement");
    expect(facts.filter((f) => f.key.startsWith("procurement.")).map((f) => [f.key, f.figure.text])).toEqual([
      ["procurement.total", "1662.44"],
      ["procurement.goods", "93.98"],
      ["procurement.works", "815.87"],
      ["procurement.services", "752.59"],
      ["procurement.sme_reserved", "664.98"],
    ]);
  });

  it("reads a per-subject line with its 上年执行数 and the change against it", () => {
    const f = factOf(read("sh-wl-2024-subject-census").facts, "expense.subject");
    expect(f.subject).toBe("一般公共服务支出（类）统计信息事务（款）专项普查活动（项）");
    expect(f.figure.text).toBe("25.77");
    expect(f.prior?.figure.text).toBe("60.13");
    expect(f.prior?.basis).toBe("execution");
    expect(f.change).toEqual({ direction: -1, figure: null, percent: 5714, basis: "execution", year: 2023 });
  });

  it("does not take the figure of the year compared with (in brackets) for this year's 支出预算", () => {
    const { facts, stated } = read("js-zx-2017-prior-aside");
    expect(facts.map((f) => f.key)).not.toContain("expense.total");
    expect(stated[0]).toMatchObject({ figure: { text: "8,648.07" } });
    expect(stated[0]?.label).toContain("2016年度部门支出预算安排为");
  });

  it("keeps a restated figure that differs from the line's own figure as a stated figure", () => {
    const { facts, stated } = read("sh-wl-2024-subject-housing");
    expect(factOf(facts, "expense.subject").figure.text).toBe("350.35");
    expect(stated.map((s) => s.figure.text)).toEqual(["352.67"]);
  });

  it("reads shares as basis points and changes with amount and percentage", () => {
    const { facts } = read("js-zx-2019-income-shares");
    expect(factOf(facts, "income.general").share).toBe(9940);
    expect(factOf(facts, "income.other").share).toBe(60);
    const reserve = factOf(read("js-zx-2019-totals").facts, "expense.reserve");
    expect(reserve.change?.figure?.text).toBe("728.39");
    expect(reserve.change?.percent).toBe(6292);
  });
});

describe("counts of 国有资产 and 绩效目标 coverage", () => {
  it("reads 车辆, 拟购置车辆 and 单价100万元以上设备 as counts with their measure word", () => {
    const { counts } = read("sh-wl-2024-assets");
    expect(counts.map((c) => [c.key, c.value, c.unit, c.source.line])).toEqual([
      ["assets.vehicles", 7, "辆", 2],
      ["assets.equipment", 0, "台（套）", 2],
      ["assets.vehicles_planned", 1, "辆", 3],
    ]);
  });

  it("reads the number of projects under 绩效目标 management, before or after its noun, beside its funds", () => {
    expect(read("sh-wl-2024-operating-procurement").counts.map((c) => [c.key, c.value])).toEqual([
      ["performance.projects", 50],
    ]);
    const js = read("js-zx-2019-procurement-performance");
    expect(js.counts.find((c) => c.key === "performance.projects")?.value).toBe(0);
    expect(factOf(js.facts, "performance.funds").figure.text).toBe("0");
  });
});

describe("three states: a stated figure, 未列示, 不适用", () => {
  it("keeps a stated 0 as a figure even when the sentence adds that the department has no such income", () => {
    const r = read("js-zx-2019-totals");
    expect(factOf(r.facts, "income.fund").figure).toMatchObject({ text: "0", fen: 0 });
    expect(r.notApplicable).toEqual([]);
  });

  it("reads 无机关运行经费 as 不适用 with the sentence as its source, and states no figure", () => {
    const r = read("sh-fl-2024-other");
    expect(r.facts.map((f) => f.key)).not.toContain("operating_cost");
    expect(r.notApplicable).toEqual([
      {
        key: "operating_cost",
        label: "机关运行经费",
        sentence: "2024年上海市普陀区社会福利院无机关运行经费。",
        source: { file: "sh-fl-2024-other", section: "二、机关运行经费预算", line: 7 },
      },
    ]);
  });

  it("lets a stated figure win over a table note saying there is none", () => {
    const r = read("sh-wl-2024-note-vs-narrative");
    expect(factOf(r.facts, "sangong.total").figure.text).toBe("47.91");
    expect(r.notApplicable.map((n) => n.key)).toEqual(["operating_cost"]);
  });

  it("reads a 事业单位 outside the 机关运行经费 scope, and 不涉及, as 不适用", () => {
    const r = readNarrativeText(
      "本单位为公益一类事业单位，不属于机关运行经费统计范围。\n本部门不涉及国有资本经营预算。\n",
      "x.txt",
    );
    expect(r.facts).toEqual([]);
    expect(r.notApplicable.map((n) => n.key)).toEqual([
      "operating_cost",
      "income.state_capital",
      "expense.state_capital",
    ]);
  });

  it("leaves what a passage does not mention out of every list (未列示)", () => {
    const r = read("cq-fl-2023-sangong");
    expect(r.facts.map((f) => f.key)).not.toContain("operating_cost");
    expect(r.notApplicable.map((n) => n.key)).not.toContain("operating_cost");
  });
});

describe("nothing stated is lost", () => {
  it("keeps 会议费 and 培训费 as stated figures with their clause as label and the sentence as context", () => {
    const { stated } = read("js-zx-2019-sangong");
    const meeting = stated.find((s) => s.label.endsWith("会议费预算支出"));
    expect(meeting).toMatchObject({
      origin: "narrative",
      figure: { text: "1,282.56", fen: 1282560000, unit: "万元" },
    });
    expect(meeting?.context.startsWith("江苏省政协办公厅 2019 年度一般公共预算拨款安排的会议费")).toBe(true);
  });

  it("keeps the seeds' unclassified amounts (债务本息, 本金, 利息) as stated figures", () => {
    const text = readFileSync(join(import.meta.dirname, "../data/002_4b6394e1ed3c65b9.txt"), "utf8");
    const { stated } = readNarrative(textModel(text), "002.txt");
    const labels = stated.map((s) => `${s.label}=${s.figure.text}`);
    expect(labels).toContain("2023年应偿还债务本息=4469");
    expect(labels).toContain("本金=1120");
    expect(stated.every((s) => s.figure.source.line > 0 && s.context.includes(s.figure.text))).toBe(true);
  });
});

describe("the sentence-level reader", () => {
  it("reads one sentence on its own, with the section state carrying 其中 parts across sentences", () => {
    const out = new NarrativeCollector();
    const state = newSectionState();
    const place = { file: "x.txt", section: "三、支出预算情况说明", lineAt: () => 7 };
    readSentenceFacts("本年支出预算合计 13,377.11 万元，其中：", place, state, out);
    const facts = readSentenceFacts("单位预留机动经费 1,886.02 万元，占 14.1%；", place, state, out);
    expect(facts.map(compact)).toEqual([
      { key: "expense.reserve", text: "1,886.02", unit: "万元", share: 1410 },
    ]);
    expect(out.facts.map((f) => f.key)).toEqual(["expense.total", "expense.reserve"]);
    expect(factOf(out.facts, "expense.reserve").figure.source).toEqual({
      file: "x.txt",
      section: "三、支出预算情况说明",
      line: 7,
    });
  });
});

describe("prior-year wordings", () => {
  it("reads 上年预算数 and 上年执行数 as prior-year figures of the fact before them", () => {
    const r = readNarrativeText(
      "四、“三公”经费\n2024年公务接待费预算5.00万元，上年预算数为6.00万元，比上年预算减少1.00万元，下降16.67%。\n机关运行经费预算120.00万元，上年执行数为118.50万元。\n",
      "x.txt",
    );
    expect(r.facts.map(compact)).toEqual([
      {
        key: "sangong.reception",
        text: "5.00",
        unit: "万元",
        change: { direction: -1, text: "1.00", percent: 1667, basis: "budget" },
        prior: { basis: "budget", year: null, text: "6.00" },
      },
      {
        key: "operating_cost",
        text: "120.00",
        unit: "万元",
        prior: { basis: "execution", year: null, text: "118.50" },
      },
    ]);
    expect(r.stated).toEqual([]);
  });
});
