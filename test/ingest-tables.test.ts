import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Figure, StandardRow, StandardTable } from "../src/domain/types.js";
import { textModel } from "../src/ingest/formats/text.js";
import { kindOfTitle, readStandardTables } from "../src/ingest/standard-tables.js";

const SEED_000 = "000_30685518d77b763b.txt";
const seedText = (name: string) => readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8");
const fixture = JSON.parse(readFileSync(new URL("./fixtures/tables-000.json", import.meta.url), "utf8"));

type Compact = [string, number | null] | null;
const compact = (f: Figure | null): Compact => (f ? [f.text, f.fen] : null);
const compactRow = (r: StandardRow) => ({
  line: r.line,
  side: r.side,
  seq: r.seq,
  code: r.code,
  name: r.name,
  level: r.level,
  values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, compact(v)])),
});

const tables000 = readStandardTables(textModel(seedText(SEED_000)), SEED_000);
const byKind = (kind: string): StandardTable => {
  const t = tables000.tables.find((x) => x.kind === kind);
  if (!t) throw new Error(`missing ${kind}`);
  return t;
};
const row = (kind: string, name: string, side: string | null = null): StandardRow => {
  const r = byKind(kind).rows.find((x) => x.name === name && x.side === side);
  if (!r) throw new Error(`missing row ${kind}/${side}/${name}`);
  return r;
};
const text = (f: Figure | null | undefined) => (f === undefined ? "missing" : (f?.text ?? null));

describe("seed 000 standard tables", () => {
  it("finds all nine tables in document order with the right kinds and no warnings", () => {
    expect(tables000.tables.map((t) => [t.kind, t.title, t.line])).toEqual([
      ["收支总表", "部门预算收支总表", 1],
      ["收入总表", "部门预算收入总表", 230],
      ["支出总表", "部门预算支出总表", 635],
      ["财政拨款收支总表", "部门预算财政拨款收支总表", 931],
      ["一般公共预算财政拨款支出表", "部门预算一般公共预算财政拨款支出表", 1293],
      ["一般公共预算财政拨款基本支出表", "部门预算一般公共预算财政拨款基本支出表", 1502],
      ["政府性基金预算财政拨款支出表", "部门预算政府性基金预算财政拨款支出表", 1667],
      ["国有资本经营预算财政拨款支出表", "部门预算国有资本经营预算财政拨款支出表", 1701],
      ["三公经费支出表", "部门预算财政拨款“三公”经费支出表", 1735],
    ]);
    expect(tables000.tables.every((t) => t.unit === "万元")).toBe(true);
    expect(tables000.warnings).toEqual([]);
  });

  it("matches the reviewed fixture row for row, column for column", () => {
    const actual = tables000.tables.map((t) => ({
      kind: t.kind,
      title: t.title,
      unit: t.unit,
      line: t.line,
      columns: t.columns,
      note: t.note,
      rows: t.rows.map(compactRow),
    }));
    expect(actual).toEqual(fixture.tables);
    expect(actual.reduce((n, t) => n + t.rows.length, 0)).toBe(192);
  });

  it("reads leaf column names from merged two-row headers with whitespace squashed", () => {
    expect(byKind("收入总表").columns).toEqual([
      "合计",
      "小计",
      "财政拨款收入",
      "财政专户收入",
      "事业收入",
      "经营收入",
      "上级补助收入",
      "附属单位上缴收入",
      "其他收入",
      "上年结转",
    ]);
    expect(byKind("支出总表").columns).toEqual([
      "合计",
      "基本支出",
      "项目支出",
      "经营支出",
      "上解上级支出",
      "对附属单位补助支出",
    ]);
    expect(byKind("一般公共预算财政拨款基本支出表").columns).toEqual(["合计", "人员经费", "公用经费"]);
    expect(byKind("三公经费支出表").columns).toEqual([
      "合计",
      "一般公共预算财政拨款",
      "政府性基金预算拨款",
      "国有资本经营预算财政拨款",
    ]);
  });

  it("gives one row per side in 收支总表 and skips blank sides", () => {
    const t = byKind("收支总表");
    expect(t.columns).toEqual(["预算数"]);
    expect(t.rows.filter((r) => r.side === "收入")).toHaveLength(8);
    expect(t.rows.filter((r) => r.side === "支出")).toHaveLength(34);
    expect(text(row("收支总表", "一、一般公共预算拨款收入", "收入").values.预算数)).toBe("18401.67");
    expect(row("收支总表", "一、一般公共预算拨款收入", "收入").values.预算数?.fen).toBe(18401670000);
    expect(text(row("收支总表", "本年收入合计", "收入").values.预算数)).toBe("18401.67");
    expect(text(row("收支总表", "上年结转结余", "收入").values.预算数)).toBe("841.70");
    expect(row("收支总表", "上年结转结余", "收入").values.预算数?.fen).toBe(841700000);
    expect(text(row("收支总表", "收入总计", "收入").values.预算数)).toBe("19243.37");
    expect(text(row("收支总表", "一、一般公共服务支出", "支出").values.预算数)).toBe("11013.73");
    expect(text(row("收支总表", "十、卫生健康支出", "支出").values.预算数)).toBe("1370.11");
    expect(text(row("收支总表", "十二、城乡社区支出", "支出").values.预算数)).toBe("6362.59");
    expect(row("收支总表", "年终结转结余", "支出").values.预算数).toBeNull();
    expect(row("收支总表", "二、外交支出", "支出").values.预算数).toBeNull();
  });

  it("splits 财政拨款收支总表 into a 金额 side and a four-column 支出 side", () => {
    const t = byKind("财政拨款收支总表");
    expect(t.columns).toEqual([
      "金额",
      "合计",
      "一般公共预算财政拨款",
      "政府性基金预算财政拨款",
      "国有资本经营预算财政拨款",
    ]);
    const income = row("财政拨款收支总表", "年初财政拨款结转和结余", "收入");
    expect(Object.keys(income.values)).toEqual(["金额"]);
    expect(text(income.values.金额)).toBe("841.70");
    const spend = row("财政拨款收支总表", "支出总计", "支出");
    expect(text(spend.values.合计)).toBe("19243.37");
    expect(text(spend.values.一般公共预算财政拨款)).toBe("19243.37");
    expect(spend.values.政府性基金预算财政拨款).toBeNull();
    // Rows 34–36 print only the 收入 side.
    expect(t.rows.filter((r) => r.seq !== null && r.seq >= 34 && r.seq <= 36).map((r) => r.side)).toEqual([
      "收入",
      "收入",
      "收入",
    ]);
  });

  it("pins the 支出总表 and 基本支出表 totals and levels", () => {
    const total = row("支出总表", "合计");
    expect([text(total.values.合计), text(total.values.基本支出), text(total.values.项目支出)]).toEqual([
      "19243.37",
      "218.00",
      "19025.37",
    ]);
    expect(total.level).toBeNull();
    expect(total.code).toBeNull();
    const basic = row("一般公共预算财政拨款基本支出表", "合计");
    expect([text(basic.values.合计), text(basic.values.人员经费), text(basic.values.公用经费)]).toEqual([
      "218.00",
      "80.00",
      "138.00",
    ]);
    const salary = row("一般公共预算财政拨款基本支出表", "基本工资");
    expect(salary).toMatchObject({ seq: 3, code: "30101", level: 2, line: 1539 });
    expect(text(salary.values.合计)).toBe("51.13");
    expect(salary.values.合计?.fen).toBe(51130000);
    expect(salary.values.公用经费).toBeNull();
    expect(row("一般公共预算财政拨款基本支出表", "工资福利支出")).toMatchObject({ code: "301", level: 1 });
    expect(row("收入总表", "其他政府办公厅（室）及相关机构事务支出")).toMatchObject({
      code: "2010399",
      level: 3,
    });
    expect(row("收入总表", "政府办公厅（室）及相关机构事务")).toMatchObject({ code: "20103", level: 2 });
  });

  it("keeps blank 三公 cells as null, never 0", () => {
    expect(text(row("三公经费支出表", "合计").values.合计)).toBe("5.00");
    expect(row("三公经费支出表", "合计").values.合计?.fen).toBe(5000000);
    expect(text(row("三公经费支出表", "三、公务接待费").values.合计)).toBe("5.00");
    expect(row("三公经费支出表", "三、公务接待费").level).toBe(1);
    expect(row("三公经费支出表", "一、因公出国（境）费").values.合计).toBeNull();
    expect(row("三公经费支出表", "二、公务用车购置及运维费").values.合计).toBeNull();
    expect(row("三公经费支出表", "“三公”经费小计").level).toBeNull();
    const sub = row("三公经费支出表", "其中：教学科研人员因公出国（境）费");
    expect(sub).toMatchObject({ seq: 4, level: null, line: 1779 });
  });

  it("keeps the empty 政府性基金 and 国有资本经营 tables with their notes", () => {
    const fund = byKind("政府性基金预算财政拨款支出表");
    expect(fund.rows).toEqual([]);
    expect(fund.columns).toEqual(["合计", "基本支出", "项目支出"]);
    expect(fund.note).toBe("注：无政府基金预算财政拨款预算，空表列示。");
    expect(byKind("国有资本经营预算财政拨款支出表").note).toBe(
      "注：无国有资本经营预算财政拨款预算，空表列示。",
    );
  });

  it("gives every figure its file, table title and the line of its cell", () => {
    const raw = seedText(SEED_000).split("\n");
    for (const t of tables000.tables) {
      for (const r of t.rows) {
        for (const f of Object.values(r.values)) {
          if (!f) continue;
          expect(f.source.file).toBe(SEED_000);
          expect(f.source.section).toBe(t.title);
          expect(f.unit).toBe("万元");
          expect(Number.isInteger(f.fen)).toBe(true);
          expect(raw[f.source.line - 1]?.trim()).toBe(f.text);
        }
      }
    }
  });
});

describe("table titles of other departments", () => {
  it("maps titles to kinds by keywords, most specific first", () => {
    expect(kindOfTitle("2025年XX部门收支总表")).toBe("收支总表");
    expect(kindOfTitle("表1 部门收支预算总表")).toBe("收支总表");
    expect(kindOfTitle("表2 XX局收入总表")).toBe("收入总表");
    expect(kindOfTitle("表3 支出预算总表")).toBe("支出总表");
    expect(kindOfTitle("表4 财政拨款收支预算总表")).toBe("财政拨款收支总表");
    expect(kindOfTitle("一般公共预算支出表")).toBe("一般公共预算财政拨款支出表");
    expect(kindOfTitle("一般公共预算基本支出表（续）")).toBe("一般公共预算财政拨款基本支出表");
    expect(kindOfTitle("政府性基金预算支出表")).toBe("政府性基金预算财政拨款支出表");
    expect(kindOfTitle("国有资本经营预算支出表")).toBe("国有资本经营预算财政拨款支出表");
    expect(kindOfTitle("一般公共预算“三公”经费支出表")).toBe("三公经费支出表");
  });

  it("does not take narrative sentences or other tables for standard tables", () => {
    expect(
      kindOfTitle("收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制。"),
    ).toBeNull();
    expect(kindOfTitle("部门政府采购预算")).toBeNull();
    expect(kindOfTitle("部门固定资产占用情况表")).toBeNull();
    expect(kindOfTitle("项目支出绩效目标表")).toBeNull();
  });
});

describe("seeds without standard tables", () => {
  it.each([
    "001_7e3a21f0cdce2af5.txt",
    "002_4b6394e1ed3c65b9.txt",
    "003_1e76a5b84cb554b9.txt",
    "004_98017a668a08a896.txt",
  ])("%s yields no tables and no warnings", (name) => {
    const r = readStandardTables(textModel(seedText(name)), name);
    expect(r.tables).toEqual([]);
    expect(r.warnings).toEqual([]);
  });
});

describe("a truncated disclosure", () => {
  const cut = (lines: number) => seedText(SEED_000).split("\n").slice(0, lines).join("\n");

  it("reads a table cut in the middle of a row and warns with the row's line", () => {
    // Line 297 starts row 3 of 收入总表; the file ends after its fourth cell (line 300).
    const r = readStandardTables(textModel(cut(300)), SEED_000);
    expect(r.tables.map((t) => t.kind)).toEqual(["收支总表", "收入总表"]);
    const income = r.tables[1] as StandardTable;
    expect(income.rows.map((x) => x.name)).toEqual([
      "合计",
      "一般公共服务支出",
      "政府办公厅（室）及相关机构事务",
    ]);
    const last = income.rows[2] as StandardRow;
    expect(text(last.values.合计)).toBe("7164.76");
    expect(last.values.小计).toBeNull();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]?.line).toBe(297);
    expect(r.warnings[0]?.message).toContain("截断");
  });

  it("warns instead of throwing when the file ends inside a header or right after a title", () => {
    for (const lines of [230, 233, 250, 262]) {
      const r = readStandardTables(textModel(cut(lines)), SEED_000);
      expect(r.tables.map((t) => t.kind)).toEqual(["收支总表", "收入总表"]);
      expect(r.tables[1]?.rows).toEqual([]);
      expect(r.warnings.length).toBeGreaterThan(0);
    }
  });
});
