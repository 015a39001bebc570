/**
 * Trends across years and departments over the real corpus (issue 21). Figures pinned here were
 * read on the page images: 江苏省政协办公厅 “三公”经费 小计 676.10 (2017 表 p.11), 675.10 (2018 表 p.9),
 * 660.10 (2019 表 p.9) 万元; 江苏省人大常委会办公厅 2019 表 p.9 767.60; 万里街道 2024 p.31 47.91;
 * 社会福利院 2024 p.15 6.40 万元.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Disclosure } from "../src/domain/types.js";
import { readDisclosure } from "../src/ingest/parse.js";
import { acrossDepartments, acrossYears, rankingReply, yearsReply } from "../src/answers/trends/index.js";
import { CORPUS_DIR } from "./helpers/corpus.js";

const ZX = {
  2017: ["江苏省政协办公厅2017年度部门预算.pdf", "江苏省政协办公厅2017年度部门预算公开表.pdf"],
  2018: ["江苏省政协办公厅2018年度部门预算.pdf", "江苏省政协办公厅2018度部门预算公开表.pdf"],
  2019: ["江苏省政协办公厅2019年度部门预算.pdf", "江苏省政协办公厅2019年预算公开表.pdf"],
};
const OTHERS = [
  "江苏省人大常委会2019年度部门预算公开.pdf",
  "江苏省人大常委会办公厅2019年部门预算公开表.pdf",
  "上海市普陀区万里街道办事处2024年部门预算.pdf",
  "上海市普陀区社会福利院2024年单位预算.pdf",
  "中共上海市普陀区委社会工作部2024年度部门决算.pdf",
];

const docs = new Map<string, Disclosure>();
const of = (files: string[]) => files.map((f) => docs.get(f) as Disclosure);
const zx = (...years: Array<keyof typeof ZX>) => of(years.flatMap((y) => ZX[y]));
const SANGONG = { kind: "headline", key: "sangong.total" } as const;

beforeAll(async () => {
  for (const f of [...Object.values(ZX).flat(), ...OTHERS])
    docs.set(f, await readDisclosure(new Uint8Array(readFileSync(join(CORPUS_DIR, f))), f));
}, 120_000);

describe("acrossYears: 江苏省政协办公厅 “三公”经费 2017–2019", () => {
  it("gives the three years, each from its own 表 and page, with exact changes", () => {
    const t = acrossYears(zx(2017, 2018, 2019), SANGONG);
    expect(t.department).toBe("江苏省政协办公厅");
    expect(t.unit).toBe("万元");
    expect(
      t.columns.map((c) => [c.label, c.figure?.fen, c.figure?.source.file, c.figure?.source.place]),
    ).toEqual([
      ["2017年预算", 676_100_000, ZX[2017][1], expect.objectContaining({ kind: "page", page: 11 })],
      ["2018年预算", 675_100_000, ZX[2018][1], expect.objectContaining({ kind: "page", page: 9 })],
      ["2019年预算", 660_100_000, ZX[2019][1], expect.objectContaining({ kind: "page", page: 9 })],
    ]);
    expect(t.columns.map((c) => c.change && [c.change.fen, c.change.basisPoints])).toEqual([
      null,
      [-1_000_000, -15],
      [-15_000_000, -222],
    ]);
  });

  it("answers one table: a column per year, the change and the percentage, each year cited", () => {
    const reply = yearsReply(acrossYears(zx(2019, 2017, 2018), SANGONG));
    expect(reply.heading).toBe("江苏省政协办公厅 “三公”经费 历年（万元）");
    expect(reply.table?.columns.map((c) => c.header)).toEqual([
      "项目",
      "2017年预算",
      "2018年预算",
      "2019年预算",
    ]);
    expect(reply.table?.rows).toEqual([
      ["“三公”经费", "676.10", "675.10", "660.10"],
      ["比上年增减", "—", "-1.00", "-15.00"],
      ["增减率", "—", "-0.15%", "-2.22%"],
    ]);
    expect(reply.sources?.map((s) => [s.file, s.where])).toEqual([
      [ZX[2017][1], "第11页"],
      [ZX[2018][1], "第9页"],
      [ZX[2019][1], "第9页"],
    ]);
    expect(reply.chart?.kind).toBe("bars-by-year");
    expect(reply.chart?.series).toEqual([{ name: "预算", values: [676_100_000, 675_100_000, 660_100_000] }]);
  });

  it("shows a year not disclosed as 未列示, never 0, and does not compare across it", () => {
    const t = acrossYears(zx(2017, 2019), SANGONG);
    const gap = t.columns.find((c) => c.year === 2018);
    expect(gap?.figure).toBeNull();
    expect(t.columns.find((c) => c.year === 2019)?.change).toMatchObject({
      fen: null,
      why: "2018年预算未列示",
    });
    const reply = yearsReply(t);
    expect(reply.table?.rows[0]).toEqual(["“三公”经费", "676.10", "未列示", "660.10"]);
    expect(reply.table?.rows[1]).toEqual(["比上年增减", "—", "—", "—"]);
    expect(reply.notes).toContain("2018年预算：未收录该年文件，未列示");
    expect(reply.chart?.series[0]?.values).toEqual([676_100_000, null, 660_100_000]);
  });

  it("fills a year from a later document's 上年预算数, marked as stated by that document", () => {
    const [narrative, tables] = zx(2019) as [Disclosure, Disclosure];
    const stated = narrative.narrative.find((f) => f.key === "sangong.reception");
    // The corpus states no prior-year 三公 total: give the 2019 说明 one, as its sentences do elsewhere.
    const prior = {
      text: "675.10",
      fen: 675_100_000,
      unit: "万元" as const,
      source: stated?.figure.source ?? tables.tables[0]!.rows[0]!.values.金额!.source,
    };
    const withPrior: Disclosure = {
      ...narrative,
      narrative: [
        ...narrative.narrative,
        {
          key: "sangong.total",
          label: "“三公”经费",
          figure: { ...prior, text: "660.10", fen: 660_100_000 },
          direction: null,
          sentence: "",
          prior: { basis: "budget", year: null, figure: prior },
        },
      ],
    };
    const t = acrossYears([withPrior, tables], SANGONG);
    expect(t.columns.map((c) => [c.label, c.figure?.fen, c.statedBy?.year])).toEqual([
      ["2018年预算", 675_100_000, 2019],
      ["2019年预算", 660_100_000, undefined],
    ]);
    const reply = yearsReply(t);
    expect(reply.table?.rows[0]).toEqual(["“三公”经费", "675.10*", "660.10"]);
    expect(
      reply.notes?.some((n) => n.startsWith(`2018年预算取自 2019年文件 ${ZX[2019][0]} 所列上年预算`)),
    ).toBe(true);
  });

  it("does not compare silently when the scope changed", () => {
    const [n18, t18] = zx(2018) as [Disclosure, Disclosure];
    // The 2018 table retitled as counting 财政拨款 (2017's says 一般公共预算).
    const retitled: Disclosure = {
      ...t18,
      tables: t18.tables.map((t) =>
        t.kind !== "三公经费支出表"
          ? t
          : {
              ...t,
              rows: t.rows.map((r) => ({
                ...r,
                values: Object.fromEntries(
                  Object.entries(r.values).map(([k, v]) => [
                    k,
                    v && { ...v, source: { ...v.source, section: `${v.source.section}（财政拨款）` } },
                  ]),
                ),
              })),
            },
      ),
    };
    const t = acrossYears([...zx(2017), n18, retitled], SANGONG);
    expect(t.columns[1]?.change).toMatchObject({ fen: null, basisPoints: null });
    expect(t.notes.join("\n")).toMatch(/口径不同（2017年预算为一般公共预算，2018年预算为财政拨款）/);
  });

  it("reads a 功能分类 类 by code across years", () => {
    const t = acrossYears(zx(2017, 2018, 2019), { kind: "class", class: "208" });
    expect(t.label).toBe("社会保障和就业支出");
    expect(t.columns.map((c) => c.figure?.text)).toEqual(["1,509.72", "823.76", "858.51"]);
    expect(t.columns.map((c) => c.change?.basisPoints ?? null)).toEqual([null, -4544, 422]);
  });
});

describe("acrossDepartments over the corpus", () => {
  const all = () => [...docs.values()];

  it("ranks departments by “三公”经费 with shares of the total, each cited", () => {
    const r = acrossDepartments(all(), SANGONG);
    expect(r.ranked.map((d) => [d.rank, d.department, d.year, d.figure.fen, d.shareBasisPoints])).toEqual([
      [1, "江苏省人大常委会办公厅", 2019, 767_600_000, 5179],
      [2, "江苏省政协办公厅", 2019, 660_100_000, 4454],
      [3, "上海市普陀区人民政府万里街道办事处", 2024, 47_910_000, 323],
      [4, "上海市普陀区社会福利院", 2024, 6_400_000, 43],
    ]);
    expect(r.totalFen).toBe(1_482_010_000);
    const reply = rankingReply(r);
    expect(reply.table?.totals).toEqual([["", "合计（4 个单位）", "", "1,482.01", ""]]);
    expect(reply.sources?.map((s) => s.where)).toEqual(["第9页", "第9页", "第31页", "第15页"]);
    expect(reply.chart?.categories).toHaveLength(4);
  });

  it("lists a department that does not state the figure apart, never ranked as 0", () => {
    // Only 万里街道 states a 教育支出 class (205: 250,000 元 in its 2024 tables).
    const r = acrossDepartments(all(), { kind: "class", class: "教育" });
    expect(r.label).toBe("教育支出");
    expect(r.ranked.map((d) => [d.department, d.figure.fen, d.shareBasisPoints])).toEqual([
      ["上海市普陀区人民政府万里街道办事处", 25_000_000, 10000],
    ]);
    expect(r.notStated.map((d) => d.department)).toEqual([
      "江苏省人大常委会办公厅",
      "江苏省政协办公厅",
      "上海市普陀区社会福利院",
    ]);
    const reply = rankingReply(r);
    expect(reply.table?.rows).toHaveLength(1);
    expect(reply.notes?.[0]).toMatch(
      /^未列示（未排名）：江苏省人大常委会办公厅（.*）、江苏省政协办公厅（.*）、上海市普陀区社会福利院（.*）$/,
    );
    expect(reply.chart?.categories).toEqual(["上海市普陀区人民政府万里街道办事处"]);
    const final = acrossDepartments(all(), SANGONG, { basis: "final" });
    expect(final.ranked).toEqual([]);
    expect(final.notStated.map((d) => [d.department, d.notApplicable?.key])).toEqual([
      ["中共上海市普陀区委社会工作部", "sangong.total"],
    ]);
    expect(rankingReply(final).notes?.[0]).toMatch(/^不适用（未排名）：中共上海市普陀区委社会工作部：/);
  });

  it("compares figures printed in 元 and 万元 exactly, in one unit, with the conversion stated", () => {
    const r = acrossDepartments(all(), { kind: "headline", key: "expense.total" });
    const reply = rankingReply(r);
    expect(r.unit).toBe("万元");
    expect(reply.table?.rows.map((row) => [row[1], row[3]])).toEqual([
      ["江苏省人大常委会办公厅", "18,330.37"],
      ["上海市普陀区人民政府万里街道办事处", "15,621.1123"],
      ["江苏省政协办公厅", "13,377.11"],
      ["上海市普陀区社会福利院", "1,212.1164"],
    ]);
    expect(reply.notes).toContain(
      "上海市普陀区人民政府万里街道办事处、上海市普陀区社会福利院原表以元列示，按 1 万元 = 10,000 元 换算为万元（按分精确换算）",
    );
  });
});
