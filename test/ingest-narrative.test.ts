/** Golden tests: narrative facts of the 情况说明 and document-level facts, pinned from the seeds. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasHeadingEnumerator, parseCnNumber } from "../src/domain/cn-number.js";
import type { NarrativeFact } from "../src/domain/types.js";
import { readDocumentFacts } from "../src/ingest/document-facts.js";
import { textModel } from "../src/ingest/formats/text.js";
import { readNarrative } from "../src/ingest/narrative.js";

const DATA = join(import.meta.dirname, "../data");
const SEED = {
  "000": "000_30685518d77b763b.txt",
  "001": "001_7e3a21f0cdce2af5.txt",
  "002": "002_4b6394e1ed3c65b9.txt",
  "003": "003_1e76a5b84cb554b9.txt",
  "004": "004_98017a668a08a896.txt",
} as const;

function seedText(id: keyof typeof SEED): string {
  return readFileSync(join(DATA, SEED[id]), "utf8");
}

function narrativeOf(id: keyof typeof SEED) {
  return readNarrative(textModel(seedText(id)), SEED[id]);
}

function narrativeOfText(text: string) {
  return readNarrative(textModel(text), "test.txt");
}

/** [key, text, fen, direction, line] */
type Row = [string, string, number, 1 | -1 | 0 | null, number];

function rows(facts: NarrativeFact[]): Row[] {
  return facts.map((f) => [f.key, f.figure.text, f.figure.fen as number, f.direction, f.figure.source.line]);
}

function fact(facts: NarrativeFact[], key: string): NarrativeFact {
  const f = facts.find((x) => x.key === key);
  if (!f) throw new Error(`no fact ${key}`);
  return f;
}

describe("narrative facts of seed 000 (full disclosure, 2024)", () => {
  const { facts, warnings } = narrativeOf("000");

  it("reads exactly the stated facts with printed text, exact 元, direction and line", () => {
    expect(rows(facts)).toEqual([
      ["income.total", "19243.37", 19243370000, null, 1857],
      ["income.general", "19243.37", 19243370000, null, 1857],
      ["income.fund", "0.00", 0, null, 1857],
      ["income.state_capital", "0.00", 0, null, 1857],
      ["income.special_account", "0.00", 0, null, 1857],
      ["income.unit", "0.00", 0, null, 1857],
      ["income.carryover", "841.70", 841700000, null, 1857],
      ["expense.total", "19243.37", 19243370000, null, 1859],
      ["expense.basic", "218.00", 218000000, null, 1859],
      ["expense.personnel", "80.00", 80000000, null, 1859],
      ["expense.public", "138.00", 138000000, null, 1859],
      ["expense.project", "19025.37", 19025370000, null, 1859],
      ["change.total", "6968.79", 6968790000, 1, 1861],
      ["change.basic", "92.00", 92000000, -1, 1861],
      ["change.project", "7060.79", 7060790000, 1, 1861],
      ["operating_cost", "908.52", 908520000, null, 1863],
      ["sangong.total", "5.00", 5000000, null, 1865],
      ["sangong.abroad", "0.00", 0, null, 1865],
      ["sangong.vehicle", "0.00", 0, null, 1865],
      ["sangong.vehicle_purchase", "0.00", 0, null, 1865],
      ["sangong.vehicle_operation", "0.00", 0, null, 1865],
      ["sangong.reception", "5.00", 5000000, null, 1865],
      ["sangong.change", "无增减变化", 0, 0, 1865],
      ["assets.fixed_total", "4628.43", 4628430000, null, 9808],
      ["assets.planned_purchase", "191.40", 191400000, null, 9808],
    ]);
    expect(warnings).toEqual([]);
  });

  it("cites the nearest heading above as the section, in 万元, with the file name", () => {
    const s = fact(facts, "sangong.reception").figure;
    expect(s.source).toEqual({
      file: SEED["000"],
      section: "四、财政拨款“三公”经费预算情况及增减变化原因",
      line: 1865,
    });
    expect(s.unit).toBe("万元");
    expect(fact(facts, "income.total").figure.source.section).toBe("1.收入说明");
    expect(fact(facts, "change.total").figure.source.section).toBe("3.比上年增减情况");
    expect(fact(facts, "assets.fixed_total").figure.source.section).toBe("八、国有资产信息");
    expect(facts.every((f) => f.figure.unit === "万元")).toBe(true);
  });

  it("keeps the whole sentence, not the paragraph's lead-in", () => {
    expect(fact(facts, "income.carryover").sentence).toBe(
      "2024年预算收入19243.37万元，其中:一般公共预算收入 19243.37万元，基金预算收入0.00万元，国有资本经营预算收入0.00万元，财政专户核拨收入0.00万元，单位资金收入0.00万元，上年结转结余841.70万元。",
    );
    expect(fact(facts, "sangong.change").sentence).toBe("与 2023年相比无增减变化。");
    expect(fact(facts, "assets.planned_purchase").sentence).toBe(
      "本年度拟购置固定资产总额为191.40万元，已按要求列入政府采购预算，详见政府采购预算表。",
    );
  });

  it("gives users Chinese labels", () => {
    expect(fact(facts, "sangong.reception").label).toBe("公务接待费");
    expect(fact(facts, "operating_cost").label).toBe("机关运行经费");
  });
});

describe("narrative facts of seed 001 (情况说明 only, 2021)", () => {
  const { facts, warnings } = narrativeOf("001");

  it("reads exactly the stated facts, including “0万元” as a stated 0", () => {
    expect(rows(facts)).toEqual([
      ["income.total", "6460.99", 6460990000, null, 41],
      ["income.general", "5719.64", 5719640000, null, 41],
      ["income.fund", "0", 0, null, 41],
      ["income.state_capital", "64.41", 64410000, null, 41],
      ["income.special_account", "0", 0, null, 41],
      ["income.other", "0", 0, null, 41],
      ["income.carryover", "676.94", 676940000, null, 41],
      ["expense.total", "6460.99", 6460990000, null, 43],
      ["expense.basic", "1482.19", 1482190000, null, 43],
      ["expense.personnel", "1198.89", 1198890000, null, 43],
      ["expense.public", "283.30", 283300000, null, 43],
      ["expense.project", "4978.80", 4978800000, null, 43],
      ["change.total", "1629.29", 1629290000, 1, 45],
      ["change.basic", "810.76", 810760000, -1, 45],
      ["change.project", "2440.05", 2440050000, 1, 45],
      ["operating_cost", "283.30", 283300000, null, 47],
      ["sangong.total", "15.72", 15720000, null, 49],
      ["sangong.abroad", "0", 0, null, 49],
      ["sangong.vehicle", "15.72", 15720000, null, 49],
      ["sangong.vehicle_purchase", "0", 0, null, 49],
      ["sangong.vehicle_operation", "13.42", 13420000, null, 49],
      ["sangong.reception", "2.30", 2300000, null, 49],
      ["sangong.change", "9.63", 9630000, 1, 49],
      ["procurement.total", "538.00", 538000000, null, 1857],
      ["assets.fixed_total", "1544.52", 1544520000, null, 1965],
    ]);
    expect(warnings).toEqual([]);
  });

  it("has no 单位资金 and no planned purchase, because the page states neither", () => {
    const keys = facts.map((f) => f.key);
    expect(keys).not.toContain("income.unit");
    expect(keys).not.toContain("assets.planned_purchase");
  });

  it("recovers the 国有资产 sentence that the export glued to the last procurement cell", () => {
    const f = fact(facts, "assets.fixed_total");
    expect(f.figure.source.section).toBe("七、国有资产信息");
    expect(f.sentence).toBe(
      "三河市行宫东街道办事处（含所属单位）上年末固定资产金额为1544.52万元（详见下表），本年度我部门无拟购置固定资产。",
    );
  });

  it("splits the 三公 total and its parts into their own sentences", () => {
    expect(fact(facts, "sangong.total").sentence).toBe("2021年，我街道财政拨款“三公”经费预算安排15.72万元。");
    expect(fact(facts, "sangong.change").sentence.startsWith("与2020年相比增加9.63万元，")).toBe(true);
  });
});

describe("narrative facts of seed 002 (district explanation, 2023)", () => {
  const { facts, warnings } = narrativeOf("002");

  it("attaches each 三公 amount to the label before it, not to the change after it", () => {
    expect(rows(facts)).toEqual([
      ["sangong.total", "260", 260000000, null, 4],
      ["sangong.change", "持平", 0, 0, 4],
      ["sangong.vehicle_purchase", "18", 18000000, null, 4],
      ["sangong.vehicle_operation", "110", 110000000, null, 4],
      ["sangong.reception", "114", 114000000, null, 4],
      ["sangong.abroad", "18", 18000000, null, 4],
      ["debt.balance", "76820", 76820000000, null, 6],
    ]);
    expect(warnings).toEqual([]);
  });

  it("does not invent a 公务用车购置及运维费 total the page does not print", () => {
    expect(facts.map((f) => f.key)).not.toContain("sangong.vehicle");
  });

  it("cites the explanation's own headings", () => {
    expect(fact(facts, "sangong.total").figure.source.section).toBe("一、安排“三公”经费预算情况");
    expect(fact(facts, "debt.balance").figure.source.section).toBe("二、政府债务及还本付息情况");
  });
});

describe("narrative facts of the performance texts (003, 004)", () => {
  it("finds no narrative figures in documents that state none", () => {
    expect(narrativeOf("003").facts).toEqual([]);
    expect(narrativeOf("004").facts).toEqual([]);
  });
});

describe("narrative wording rules", () => {
  it("yields no fact for a sentence without a figure", () => {
    const { facts } = narrativeOfText(
      "四、“三公”经费\n我单位本年度无“三公”经费预算安排，公务接待费据实列支。\n",
    );
    expect(facts).toEqual([]);
  });

  it("keeps a printed 0万元 as a stated 0 rather than dropping it", () => {
    const { facts } = narrativeOfText(
      "2022年，我单位财政拨款“三公”经费预算安排0万元，其中公务接待费0万元。\n",
    );
    expect(rows(facts)).toEqual([
      ["sangong.total", "0", 0, null, 1],
      ["sangong.reception", "0", 0, null, 1],
    ]);
  });

  it("reads an amount stated in 元 with the unit 元", () => {
    const { facts } = narrativeOfText("2023年，我部门机关运行经费共计安排125000元，主要用于日常办公。\n");
    expect(facts[0]?.figure).toMatchObject({ text: "125000", fen: 12500000, unit: "元" });
  });

  it("ignores a 项目支出 amount that is not part of a stated expense total", () => {
    const { facts } = narrativeOfText("本项目支出20万元，用于社区活动。\n");
    expect(facts).toEqual([]);
  });

  it("reads a reduction as direction -1 with the printed magnitude", () => {
    const { facts } = narrativeOfText("2023年“三公”经费预算安排12.50万元，比上年减少3.00万元。\n");
    expect(rows(facts)).toEqual([
      ["sangong.total", "12.50", 12500000, null, 1],
      ["sangong.change", "3.00", 3000000, -1, 1],
    ]);
  });

  it("joins a sentence wrapped over two lines and cites the line of the amount", () => {
    const wrapped = narrativeOfText(
      "2024年，我部门按照厉行节约的要求，机关运行经费共\n计安排 908.52万元，主要用于日常办公。\n",
    );
    expect(rows(wrapped.facts)).toEqual([["operating_cost", "908.52", 908520000, null, 2]]);
  });
});

describe("document facts", () => {
  const facts = (id: keyof typeof SEED) => readDocumentFacts(textModel(seedText(id)), SEED[id]);

  it("reads seed 000 as 河北雄安新区容东管理委员会 (208), 2024, a full disclosure", () => {
    expect(facts("000")).toEqual({
      name: "河北雄安新区容东管理委员会",
      code: "208",
      year: 2024,
      kind: "full",
      region: "河北雄安新区",
      nameLine: 2,
    });
  });

  it("reads seed 001 as 三河市行宫东街道办事处 (781), 2021, a narrative", () => {
    expect(facts("001")).toEqual({
      name: "三河市行宫东街道办事处",
      code: "781",
      year: 2021,
      kind: "narrative",
      region: "三河市",
      nameLine: 1860,
    });
  });

  it("reads seed 002 as an unnamed 区级 explanation for 2023", () => {
    expect(facts("002")).toEqual({
      name: null,
      code: null,
      year: 2023,
      kind: "explanation",
      region: "区级",
      nameLine: null,
    });
  });

  it("reads seed 003 as 保定白沟新城管理委员会办公室 (201001), 2023, a performance text, without （本级）", () => {
    expect(facts("003")).toEqual({
      name: "保定白沟新城管理委员会办公室",
      code: "201001",
      year: 2023,
      kind: "performance",
      region: null,
      nameLine: 136,
    });
  });

  it("reads seed 004 as 承德高新技术产业开发区社区管理办公室 (125001), 2023, a performance text, without 本级", () => {
    expect(facts("004")).toEqual({
      name: "承德高新技术产业开发区社区管理办公室",
      code: "125001",
      year: 2023,
      kind: "performance",
      region: "承德高新技术产业开发区",
      nameLine: 166,
    });
  });

  it("falls back to the title line when no table header names the unit", () => {
    const head = seedText("001").split("\n").slice(0, 40).join("\n");
    const f = readDocumentFacts(textModel(head), "x.txt");
    expect(f).toMatchObject({
      name: "三河市行宫东街道办事处",
      code: null,
      year: 2021,
      kind: "narrative",
      nameLine: 2,
    });
  });

  it("falls back to a cover whose name is split over two lines", () => {
    const cover = seedText("004").split("\n").slice(0, 12).join("\n");
    const f = readDocumentFacts(textModel(cover), "x.txt");
    expect(f).toMatchObject({
      name: "承德高新技术产业开发区社区管理办公室",
      code: null,
      year: 2023,
      kind: "performance",
      nameLine: 3,
    });
  });
});

describe("Chinese ordinals", () => {
  it("parses heading numerals such as 四, 十二, 二十 and 一百零五", () => {
    expect([
      parseCnNumber("四"),
      parseCnNumber("十二"),
      parseCnNumber("二十"),
      parseCnNumber("一百零五"),
    ]).toEqual([4, 12, 20, 105]);
    expect(parseCnNumber("二三")).toBeNull();
    expect(parseCnNumber("部门")).toBeNull();
  });

  it("recognises heading enumerators but not amounts", () => {
    expect(hasHeadingEnumerator("四、财政拨款“三公”经费预算情况")).toBe(true);
    expect(hasHeadingEnumerator("（二）分项绩效目标")).toBe(true);
    expect(hasHeadingEnumerator("1.收入说明")).toBe(true);
    expect(hasHeadingEnumerator("第一部分 部门整体绩效目标")).toBe(true);
    expect(hasHeadingEnumerator("19243.37万元")).toBe(false);
  });
});
