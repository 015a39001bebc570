import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppCore } from "../src/app.js";
import { runChecks } from "../src/checks/index.js";
import type { Disclosure, ProcurementRow } from "../src/domain/types.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

const ZX2017 = "江苏省政协办公厅2017年度部门预算公开表.pdf";
const ZX2017_NARRATIVE = "江苏省政协办公厅2017年度部门预算.pdf";
const ZX2018 = "江苏省政协办公厅2018度部门预算公开表.pdf";

/** Each table file: 合计, the category rows, the number of purchase lines, as printed. */
const TABLES: Array<{ file: string; total: string; categories: string[]; items: number; page: number }> = [
  {
    file: ZX2017,
    total: "1,271.22",
    categories: ["一、货物A 259.32", "三、服务C 1,011.90"],
    items: 28,
    page: 12,
  },
  {
    file: ZX2018,
    total: "1,281.76",
    categories: ["一、货物A 355.67", "三、服务C 926.09"],
    items: 20,
    page: 12,
  },
  {
    file: "江苏省政协办公厅2019年预算公开表.pdf",
    total: "1,624.42",
    categories: ["一、货物A 350.00", "三、服务C 1,274.42"],
    items: 12,
    page: 12,
  },
  {
    file: "江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    total: "2,416.43",
    categories: ["一、货物A 233.10", "三、服务C 2,183.33"],
    items: 13,
    page: 12,
  },
  {
    file: "江苏省人大办公厅2017年度预算公开.pdf",
    total: "2,247.85",
    categories: ["一、货物A 59.00", "三、服务C 2,188.85"],
    items: 14,
    page: 20,
  },
  {
    file: "省人大办公厅2018预算公开.pdf",
    total: "2,064.25",
    categories: ["一、货物A 59.00", "三、服务C 2,005.25"],
    items: 13,
    page: 17,
  },
];
/** The 情况说明 files that state 政府采购 beside a tables file of the same department-year. */
const NARRATIVES = [
  ZX2017_NARRATIVE,
  "江苏省政协办公厅2018年度部门预算.pdf",
  "江苏省政协办公厅2019年度部门预算.pdf",
];

let corpus: CorpusDb;
let core: AppCore;
const ask = (line: string) => corpus.ask(line);

const doc = (file: string) => corpus.parsed.get(file) as Disclosure;
const amount = (r: ProcurementRow | undefined) => r?.amounts.总计?.text;
const pageOf = (d: Disclosure, line: number | undefined) => {
  const p = line === undefined ? undefined : d.places?.[line];
  return p?.kind === "page" ? p.page : undefined;
};
const procurementFindings = (d: Disclosure) =>
  runChecks(d).filter((f) => f.ruleId.startsWith("procurement.") || f.message.includes("采购"));

beforeAll(async () => {
  corpus = await openCorpusDb([...TABLES.map((t) => t.file), ...NARRATIVES]);
  core = corpus.core;
}, 120_000);

afterAll(() => corpus.close());

describe("政协 2017 政府采购预算表 (第12–13页)", () => {
  it("reads 合计 as the total and 一、货物A / 三、服务C as subtotals named in item, keyed 总计", () => {
    const d = doc(ZX2017);
    const [total, ...rest] = d.procurement;
    expect(total).toMatchObject({ kind: "total", item: "合计", projectName: null });
    expect(Object.keys(total?.amounts ?? {})).toEqual(["总计"]);
    expect(amount(total)).toBe("1,271.22");
    expect(total?.amounts.总计?.fen).toBe(12_712_200_00);
    expect(pageOf(d, total?.line)).toBe(12);
    const subtotals = rest.filter((r) => r.kind === "subtotal");
    expect(subtotals.map((r) => [r.item, r.projectName, amount(r), pageOf(d, r.line)])).toEqual([
      ["一、货物A", null, "259.32", 12],
      ["三、服务C", null, "1,011.90", 12],
    ]);
    expect(d.procurement.filter((r) => r.kind === "item")).toHaveLength(28);
    expect(d.warnings).toEqual([]);
  });

  it("gives the purchase lines under 办公设备购置费 (95.00) that 专项 as project and budget", () => {
    const d = doc(ZX2017);
    const lines = d.procurement.filter((r) => r.kind === "item" && r.projectName === "办公设备购置费");
    expect(lines.map((r) => [r.item, amount(r)])).toEqual([
      ["台式计算机（20万以下）", "10.80"],
      ["便携式计算机（20万以下）", "2.00"],
      ["打印设备（20万以下）", "0.20"],
      ["其他计算机设备及软件", "28.00"],
      ["复印机", "6.00"],
      ["家具用具", "48.00"],
    ]);
    for (const r of lines) {
      expect(r.projectBudget?.text).toBe("95.00");
      // The budget cites the 专项 row itself (第12页 表内第3行), not the purchase line.
      expect(d.places?.[r.projectBudget?.source.line ?? -1]).toMatchObject({
        kind: "page",
        page: 12,
        line: 7,
      });
      expect(r).toMatchObject({ catalogCode: null, measureUnit: null, quantity: null, unitPrice: null });
    }
    // The 专项 row is not a line of its own: the lines add up to it, as printed.
    expect(lines.reduce((s, r) => s + (r.amounts.总计?.fen ?? 0), 0)).toBe(lines[0]?.projectBudget?.fen);
  });

  it("carries 省政协全委会 (714.80) over the page break to its lines on 第13页, under 三、服务C", () => {
    const d = doc(ZX2017);
    const lines = d.procurement.filter((r) => r.projectBudget?.text === "714.80");
    expect(lines.map((r) => [r.projectName, r.item, amount(r), pageOf(d, r.line)])).toEqual([
      ["省政协全委会", "会议服务", "65.00", 13],
      ["省政协全委会", "住宿服务", "362.60", 13],
      ["省政协全委会", "餐饮服务", "207.20", 13],
      ["省政协全委会", "交通运输和仓储服务", "80.00", 13],
    ]);
    // 省政协全委会 also heads 货物 lines (140.20): two 专项 rows of one name stay apart by their budget.
    expect(
      d.procurement.filter((r) => r.projectName === "省政协全委会" && r.projectBudget?.text === "140.20"),
    ).toHaveLength(2);
  });
});

describe("the other Jiangsu 政府采购预算表 files", () => {
  it("政协 2018: a 专项 row with a blank 专项名称 (培训费 16.00) continues 商品和服务支出 above it", () => {
    const d = doc(ZX2018);
    const lines = d.procurement.filter((r) => r.projectName === "商品和服务支出");
    expect(lines.map((r) => [r.item, amount(r), r.projectBudget?.text])).toEqual([
      ["住宿服务", "35.00", "70.00"],
      ["餐饮服务", "35.00", "70.00"],
      ["住宿服务", "8.00", "16.00"],
      ["餐饮服务", "8.00", "16.00"],
    ]);
  });

  for (const t of TABLES) {
    it(`${t.file}: 合计 ${t.total} (第${t.page}页), ${t.categories.join("、")}, ${t.items} lines`, () => {
      const d = doc(t.file);
      const total = d.procurement.find((r) => r.kind === "total");
      expect(amount(total)).toBe(t.total);
      expect(pageOf(d, total?.line)).toBe(t.page);
      expect(d.procurement.filter((r) => r.kind === "subtotal").map((r) => `${r.item} ${amount(r)}`)).toEqual(
        t.categories,
      );
      const items = d.procurement.filter((r) => r.kind === "item");
      expect(items).toHaveLength(t.items);
      expect(items.every((r) => r.projectName !== null && r.item !== null && r.projectBudget !== null)).toBe(
        true,
      );
    });

    it(`${t.file}: the procurement rules find nothing (lines = 专项 = category = 合计, as printed)`, () => {
      expect(procurementFindings(doc(t.file)).map((f) => f.message)).toEqual([]);
    });
  }
});

describe("/budget … 政府采购 and the self-check, with the 情况说明 in the same db", () => {
  it("answers the table: 合计 1,271.22 with 第12页, the 货物 and 服务 parts, the lines by 专项", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2017 政府采购");
    expect(text).toMatch(/合计\s+1,271\.22/);
    expect(text).toMatch(/一、货物A\s+259\.32/);
    expect(text).toMatch(/三、服务C\s+1,011\.90/);
    // Each line beside the budget of its 专项 (办公设备购置费 95.00, 第12页).
    expect(text).toMatch(/办公设备购置费\s+台式计算机（20万以下）\s+10\.80\s+95\.00/);
    expect(text).toMatch(/省政协全委会\s+印刷品\s+67\.75\s+140\.20/);
    expect(text).toContain(`来源：${ZX2017} · 2017年政府采购预算表 · 第12页`);
    // The two files of the year are combined; the 说明's statement of the total is cited too.
    expect(text).toContain(`${ZX2017_NARRATIVE} · 十二、政府采购预算表情况说明 · 第19页`);
    expect(text).toContain("共 28 条");
    // 第19页: 政府采购预算总金额为 1,271.22 万元；货物类 259.32 万元；服务类 1,011.90 万元.
    expect(text).toContain("情况说明（第19页）所述政府采购预算 1,271.22 万元，与表列一致");
    expect(text).toContain("情况说明（第19页）所述政府采购货物预算 259.32 万元，与表列一致");
    expect(text).toContain("情况说明（第19页）所述政府采购服务预算 1,011.90 万元，与表列一致");
  });

  it("pages on to the 第13页 lines", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2017 政府采购 --page 2");
    expect(text).toMatch(/省政协全委会\s+住宿服务\s+362\.60/);
    expect(text).toContain("第12、13页");
  });

  it("the overview states 政府采购预算 1,271.22 and the 说明 agrees", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2017");
    expect(text).toMatch(/政府采购预算\s+1,271\.22/);
    expect(text).toContain("情况说明（第19页）所述政府采购预算 1,271.22 万元，与表列一致");
  });

  for (const year of [2017, 2018, 2019]) {
    it(`政协 ${year} combined: no finding about 政府采购 (说明's total, 货物, 服务 = the table's)`, async () => {
      const d = (await core.catalog.disclosure("江苏省政协办公厅", year)) as Disclosure;
      expect(d.procurement.length).toBeGreaterThan(0);
      expect(d.narrative.some((f) => f.key === "procurement.goods")).toBe(true);
      expect(procurementFindings(d).map((f) => f.message)).toEqual([]);
    });
  }

  it("sets the 说明's 货物 and 服务 against the category rows: a changed 货物 row is reported", async () => {
    const d = structuredClone((await core.catalog.disclosure("江苏省政协办公厅", 2017)) as Disclosure);
    const goods = d.procurement.find((r) => r.item === "一、货物A") as ProcurementRow;
    const fig = goods.amounts.总计;
    if (!fig?.fen) throw new Error("no 货物 figure");
    goods.amounts.总计 = { ...fig, text: "260.32", fen: fig.fen + 1_000_000 };
    const messages = runChecks(d).map((f) => `${f.ruleId} ${f.message}`);
    expect(messages).toContainEqual(
      expect.stringContaining(
        "narrative.vs-table 情况说明「政府采购货物预算」 259.32 与 政府采购预算表「一、货物A」 260.32",
      ),
    );
    expect(messages).toContainEqual(
      expect.stringContaining("procurement.sum 政府采购表「一、货物A」总计 260.32"),
    );
  });

  it("reports lines that exceed their 专项 (the rules read the 总计 column)", () => {
    const d = structuredClone(doc(ZX2017));
    const line = d.procurement.find((r) => r.item === "家具用具") as ProcurementRow;
    const fig = line.amounts.总计;
    if (!fig?.fen) throw new Error("no 家具用具 figure");
    line.amounts.总计 = { ...fig, text: "49.00", fen: fig.fen + 1_000_000 };
    const rules = runChecks(d).map((f) => f.ruleId);
    expect(rules).toContain("procurement.project-budget");
    expect(rules).toContain("procurement.sum");
  });
});
