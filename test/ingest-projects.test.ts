import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Project } from "../src/domain/types.js";
import { textModel } from "../src/ingest/formats/text.js";
import { decidePlanUnit, readProjects } from "../src/ingest/projects.js";

const SEEDS = {
  "000": "000_30685518d77b763b.txt",
  "001": "001_7e3a21f0cdce2af5.txt",
  "002": "002_4b6394e1ed3c65b9.txt",
  "003": "003_1e76a5b84cb554b9.txt",
  "004": "004_98017a668a08a896.txt",
} as const;
type Seed = keyof typeof SEEDS;

const cache = new Map<Seed, ReturnType<typeof readProjects>>();
function read(seed: Seed): ReturnType<typeof readProjects> {
  let r = cache.get(seed);
  if (!r) {
    r = readProjects(textModel(readFileSync(`data/${SEEDS[seed]}`, "utf8")), SEEDS[seed]);
    cache.set(seed, r);
  }
  return r;
}
function projects(seed: Seed): Project[] {
  return read(seed).projects;
}
function byTitle(seed: Seed, title: string, nth = 0): Project {
  const p = projects(seed).filter((x) => x.title === title)[nth];
  if (!p) throw new Error(`no project ${title}`);
  return p;
}
function bySeq(seed: Seed, seq: number): Project {
  const p = projects(seed).find((x) => x.seq === seq);
  if (!p) throw new Error(`no project ${seq}`);
  return p;
}
function summary(p: Project) {
  return { seq: p.seq, title: p.title, name: p.name, code: p.code, budget: p.budget?.text ?? null };
}
function row(i: Project["indicators"][number] | undefined) {
  return i ? [i.level1, i.level2, i.level3, i.description, i.value, i.basis] : undefined;
}
function plan(p: Project) {
  return p.plan.map((x) => [x.label, x.text, x.unit, x.fen, x.basisPoints]);
}

describe("project tables: every seed matches its hand-checked fixture", () => {
  // Fixtures were produced by an independent raw-line script (not this parser) and spot-checked
  // against the seed lines; see the report of the task that created them.
  for (const seed of Object.keys(SEEDS) as Seed[]) {
    it(`seed ${seed} lists every table with seq, title, name, code and budget text`, () => {
      const expected = JSON.parse(readFileSync(`test/fixtures/projects-${seed}.json`, "utf8"));
      expect(projects(seed).map(summary)).toEqual(expected);
    });
  }

  it("finds 73, 26, 34, 21 and 13 tables in seeds 000 to 004", () => {
    expect((Object.keys(SEEDS) as Seed[]).map((s) => projects(s).length)).toEqual([73, 26, 34, 21, 13]);
  });
});

describe("seed 000 (DOCX, 73 numbered tables)", () => {
  it("numbers the tables 1 to 73 in order and reports no warnings", () => {
    expect(projects("000").map((p) => p.seq)).toEqual(Array.from({ length: 73 }, (_, i) => i + 1));
    expect(read("000").warnings).toEqual([]);
  });

  it("ignores the 分项绩效目标 list of 项目名称 lines before the tables", () => {
    expect(projects("000")[0]?.line).toBe(2006);
    expect(projects("000").every((p) => p.section === "六、部门主管专项资金预算安排情况及绩效目标")).toBe(
      true,
    );
  });

  it("reads 29 后勤保障 exactly, with provenance of each figure", () => {
    const p = bySeq("000", 29);
    expect(p.title).toBe("后勤保障绩效目标表");
    expect(p.name).toBe("后勤保障");
    expect(p.code).toBe("13660024P00448510003Y");
    expect(p.budget).toEqual({
      text: "961.30",
      fen: 961300000,
      unit: "万元",
      source: { file: SEEDS["000"], section: "后勤保障绩效目标表", line: 4762 },
    });
    expect(p.fiscal?.text).toBe("961.30");
    expect(p.fiscal?.source.line).toBe(4764);
    expect(p.other).toBeNull();
    expect(p.purpose).toBe("用于为各类公服提供物业服务的经费以及各公服水、电、暖、电信服务费");
    expect(p.line).toBe(4752);
  });

  it("reads the 29 后勤保障 plan labelled （%） as 万元 amounts", () => {
    expect(plan(bySeq("000", 29))).toEqual([
      ["3月底", "96.13", "万元", 96130000, null],
      ["6月底", "288.39", "万元", 288390000, null],
      ["10月底", "576.78", "万元", 576780000, null],
      ["12月底", "961.30", "万元", 961300000, null],
    ]);
    expect(bySeq("000", 29).plan.map((x) => x.line)).toEqual([4778, 4779, 4780, 4781]);
  });

  it("keeps the multi-line goal of 29 后勤保障 with line breaks between the enumerated lines", () => {
    expect(bySeq("000", 29).goal).toBe(
      "1.维持办公环境整洁\n2.确保办公设备可持续使用，满足各类公服正常办公需要\n3.完成安可软硬件20%替换率，以及原有安可设备系统续费服务",
    );
  });

  it("reads the 7 indicators of 29 后勤保障, inheriting merged level cells", () => {
    const ind = bySeq("000", 29).indicators;
    expect(ind).toHaveLength(7);
    expect(row(ind[0])).toEqual([
      "产出指标",
      "数量指标",
      "物业服务面积",
      "物业服务面积",
      "≥24737平方米",
      "实际需要",
    ]);
    expect(row(ind[3])).toEqual([
      "产出指标",
      "成本指标",
      "物业管理费",
      "物业管理费",
      "≤505.67万元",
      "最终结算金额",
    ]);
    expect(row(ind[5])?.slice(0, 3)).toEqual(["效益指标", "社会效益指标", "工作环境正常"]);
    expect(row(ind[6])?.slice(0, 2)).toEqual(["满意度指标", "服务对象满意度指标"]);
    expect(ind[0]?.line).toBe(4797);
  });

  it("reads 30 后勤保障项目: code, budget and a plan with blank columns kept as empty points", () => {
    const p = bySeq("000", 30);
    expect([p.name, p.code, p.budget?.text, p.budget?.fen]).toEqual([
      "后勤保障项目",
      "13660023P004485100019",
      "56.00",
      56000000,
    ]);
    expect(plan(p)).toEqual([
      ["3月底", "", "万元", null, null],
      ["6月底", "56.00", "万元", 56000000, null],
      ["10月底", "", "万元", null, null],
      ["12月底", "", "万元", null, null],
    ]);
  });

  it("keeps same-named tables apart: their codes and amounts differ", () => {
    const pairs: Array<[number, number, string, string, string, string]> = [
      [26, 27, "13660023P004494100059", "1.12", "13660024P00010510001C", "450.00"],
      [60, 61, "13660023P00449010002P", "11.90", "13660024P004490100078", "734.00"],
      [70, 71, "13660023P00449510003P", "3.96", "13660024P00017510002J", "385.57"],
    ];
    for (const [a, b, codeA, budgetA, codeB, budgetB] of pairs) {
      const pa = bySeq("000", a);
      const pb = bySeq("000", b);
      expect(pa.name).toBe(pb.name);
      expect([pa.code, pa.budget?.text, pb.code, pb.budget?.text]).toEqual([codeA, budgetA, codeB, budgetB]);
    }
    expect(bySeq("000", 27).budget?.fen).toBe(450000000);
    expect(bySeq("000", 26).budget?.fen).toBe(1120000);
  });

  it("reads a plan whose values end at 100 while the budget is 145.10 as percentages", () => {
    expect(plan(bySeq("000", 16))).toEqual([
      ["3月底", "25.00", "%", null, 2500],
      ["6月底", "50.00", "%", null, 5000],
      ["10月底", "75.00", "%", null, 7500],
      ["12月底", "100.00", "%", null, 10000],
    ]);
  });

  it("reads a plan whose values add up to the budget as 万元 (59 双文社区)", () => {
    const p = bySeq("000", 59);
    expect(p.budget?.text).toBe("33.60");
    expect(plan(p)).toEqual([
      ["3月底", "3.06", "万元", 3060000, null],
      ["6月底", "4.76", "万元", 4760000, null],
      ["10月底", "17.50", "万元", 17500000, null],
      ["12月底", "8.28", "万元", 8280000, null],
    ]);
  });

  it("rejoins an indicator row split by a blank line inside a cell (37 民政对象服务经费)", () => {
    const ind = bySeq("000", 37).indicators;
    expect(row(ind[2])).toEqual(["产出指标", "时效指标", "项目完成时间", "项目完成时间", "≤12月", null]);
    expect(row(ind[3])).toEqual(["产出指标", "成本指标", "社会平均成本", "与社会成本比较", "相持", null]);
  });
});

describe("seed 001 (no amounts, titles with field codes)", () => {
  it("has no codes or amounts: budget, fiscal, other and code are null, the name comes from the title", () => {
    const ps = projects("001");
    expect(
      ps.every((p) => p.code === null && p.budget === null && p.fiscal === null && p.other === null),
    ).toBe(true);
    expect(ps.every((p) => p.plan.length === 0)).toBe(true);
    expect(ps[0]?.name).toBe("国税分局小区修缮工程");
    expect(ps[9]?.name).toBe(
      "提前下达2021年国有企业退休人员社会化管理省级财政补助资金（预拨）（冀财资[2020]205号）",
    );
  });

  it("finds the first title glued into the last cell of the previous table, on its own line", () => {
    const p = projects("001")[0] as Project;
    expect([p.seq, p.title, p.line, p.section]).toEqual([
      1,
      "国税分局小区修缮工程绩效目标表",
      109,
      "第2部分 资金绩效目标",
    ]);
    expect(p.goal?.split("\n")).toHaveLength(3);
    expect(p.indicators).toHaveLength(7);
  });

  it("carries a level-1 name printed on a row of its own to the rows below (6 中行家属楼)", () => {
    const ind = bySeq("001", 6).indicators;
    expect(ind).toHaveLength(7);
    expect(row(ind[0])?.slice(0, 3)).toEqual(["产出指标", "数量指标", "工程量完成率"]);
  });

  it("stops the last table at the 政府采购 heading", () => {
    const last = bySeq("001", 26);
    expect(last.name).toBe("行政综合服务中心专项经费");
    expect(last.indicators).toHaveLength(7);
    expect(read("001").warnings).toEqual([]);
  });
});

describe("seed 002 (split cells, variant layouts, no codes)", () => {
  it("reads 一般债券本息 with budget 1125.81 and its split header cells", () => {
    const p = byTitle("002", "一般债券本息绩效目标表");
    expect([p.name, p.code, p.budget?.text, p.budget?.fen, p.fiscal?.text]).toEqual([
      "一般债券本息",
      null,
      "1125.81",
      1125810000,
      "1125.81",
    ]);
    expect(p.purpose).toBeNull();
    expect(p.indicators).toHaveLength(7);
    expect(row(p.indicators[0])).toEqual([
      "产出指标",
      "数量指标",
      "支付到期本金款",
      "支付到期本金款",
      "319.5",
      "年度工作计划",
    ]);
    expect(row(p.indicators[1])).toEqual([
      "产出指标",
      "数量指标",
      "支付到期利息款",
      "支付到期利息款",
      "806.31",
      "上级文件要求",
    ]);
    expect(plan(p).map((x) => x[1])).toEqual(["0", "0", "0", "100"]);
    expect(p.plan.every((x) => x.unit === "%")).toBe(true);
  });

  it("finds the title inside a cell: 一标三实二维码门牌款 with budget 45", () => {
    const p = byTitle("002", "一标三实二维码门牌款绩效目标表");
    expect([p.name, p.budget?.text, p.budget?.fen, p.line]).toEqual([
      "一标三实二维码门牌款",
      "45",
      45000000,
      943,
    ]);
  });

  it("reads the 困难企业补贴 variant: 项目资金主要用途, budget in the plan row, quarter labels", () => {
    const p = byTitle("002", "困难企业补贴项目资金绩效目标表");
    expect(p.name).toBe("困难企业补贴");
    expect([p.budget?.text, p.fiscal?.text, p.other]).toEqual(["200", "200", null]);
    expect(p.purpose?.startsWith("主要用于职工服务中心下岗人员343 人")).toBe(true);
    expect(plan(p)).toEqual([
      ["第一季度", "20%", "%", null, 2000],
      ["第二季度", "40%", "%", null, 4000],
      ["第三季度", "70%", "%", null, 7000],
      ["第四季度", "100%", "%", null, 10000],
    ]);
    expect(p.goal).toBe(
      "目标 1：保障职工工资及保险金额足额发放；\n目标 2：提供破产改制员工基本生活保障，推进区域稳定和谐发展；",
    );
    expect(p.indicators).toHaveLength(8);
  });

  it("strips a unit glued to the title and reads a plan with mixed 0 and 100%", () => {
    const p = byTitle("002", "“雪亮工程”二期建设费用绩效目标表");
    expect([p.name, p.budget?.text]).toEqual(["“雪亮工程”二期建设费用", "100"]);
    expect(plan(p).map((x) => x[4])).toEqual([0, 0, 0, 10000]);
  });

  it("reads plain plan numbers ending at 100 with budget 54 as percentages (农业保险保费补贴)", () => {
    const p = byTitle("002", "农业保险保费补贴绩效目标表");
    expect(plan(p).map((x) => [x[0], x[2], x[4]])).toEqual([
      ["3月底", "%", 2000],
      ["6月底", "%", 4000],
      ["9月底", "%", 7000],
      ["12月底", "%", 10000],
    ]);
  });

  it("reads a table captioned without 绩效目标表 and warns about it", () => {
    const p = byTitle("002", "社会治安防范光电配套款");
    expect([p.seq, p.name, p.budget?.text, p.line]).toEqual([null, "社会治安防范光电配套款", "20", 717]);
    expect(read("002").warnings).toEqual([
      {
        message: "表题“社会治安防范光电配套款”未以“绩效目标表”结尾，按项目编码行识别为项目绩效目标表",
        line: 717,
      },
    ]);
    // The table before it ends where this one starts.
    expect(byTitle("002", "财政专项工作经费绩效目标表").indicators).toHaveLength(6);
  });

  it("joins indicator rows broken across lines back into their row", () => {
    const light = byTitle("002", "社会治安防范光电配套款").indicators;
    expect(row(light[1])).toEqual([
      "产出指标",
      "数量指标",
      "办理交通案件",
      "办理交通案件",
      "1 起",
      "年度计划安排",
    ]);
    const sme = byTitle("002", "支持中小企业发展资金绩效目标表").indicators;
    expect(row(sme[2])).toEqual([
      "产出指标",
      "质量指标",
      "发放达标率",
      "实际发放的企业/应发放的企业*100%",
      "按照文件要求，保质保量完成",
      "年度工作计划",
    ]);
  });

  it("keeps the two identical 教育园区配套设施（中学） tables as two projects", () => {
    const a = byTitle("002", "教育园区配套设施（中学）绩效目标表", 0);
    const b = byTitle("002", "教育园区配套设施（中学）绩效目标表", 1);
    expect([a.line, b.line, a.budget?.text, b.budget?.text]).toEqual([1931, 2033, "57.91", "57.91"]);
  });
});

describe("seed 003 (DOCX with codes and a table of contents)", () => {
  it("skips the table-of-contents entries and starts at the real first table", () => {
    const p = projects("003")[0] as Project;
    expect([p.seq, p.line, p.section]).toEqual([1, 135, "第二部分 预算项目绩效目标"]);
  });

  it("merges the 时效指标 row of project 1 split by a blank line inside a cell", () => {
    const ind = bySeq("003", 1).indicators;
    expect(ind).toHaveLength(9);
    expect(row(ind[2])).toEqual([
      "产出指标",
      "时效指标",
      "工作完成的时效",
      "工作完成的时效",
      "≥95%",
      "按时发放",
    ]);
    expect(ind[2]?.line).toBe(193);
    expect(row(ind[3])?.slice(0, 2)).toEqual(["产出指标", "成本指标"]);
  });

  it("reads project 1 amounts and a plan without a （%） header as 万元", () => {
    const p = bySeq("003", 1);
    expect([p.code, p.budget?.text, p.budget?.fen]).toEqual(["13060523P00450210002B", "2.16", 2160000]);
    expect(plan(p)).toEqual([
      ["3月底", "0.54", "万元", 540000, null],
      ["6月底", "1.08", "万元", 1080000, null],
      ["10月底", "1.80", "万元", 1800000, null],
      ["12月底", "2.16", "万元", 2160000, null],
    ]);
    expect(read("003").warnings).toEqual([]);
  });
});

describe("seed 004 (PDF export)", () => {
  it("removes the spaces inside project codes: project 2 is 13081123P00011210001M with budget 399.76", () => {
    const p = bySeq("004", 2);
    expect([p.name, p.code, p.budget?.text, p.budget?.fen]).toEqual([
      "居家养老项目",
      "13081123P00011210001M",
      "399.76",
      399760000,
    ]);
  });

  it("reads the 9 indicator rows of project 1 (the table prints 9, one per 二级指标)", () => {
    const ind = bySeq("004", 1).indicators;
    expect(ind).toHaveLength(9);
    expect(row(ind[0])).toEqual([
      "产出指标",
      "数量指标",
      "资金使用是否在范围内",
      "资金使用是否在范围内",
      "资金使用范围",
      "预算批复",
    ]);
    expect(row(ind[8])).toEqual([
      "满意度指标",
      "服务对象满意度指标",
      "满意率",
      "满意率",
      "≥95百分比",
      "居民对于创城工作是否满意",
    ]);
    expect(bySeq("004", 1).goal).toBe("1.目标内容1");
  });

  it("aligns PDF plan values to labels by position, skipping spurious empty cells", () => {
    expect(plan(bySeq("004", 1)).map((x) => [x[0], x[1]])).toEqual([
      ["3月底", "60%"],
      ["6月底", "80%"],
      ["10月底", "90%"],
      ["12月底", "100%"],
    ]);
    expect(plan(bySeq("004", 7)).map((x) => [x[0], x[1], x[4]])).toEqual([
      ["3月底", "", null],
      ["6月底", "30%", 3000],
      ["10月底", "60%", 6000],
      ["12月底", "100%", 10000],
    ]);
  });

  it("follows a header repeated after a page break and joins a cell continued on the next page", () => {
    const p7 = bySeq("004", 7).indicators;
    expect(p7).toHaveLength(9);
    expect(row(p7[8])).toEqual([
      "满意度指标",
      "服务对象满意度指标",
      "服务对象满意度",
      "服务对象满意度",
      "≥95服务对象是否满意",
      "服务对象是否满意",
    ]);
    const p10 = bySeq("004", 10).indicators;
    expect(p10[8]?.basis).toBe("满意度是衡量服务人员工作是否尽职尽责的标准");
    expect(read("004").warnings).toEqual([]);
  });

  it("reads the PDF indicator columns by the header even when an empty column precedes 指标值", () => {
    expect(row(bySeq("004", 2).indicators[0])).toEqual([
      "产出指标",
      "数量指标",
      "居家养老项目种类",
      "居家养老项目种类",
      "≥5类",
      "提供的居家养老项目种类",
    ]);
  });
});

describe("generic behaviour on small documents", () => {
  const docx = (lines: string[]) => textModel(lines.join("\n"));

  it("warns about a trailing incomplete indicator row instead of crashing", () => {
    const stream = docx([
      "1.测试项目绩效目标表",
      "\t单位：元",
      "",
      "\t项目编码",
      "\tX 1",
      "\t项目名称",
      "\t测试项目",
      "",
      "\t预算规模及资金用途",
      "\t预算数",
      "\t1,200",
      "\t其中：财政 资金",
      "\t",
      "\t其他资金",
      "\t0.00",
      "",
      "\t一级指标",
      "\t二级指标",
      "\t三级指标",
      "\t绩效指标描述",
      "\t指标值",
      "\t指标值确定依据",
      "",
      "\t产出指标",
      "\t数量指标",
      "\t人数",
    ]);
    const { projects: ps, warnings } = readProjects(stream, "t.txt");
    expect(ps).toHaveLength(1);
    const p = ps[0] as Project;
    expect([p.seq, p.name, p.code]).toEqual([1, "测试项目", "X1"]);
    expect(p.budget).toMatchObject({ text: "1,200", fen: 120000, unit: "元" });
    expect(p.fiscal).toBeNull();
    expect(p.other).toMatchObject({ text: "0.00", fen: 0 });
    expect(p.indicators).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain("不完整");
    expect(warnings[0]?.line).toBe(24);
  });

  it("ignores table-of-contents lines with dots or a tab and page number", () => {
    const stream = textModel(["1.甲项目绩效目标表.....\t6", "2.乙项目绩效目标表\t7", "正文"].join("\n"));
    expect(readProjects(stream, "t.txt").projects).toEqual([]);
  });

  it("decides the plan unit from the values, then the header", () => {
    expect(decidePlanUnit("资金支出计划（%）", ["10", "100"], 961300000, "万元")).toBe("%");
    expect(decidePlanUnit("资金支出计划（%）", ["96.13", "961.30"], 961300000, "万元")).toBe("万元");
    expect(decidePlanUnit("资金支出计划（%）", ["12.50", "50.00"], 50000000, "万元")).toBe("万元");
    expect(decidePlanUnit("资金支出计划", ["", "70%"], 50000000, "万元")).toBe("%");
    expect(decidePlanUnit("资金支出计划（%）", ["50", "100"], 100000000, "万元")).toBe("%");
    expect(decidePlanUnit("资金支出计划", ["50", "100"], 100000000, "万元")).toBe("万元");
  });
});
