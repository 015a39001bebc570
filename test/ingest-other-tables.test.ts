import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Figure, ProcurementRow } from "../src/domain/types.js";
import { readAssets } from "../src/ingest/assets.js";
import { textModel } from "../src/ingest/formats/text.js";
import { readProcurement } from "../src/ingest/procurement.js";
import { readUnits } from "../src/ingest/units.js";

const SEED_000 = "000_30685518d77b763b.txt";
const SEED_001 = "001_7e3a21f0cdce2af5.txt";
const OTHERS = ["002_4b6394e1ed3c65b9.txt", "003_1e76a5b84cb554b9.txt", "004_98017a668a08a896.txt"];
const stream = (name: string) => textModel(readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8"));
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

const compact = (f: Figure | null) => (f ? [f.text, f.fen] : null);
const compactRow = (r: ProcurementRow) => ({
  line: r.line,
  kind: r.kind,
  projectName: r.projectName,
  projectBudget: compact(r.projectBudget),
  item: r.item,
  catalogCode: r.catalogCode,
  measureUnit: r.measureUnit,
  quantity: r.quantity,
  unitPrice: compact(r.unitPrice),
  amounts: Object.fromEntries(Object.entries(r.amounts).map(([k, v]) => [k, compact(v)])),
});

describe("政府采购预算", () => {
  const p0 = readProcurement(stream(SEED_000), SEED_000);
  const p1 = readProcurement(stream(SEED_001), SEED_001);

  it("pins every row of seed 000 against the reviewed fixture", () => {
    const fx = fixture("procurement-000.json");
    expect(p0.titleLine).toBe(9359);
    expect(p0.rows.map(compactRow)).toEqual(fx.rows);
    expect(p0.rows).toHaveLength(26);
    expect(p0.warnings).toEqual([]);
  });

  it("reads the seed 000 total with its 上年结转结余 and 预留中小微企业份额 columns", () => {
    const total = p0.rows[0] as ProcurementRow;
    expect(total.kind).toBe("total");
    expect(Object.keys(total.amounts)).toEqual([
      "合计",
      "一般公共预算拨款",
      "基金预算拨款",
      "国有资本经营预算拨款",
      "财政专户核拨",
      "单位资金",
      "上年结转结余",
      "预留中小微企业份额",
    ]);
    expect(total.amounts.合计?.text).toBe("3480.02");
    expect(total.amounts.合计?.fen).toBe(3480020000);
    expect(total.amounts.一般公共预算拨款?.text).toBe("3173.22");
    expect(total.amounts.上年结转结余?.text).toBe("306.79");
    expect(total.amounts.预留中小微企业份额?.text).toBe("2776.31");
    expect(total.amounts.基金预算拨款).toBeNull();
    expect(total.amounts.合计?.source).toEqual({ file: SEED_000, section: "部门政府采购预算", line: 9395 });
    // As printed: 3173.22 + 306.79 = 3480.01, one fen short of the printed 3480.02.
    expect((total.amounts.一般公共预算拨款?.fen ?? 0) + (total.amounts.上年结转结余?.fen ?? 0)).toBe(
      3480010000,
    );
  });

  it("marks unit 小计 rows as subtotals whose items add up exactly", () => {
    const kinds = p0.rows.map((r) => r.kind);
    expect(kinds.filter((k) => k === "subtotal")).toHaveLength(2);
    const firstSub = p0.rows.findIndex((r) => r.kind === "subtotal");
    const secondSub = p0.rows.findIndex((r, i) => i > firstSub && r.kind === "subtotal");
    const items = p0.rows.slice(firstSub + 1, secondSub);
    const sum = items.reduce((s, r) => s + (r.amounts.合计?.fen ?? 0), 0);
    expect(p0.rows[firstSub]?.projectName).toBe("河北雄安新区容东管理委员会小计");
    expect(p0.rows[firstSub]?.amounts.合计?.fen).toBe(sum);
    expect(sum).toBe(3240490000);
  });

  it("reads an item row with quantity, unit price and catalogue code", () => {
    const books = p0.rows.find((r) => r.projectName === "2024年度社区图书采购项目") as ProcurementRow;
    expect(books).toMatchObject({
      kind: "item",
      item: "其他普通图书",
      catalogCode: "A04010199",
      measureUnit: "套",
      quantity: "25",
      line: 9532,
    });
    expect(books.unitPrice?.text).toBe("3.00");
    expect(books.projectBudget?.fen).toBe(75000000);
    expect(books.amounts.上年结转结余).toBeNull();
  });

  it("pins every row of seed 001 and aligns short rows from the left", () => {
    const fx = fixture("procurement-001.json");
    expect(p1.titleLine).toBe(1859);
    expect(p1.rows.map(compactRow)).toEqual(fx.rows);
    expect(p1.rows[0]?.kind).toBe("total");
    expect(p1.rows[0]?.amounts.合计?.text).toBe("538.00");
    expect(p1.rows.filter((r) => r.kind === "item")).toHaveLength(5);
    expect(p1.rows[1]).toMatchObject({
      projectName: "2021年新建社区建设",
      item: "装修工程",
      catalogCode: "B07",
      measureUnit: "个",
      quantity: "1",
    });
    expect(p1.rows[1]?.projectBudget?.text).toBe("192.00");
    const items = p1.rows.filter((r) => r.kind === "item");
    expect(items.reduce((s, r) => s + (r.amounts.合计?.fen ?? 0), 0)).toBe(p1.rows[0]?.amounts.合计?.fen);
  });

  it("reads the last row cleanly although the next heading follows it without a blank line", () => {
    const last = p1.rows[p1.rows.length - 1] as ProcurementRow;
    expect(last.line).toBe(1955);
    expect(last.amounts.一般公共预算拨款?.text).toBe("60.00");
    expect(last.amounts.单位资金).toBeNull();
    // readBlocks ends a numeric cell at the glued heading "七、国有资产信息" (line 1964).
    expect(p1.warnings).toEqual([]);
  });

  it.each(OTHERS)("finds no procurement table in %s", (name) => {
    const r = readProcurement(stream(name), name);
    expect(r).toEqual({ rows: [], titleLine: null, warnings: [] });
  });
});

describe("固定资产占用情况表", () => {
  it("pins every asset row of seed 000", () => {
    const a = readAssets(stream(SEED_000), SEED_000);
    expect(a.asOf).toBe("2023-12-31");
    expect(a.warnings).toEqual([]);
    expect(
      a.rows.map((r) => [r.line, r.name, r.quantity, r.value?.text ?? null, r.value?.fen ?? null]),
    ).toEqual([
      [9819, "资产总额", "11495", "4828.43", 4828430000],
      [9823, "固定资产", "11464", "4418.78", 4418780000],
      [9827, "1.房屋及构筑物", "0", "0", 0],
      [9831, "2.车辆", "45", "203.55", 203550000],
      [9835, "3.通用设备", "2620", "3415.96", 3415960000],
      [9839, "4.专用设备", "369", "153.43", 153430000],
      [9843, "5.文物和陈列品", "5", "2.20", 2200000],
      [9847, "6.图书、档案", "306", "101.40", 101400000],
      [9851, "7.家具、用具、装具及动植物", "8119", "542.24", 542240000],
      [9855, "无形资产", "31", "209.65", 209650000],
      [9859, "1.数据", "1", "208.00", 208000000],
      [9863, "2.基础软件", "30", "1.65", 1650000],
    ]);
    expect(a.rows[0]?.value?.source).toEqual({
      file: SEED_000,
      section: "部门固定资产占用情况表",
      line: 9821,
    });
    expect(a.rows[0]?.value?.unit).toBe("万元");
  });

  it("pins every asset row of seed 001, keeping —— as text and blanks as null", () => {
    const a = readAssets(stream(SEED_001), SEED_001);
    expect(a.asOf).toBe("2020-12-31");
    expect(a.warnings).toEqual([]);
    expect(
      a.rows.map((r) => [r.line, r.name, r.quantity, r.value?.text ?? null, r.value?.fen ?? null]),
    ).toEqual([
      [1976, "资产总额", "——", "1544.52", 1544520000],
      [1980, "1、房屋（平方米）", null, null, null],
      [1984, "其中：办公用房（平方米）", null, null, null],
      [1988, "2、车辆（台、辆）", "2", "18.02", 18020000],
      [1992, "3、单价在20万元以上的设备", null, null, null],
      [1996, "4、其他固定资产", "2732", "1526.50", 1526500000],
    ]);
    expect(a.rows[0]?.value?.source.section).toBe("三河市市直部门固定资产占用情况表");
  });

  it.each(OTHERS)("finds no asset table in %s", (name) => {
    expect(readAssets(stream(name), name)).toEqual({ rows: [], asOf: null, warnings: [] });
  });
});

describe("机构设置", () => {
  it("reads the two units of seed 000", () => {
    expect(readUnits(stream(SEED_000), SEED_000)).toEqual([
      {
        name: "河北雄安新区容东管理委员会",
        nature: "行政",
        rank: "正处（县）级",
        funding: "财政拨款",
        line: 1844,
      },
      {
        name: "容东片区兴安社区卫生服务中心",
        nature: "事业",
        rank: "未定行政级别",
        funding: "财政性资金基本保证",
        line: 1849,
      },
    ]);
  });

  it("reads the one unit of seed 001 and skips the blank row above it", () => {
    expect(readUnits(stream(SEED_001), SEED_001)).toEqual([
      { name: "三河市行宫东街道办事处", nature: "行政", rank: "正科级", funding: "财政拨款", line: 31 },
    ]);
  });

  it.each(OTHERS)("finds no units in %s", (name) => {
    expect(readUnits(stream(name), name)).toEqual([]);
  });
});

describe("truncated copies", () => {
  const cut = (name: string, lines: number) =>
    textModel(
      readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8")
        .split("\n")
        .slice(0, lines)
        .join("\n"),
    );

  it("read the procurement rows that are there when the file ends mid-row", () => {
    // Seed 000: line 9436 starts an item row; the file ends after its fifth cell.
    const r = readProcurement(cut(SEED_000, 9440), SEED_000);
    expect(r.rows.map((x) => x.line)).toEqual([9388, 9404, 9420, 9436]);
    expect(r.rows[3]?.measureUnit).toBe("批");
    expect(r.rows[3]?.amounts.合计).toBeNull();
    expect(r.warnings).toEqual([
      { message: "政府采购预算表在第9436行处随文件结束，表格可能被截断", line: 9436, truncated: "end" },
    ]);
  });

  it("read the asset rows that are there when the file ends mid-row", () => {
    const r = readAssets(cut(SEED_000, 9832), SEED_000);
    expect(r.rows.map((x) => x.name)).toEqual(["资产总额", "固定资产", "1.房屋及构筑物", "2.车辆"]);
    expect(r.rows[3]?.value).toBeNull();
    expect(r.warnings).toEqual([
      { message: "资产表第9831行格数不足，表格可能被截断", line: 9831, truncated: "row" },
    ]);
  });
});
