import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { amountInText } from "../src/checks/amount-text.js";
import { type Finding, rules, runChecks } from "../src/checks/index.js";
import { columnGroups } from "../src/checks/table-arithmetic.js";
import { parseAmount, parsePercent } from "../src/domain/money.js";
import type {
  AssetRow,
  Disclosure,
  DocumentText,
  Figure,
  Indicator,
  MoneyUnit,
  NarrativeFact,
  NarrativeKey,
  PlanPoint,
  ProcurementRow,
  Project,
  StandardRow,
  StandardTable,
  StandardTableKind,
} from "../src/domain/types.js";
import { blankDisclosure } from "./helpers/blank-disclosure.js";

// ---------------------------------------------------------------- builders for hand-made disclosures

const FILE = "hand.txt";

const fig = (text: string, line = 1, unit: MoneyUnit = "万元"): Figure => ({
  text,
  fen: parseAmount(text, unit),
  unit,
  source: { file: FILE, section: "测试", line },
});

interface RowSpec {
  name: string;
  values: Record<string, string | null>;
  code?: string;
  side?: string;
  level?: number;
  line?: number;
}

let autoLine = 100;
const row = (s: RowSpec): StandardRow => {
  const line = s.line ?? autoLine++;
  return {
    side: s.side ?? null,
    seq: null,
    code: s.code ?? null,
    name: s.name,
    level: s.level ?? (s.code ? (s.code.length === 3 ? 1 : s.code.length === 5 ? 2 : 3) : null),
    values: Object.fromEntries(
      Object.entries(s.values).map(([k, v]) => [k, v === null ? null : fig(v, line)]),
    ),
    line,
  };
};

const table = (kind: StandardTableKind, columns: string[], rows: StandardRow[]): StandardTable => ({
  kind,
  title: `部门预算${kind}`,
  unit: "万元",
  line: rows[0]?.line ?? 1,
  columns,
  rows,
  note: null,
});

const doc = (over: Partial<Disclosure>): Disclosure => blankDisclosure(FILE, over);

/** Paragraphs of a hand-built document, one per line from line 1. */
const texts = (lines: string[]): DocumentText[] =>
  lines.map((text, i) => ({ text, source: { file: FILE, section: "", line: i + 1 } }));

const fact = (key: NarrativeKey, label: string, text: string, line = 10): NarrativeFact => ({
  key,
  label,
  figure: fig(text, line),
  direction: null,
  sentence: `${label}${text}万元`,
});

interface ProjectSpec {
  name: string;
  budget?: string | null;
  fiscal?: string | null;
  other?: string | null;
  plan?: Array<[string, string]>;
  planUnit?: "万元" | "%";
  indicators?: Array<Partial<Indicator>>;
  seq?: number | null;
  line?: number;
}

const project = (s: ProjectSpec): Project => {
  const line = s.line ?? autoLine++;
  const plan: PlanPoint[] = (s.plan ?? []).map(([label, text], i) => ({
    label,
    text,
    unit: s.planUnit ?? "万元",
    fen: s.planUnit === "%" ? null : parseAmount(text, "万元"),
    basisPoints: s.planUnit === "%" ? parsePercent(text) : null,
    line: line + 10 + i,
  }));
  const f = (t: string | null | undefined, l: number) => (t ? fig(t, l) : null);
  return {
    seq: s.seq ?? null,
    title: `${s.name}绩效目标表`,
    name: s.name,
    code: null,
    budget: f(s.budget, line + 2),
    fiscal: f(s.fiscal, line + 2),
    other: f(s.other, line + 2),
    purpose: null,
    plan,
    goal: null,
    indicators: (s.indicators ?? []).map((ind, i) => ({
      level1: null,
      level2: null,
      level3: null,
      description: null,
      value: null,
      basis: null,
      line: line + 20 + i,
      ...ind,
    })),
    line,
    section: "六、项目绩效目标",
  };
};

interface ProcSpec {
  projectName?: string | null;
  projectBudget?: string | null;
  item?: string | null;
  amounts: Record<string, string | null>;
  line?: number;
}

const proc = (kind: ProcurementRow["kind"], s: ProcSpec): ProcurementRow => {
  const line = s.line ?? autoLine++;
  return {
    kind,
    projectName: s.projectName ?? null,
    projectBudget: s.projectBudget ? fig(s.projectBudget, line) : null,
    item: s.item ?? null,
    catalogCode: null,
    measureUnit: null,
    quantity: null,
    unitPrice: null,
    amounts: Object.fromEntries(
      Object.entries(s.amounts).map(([k, v]) => [k, v === null ? null : fig(v, line)]),
    ),
    line,
  };
};

const asset = (name: string, value: string | null, line = autoLine++): AssetRow => ({
  name,
  quantity: null,
  value: value === null ? null : fig(value, line),
  line,
});

/** Run one rule by id. */
const run = (id: string, d: Disclosure): Finding[] => {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.run(d);
};

/** A compact, comparable view of a finding. */
const brief = (f: Finding) => [f.severity, f.left.text, f.right?.text ?? null, f.differenceFen];

// ---------------------------------------------------------------- fixtures

/** A small, internally consistent full disclosure (every rule passes on it). */
function cleanDoc(): Disclosure {
  const all = table(
    "收支总表",
    ["预算数"],
    [
      row({
        side: "收入",
        name: "一、一般公共预算拨款收入",
        level: 1,
        values: { 预算数: "110.00" },
        line: 1,
      }),
      row({ side: "支出", name: "一、一般公共服务支出", level: 1, values: { 预算数: "90.00" }, line: 1 }),
      row({ side: "收入", name: "二、政府性基金预算拨款收入", level: 1, values: { 预算数: null }, line: 2 }),
      row({ side: "支出", name: "二、教育支出", level: 1, values: { 预算数: "40.00" }, line: 2 }),
      row({ side: "收入", name: "本年收入合计", values: { 预算数: "110.00" }, line: 3 }),
      row({ side: "支出", name: "本年支出合计", values: { 预算数: "130.00" }, line: 3 }),
      row({ side: "收入", name: "上年结转结余", values: { 预算数: "20.00" }, line: 4 }),
      row({ side: "支出", name: "年终结转结余", values: { 预算数: null }, line: 4 }),
      row({ side: "收入", name: "收入总计", values: { 预算数: "130.00" }, line: 5 }),
      row({ side: "支出", name: "支出总计", values: { 预算数: "130.00" }, line: 5 }),
    ],
  );
  const income = table(
    "收入总表",
    ["合计", "小计", "财政拨款收入", "事业收入", "上年结转"],
    [
      row({
        name: "合计",
        values: { 合计: "130.00", 小计: "110.00", 财政拨款收入: "110.00", 事业收入: null, 上年结转: "20.00" },
        line: 20,
      }),
      row({
        code: "201",
        name: "一般公共服务支出",
        values: { 合计: "90.00", 小计: "80.00", 财政拨款收入: "80.00", 事业收入: null, 上年结转: "10.00" },
        line: 21,
      }),
      row({
        code: "20103",
        name: "政府办公厅（室）及相关机构事务",
        values: { 合计: "90.00", 小计: "80.00", 财政拨款收入: "80.00", 事业收入: null, 上年结转: "10.00" },
        line: 22,
      }),
      row({
        code: "2010399",
        name: "其他政府办公厅（室）及相关机构事务支出",
        values: { 合计: "90.00", 小计: "80.00", 财政拨款收入: "80.00", 事业收入: null, 上年结转: "10.00" },
        line: 23,
      }),
      row({
        code: "205",
        name: "教育支出",
        values: { 合计: "40.00", 小计: "30.00", 财政拨款收入: "30.00", 事业收入: null, 上年结转: "10.00" },
        line: 24,
      }),
    ],
  );
  const expense = table(
    "支出总表",
    ["合计", "基本支出", "项目支出"],
    [
      row({ name: "合计", values: { 合计: "130.00", 基本支出: "30.00", 项目支出: "100.00" }, line: 30 }),
      row({
        code: "201",
        name: "一般公共服务支出",
        values: { 合计: "90.00", 基本支出: "30.00", 项目支出: "60.00" },
        line: 31,
      }),
      row({
        code: "205",
        name: "教育支出",
        values: { 合计: "40.00", 基本支出: null, 项目支出: "40.00" },
        line: 32,
      }),
    ],
  );
  const fiscal = table(
    "财政拨款收支总表",
    ["金额", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
    [
      row({ side: "收入", name: "一、一般公共预算拨款", level: 1, values: { 金额: "110.00" }, line: 40 }),
      row({
        side: "支出",
        name: "一、一般公共服务支出",
        level: 1,
        values: { 合计: "90.00", 一般公共预算财政拨款: "90.00", 政府性基金预算财政拨款: null },
        line: 40,
      }),
      row({
        side: "支出",
        name: "二、教育支出",
        level: 1,
        values: { 合计: "40.00", 一般公共预算财政拨款: "40.00", 政府性基金预算财政拨款: null },
        line: 41,
      }),
      row({ side: "收入", name: "本年收入合计", values: { 金额: "110.00" }, line: 42 }),
      row({
        side: "支出",
        name: "本年支出合计",
        values: { 合计: "130.00", 一般公共预算财政拨款: "130.00", 政府性基金预算财政拨款: null },
        line: 42,
      }),
      row({ side: "收入", name: "年初财政拨款结转和结余", values: { 金额: "20.00" }, line: 43 }),
      row({ side: "收入", name: "一、一般公共预算拨款", level: 1, values: { 金额: "20.00" }, line: 44 }),
      row({ side: "收入", name: "收入总计", values: { 金额: "130.00" }, line: 45 }),
      row({
        side: "支出",
        name: "支出总计",
        values: { 合计: "130.00", 一般公共预算财政拨款: "130.00", 政府性基金预算财政拨款: null },
        line: 45,
      }),
    ],
  );
  const general = table(
    "一般公共预算财政拨款支出表",
    ["合计", "基本支出", "项目支出"],
    [
      row({ name: "合计", values: { 合计: "130.00", 基本支出: "30.00", 项目支出: "100.00" }, line: 50 }),
      row({
        code: "201",
        name: "一般公共服务支出",
        values: { 合计: "90.00", 基本支出: "30.00", 项目支出: "60.00" },
        line: 51,
      }),
      row({
        code: "205",
        name: "教育支出",
        values: { 合计: "40.00", 基本支出: null, 项目支出: "40.00" },
        line: 52,
      }),
    ],
  );
  const basic = table(
    "一般公共预算财政拨款基本支出表",
    ["合计", "人员经费", "公用经费"],
    [
      row({ name: "合计", values: { 合计: "30.00", 人员经费: "20.00", 公用经费: "10.00" }, line: 60 }),
      row({
        code: "301",
        name: "工资福利支出",
        values: { 合计: "20.00", 人员经费: "20.00", 公用经费: null },
        line: 61,
      }),
      row({
        code: "30101",
        name: "基本工资",
        values: { 合计: "20.00", 人员经费: "20.00", 公用经费: null },
        line: 62,
      }),
      row({
        code: "302",
        name: "商品和服务支出",
        values: { 合计: "10.00", 人员经费: null, 公用经费: "10.00" },
        line: 63,
      }),
      row({
        code: "30201",
        name: "办公费",
        values: { 合计: "5.00", 人员经费: null, 公用经费: "5.00" },
        line: 64,
      }),
      row({
        code: "30217",
        name: "公务接待费",
        values: { 合计: "5.00", 人员经费: null, 公用经费: "5.00" },
        line: 65,
      }),
    ],
  );
  const sangong = table(
    "三公经费支出表",
    ["合计", "一般公共预算财政拨款"],
    [
      row({ name: "合计", values: { 合计: "5.00", 一般公共预算财政拨款: "5.00" }, line: 70 }),
      row({ name: "“三公”经费小计", values: { 合计: "5.00", 一般公共预算财政拨款: "5.00" }, line: 71 }),
      row({
        name: "一、因公出国（境）费",
        level: 1,
        values: { 合计: null, 一般公共预算财政拨款: null },
        line: 72,
      }),
      row({
        name: "其中：教学科研人员因公出国（境）费",
        values: { 合计: null, 一般公共预算财政拨款: null },
        line: 73,
      }),
      row({ name: "其他因公出国（境）费", values: { 合计: null, 一般公共预算财政拨款: null }, line: 74 }),
      row({
        name: "二、公务用车购置及运维费",
        level: 1,
        values: { 合计: null, 一般公共预算财政拨款: null },
        line: 75,
      }),
      row({ name: "其中：公务用车购置费", values: { 合计: null, 一般公共预算财政拨款: null }, line: 76 }),
      row({ name: "公务用车运行维护费", values: { 合计: null, 一般公共预算财政拨款: null }, line: 77 }),
      row({
        name: "三、公务接待费",
        level: 1,
        values: { 合计: "5.00", 一般公共预算财政拨款: "5.00" },
        line: 78,
      }),
    ],
  );
  return doc({
    tables: [all, income, expense, fiscal, general, basic, sangong],
    narrative: [
      fact("income.total", "收入预算合计", "130.00"),
      fact("income.general", "一般公共预算收入", "110.00"),
      fact("income.fund", "基金预算收入", "0.00"),
      fact("income.carryover", "上年结转结余", "20.00"),
      fact("expense.total", "支出预算", "130.00", 11),
      fact("expense.basic", "基本支出", "30.00", 11),
      fact("expense.personnel", "人员经费", "20.00", 11),
      fact("expense.public", "公用经费", "10.00", 11),
      fact("expense.project", "项目支出", "100.00", 11),
      fact("operating_cost", "机关运行经费", "10.00", 12),
      fact("sangong.total", "“三公”经费", "5.00", 13),
      fact("sangong.abroad", "因公出国（境）费", "0.00", 13),
      fact("sangong.vehicle", "公务用车购置及运维费", "0.00", 13),
      fact("sangong.vehicle_purchase", "公务用车购置费", "0.00", 13),
      fact("sangong.vehicle_operation", "公务用车运维费", "0.00", 13),
      fact("sangong.reception", "公务接待费", "5.00", 13),
      fact("procurement.total", "政府采购预算", "90.00", 14),
      fact("assets.fixed_total", "上年末固定资产", "30.00", 15),
    ],
    projects: [
      project({
        name: "后勤保障项目",
        budget: "60.00",
        fiscal: "60.00",
        plan: [
          ["3月底", "15.00"],
          ["6月底", "30.00"],
          ["10月底", "45.00"],
          ["12月底", "60.00"],
        ],
      }),
      project({
        name: "社区工作经费",
        budget: "40.00",
        fiscal: "40.00",
        plan: [
          ["3月底", "25%"],
          ["6月底", "50%"],
          ["10月底", "75%"],
          ["12月底", "100%"],
        ],
        planUnit: "%",
        indicators: [{ level2: "成本指标", level3: "经费", value: "≤40万元" }],
      }),
    ],
    procurement: [
      proc("total", {
        amounts: {
          合计: "90.00",
          一般公共预算拨款: "80.00",
          上年结转结余: "10.00",
          预留中小企业份额: "30.00",
        },
      }),
      proc("subtotal", {
        projectName: "测试单位小计",
        amounts: {
          合计: "90.00",
          一般公共预算拨款: "80.00",
          上年结转结余: "10.00",
          预留中小企业份额: "30.00",
        },
      }),
      proc("item", {
        projectName: "后勤保障项目",
        projectBudget: "60.00",
        item: "物业管理服务",
        amounts: {
          合计: "50.00",
          一般公共预算拨款: "40.00",
          上年结转结余: "10.00",
          预留中小企业份额: "30.00",
        },
      }),
      proc("item", {
        projectName: "社区工作经费",
        projectBudget: "40.00",
        item: "办公设备",
        amounts: { 合计: "40.00", 一般公共预算拨款: "40.00", 上年结转结余: null, 预留中小企业份额: null },
      }),
    ],
    assets: [
      asset("资产总额", "30.00"),
      asset("固定资产", "30.00"),
      asset("1.车辆", "10.00"),
      asset("2.通用设备", "20.00"),
    ],
  });
}

/** A hand-built disclosure that triggers each rule. */
const TRIGGERS: Record<string, () => Disclosure> = {
  "table.code-sum": () =>
    doc({
      tables: [
        table(
          "支出总表",
          ["合计"],
          [
            row({ code: "201", name: "一般公共服务支出", values: { 合计: "100.00" } }),
            row({ code: "20103", name: "政府办公厅", values: { 合计: "60.00" } }),
            row({ code: "20111", name: "纪检监察事务", values: { 合计: "30.00" } }),
          ],
        ),
      ],
    }),
  "table.total-sum": () =>
    doc({
      tables: [
        table(
          "支出总表",
          ["合计"],
          [
            row({ name: "合计", values: { 合计: "150.00" } }),
            row({ code: "201", name: "一般公共服务支出", values: { 合计: "100.00" } }),
            row({ code: "207", name: "文化旅游体育与传媒支出", values: { 合计: "40.00" } }),
          ],
        ),
      ],
    }),
  "table.column-sum": () =>
    doc({
      tables: [
        table(
          "支出总表",
          ["合计", "基本支出", "项目支出"],
          [row({ name: "合计", values: { 合计: "100.00", 基本支出: "30.00", 项目支出: "60.00" } })],
        ),
      ],
    }),
  "table.side-sum": () => {
    const d = cleanDoc();
    const all = d.tables[0] as StandardTable;
    (all.rows[4] as StandardRow).values.预算数 = fig("111.00", 3);
    return doc({ tables: [all] });
  },
  "table.balance": () => {
    const d = cleanDoc();
    const all = d.tables[0] as StandardTable;
    (all.rows[8] as StandardRow).values.预算数 = fig("140.00", 5);
    return doc({ tables: [all] });
  },
  "cross.same-figure": () => {
    const d = cleanDoc();
    const income = d.tables[1] as StandardTable;
    (income.rows[0] as StandardRow).values.合计 = fig("131.00", 20);
    return doc({ tables: [d.tables[0] as StandardTable, income] });
  },
  "cross.reception": () => {
    const d = cleanDoc();
    const basic = d.tables[5] as StandardTable;
    (basic.rows[5] as StandardRow).values.合计 = fig("6.00", 65);
    return doc({ tables: [basic, d.tables[6] as StandardTable] });
  },
  "narrative.vs-table": () =>
    doc({
      ...cleanDoc(),
      narrative: [fact("assets.fixed_total", "上年末固定资产", "4628.43")],
      assets: [asset("资产总额", "4828.43")],
    }),
  "narrative.operating-cost": () =>
    doc({
      narrative: [fact("operating_cost", "机关运行经费", "908.52")],
      tables: [cleanDoc().tables[5] as StandardTable],
    }),
  "completeness.toc-tables": () =>
    doc({
      texts: texts(["目录", "一、收支预算总表", "二、收入预算总表", "收支预算总表", "单位：万元"]),
    }),
  "completeness.empty-note": () =>
    doc({
      tables: [
        {
          ...table("三公经费支出表", ["合计"], [row({ name: "合计", values: { 合计: "47.91" }, line: 31 })]),
          note: "注：本部门无“三公”经费预算，故本表为空表。",
        },
      ],
    }),
  "identity.department": () => doc({ texts: texts(["XX局2024年部门预算"]) }),
  "identity.year": () => doc({ year: 2024, texts: texts(["2023年部门收支预算总表"]) }),
  "narrative.change": () =>
    doc({
      narrative: [
        {
          ...fact("expense.fund", "政府性基金拨款支出", "0"),
          change: { direction: 1, figure: fig("1421.25"), percent: null, basis: "budget", year: 2022 },
        },
      ],
    }),
  "narrative.share": () =>
    doc({
      narrative: [
        fact("expense.total", "支出合计", "307.82"),
        { ...fact("expense.basic", "基本支出", "105.58"), share: 4430 },
      ],
    }),
  "narrative.final-vs-budget": () =>
    doc({
      texts: texts(["全年预算为52.00万元，支出决算为51.32万元。决算数大于全年预算数的主要原因：人员变动。"]),
    }),
  "narrative.final-vs-table": () =>
    doc({
      basis: "final",
      narrative: [
        {
          ...fact("expense.general", "一般公共预算拨款支出", "720.00"),
          scope: "general",
          prior: { basis: "plan", year: null, figure: fig("700.00", 10) },
        },
      ],
      tables: [
        table(
          "一般公共预算财政拨款支出表",
          ["年初预算数", "合计"],
          [row({ name: "合计", values: { 年初预算数: "710.00", 合计: "720.00" }, line: 1 })],
        ),
      ],
    }),
  "narrative.arithmetic": () =>
    doc({
      narrative: [
        fact("income.total", "收入预算合计", "19243.37"),
        fact("income.general", "一般公共预算收入", "19243.37"),
        fact("income.carryover", "上年结转结余", "841.70"),
      ],
    }),
  "sangong.narrative": () =>
    doc({
      narrative: [
        fact("sangong.total", "“三公”经费", "15.72"),
        fact("sangong.abroad", "因公出国（境）费", "0"),
        fact("sangong.vehicle", "公务用车购置及运行维护费", "15.72"),
        fact("sangong.vehicle_purchase", "公务用车购置费", "0"),
        fact("sangong.vehicle_operation", "公务用车运行维护费", "13.42"),
        fact("sangong.reception", "公务接待费", "2.30"),
      ],
    }),
  "sangong.table": () =>
    doc({
      tables: [
        table(
          "三公经费支出表",
          ["合计"],
          [
            row({ name: "合计", values: { 合计: "12.00" }, line: 1 }),
            row({ name: "“三公”经费小计", values: { 合计: "12.00" }, line: 2 }),
            row({ name: "一、因公出国（境）费", level: 1, values: { 合计: null }, line: 3 }),
            row({ name: "二、公务用车购置及运维费", level: 1, values: { 合计: "10.00" }, line: 4 }),
            row({ name: "其中：公务用车购置费", values: { 合计: "3.00" }, line: 5 }),
            row({ name: "公务用车运行维护费", values: { 合计: "6.00" }, line: 6 }),
            row({ name: "三、公务接待费", level: 1, values: { 合计: "2.00" }, line: 7 }),
          ],
        ),
      ],
    }),
  "project.plan": () =>
    doc({
      projects: [
        project({
          name: "卫生服务中心事务经费",
          budget: "691.11",
          plan: [
            ["3月底", "96.34"],
            ["6月底", "283.63"],
            ["10月底", "505.27"],
            ["12月底", "645.77"],
          ],
        }),
      ],
    }),
  "project.funding": () =>
    doc({ projects: [project({ name: "甲项目", budget: "50.00", fiscal: "40.00", other: "5.00" })] }),
  "project.total": () =>
    doc({
      tables: [
        table(
          "支出总表",
          ["合计", "基本支出", "项目支出"],
          [row({ name: "合计", values: { 合计: "90.00", 基本支出: "30.00", 项目支出: "60.00" } })],
        ),
      ],
      projects: [project({ name: "甲项目", budget: "30.00" }), project({ name: "乙项目", budget: "20.00" })],
    }),
  "project.duplicate": () =>
    doc({
      projects: [
        project({ name: "构建儿童友好型社区项目", budget: "1.12", seq: 26, line: 4456 }),
        project({ name: "构建儿童友好型社区项目", budget: "450.00", seq: 27, line: 4550 }),
      ],
    }),
  "project.cost-indicator": () =>
    doc({
      projects: [
        project({
          name: "综合事务管理资金",
          budget: "504.26",
          indicators: [{ level1: "产出指标", level2: "成本指标", level3: "预算金额", value: "605.31万元" }],
        }),
      ],
    }),
  "project.units": () =>
    doc({
      projects: [
        project({
          name: "社区党组织服务群众专项经费",
          indicators: [{ level2: "时效指标", level3: "活动成本", value: "≤10000万元" }],
        }),
      ],
    }),
  "procurement.sum": () =>
    doc({
      procurement: [
        proc("total", { amounts: { 合计: "100.00" } }),
        proc("subtotal", { projectName: "单位小计", amounts: { 合计: "100.00" } }),
        proc("item", {
          projectName: "甲项目",
          projectBudget: "80.00",
          item: "办公设备",
          amounts: { 合计: "60.00" },
        }),
        proc("item", {
          projectName: "乙项目",
          projectBudget: "50.00",
          item: "家具",
          amounts: { 合计: "30.00" },
        }),
      ],
    }),
  "procurement.columns": () =>
    doc({
      procurement: [
        proc("item", {
          projectName: "甲项目",
          amounts: { 合计: "60.00", 一般公共预算拨款: "50.00", 上年结转结余: null },
        }),
      ],
    }),
  "procurement.project-budget": () =>
    doc({
      procurement: [
        proc("item", {
          projectName: "应急救灾项目",
          projectBudget: "80.00",
          item: "应急救援设备",
          amounts: { 合计: "60.00" },
        }),
        proc("item", {
          projectName: "应急救灾项目",
          projectBudget: "80.00",
          item: "其他装具",
          amounts: { 合计: "30.00" },
        }),
      ],
    }),
  "procurement.project-match": () =>
    doc({
      procurement: [
        proc("item", {
          projectName: "后勤保障项目",
          projectBudget: "56.00",
          item: "物业",
          amounts: { 合计: "56.00" },
        }),
      ],
      projects: [project({ name: "后勤保障项目", budget: "65.00" })],
    }),
  "assets.sum": () =>
    doc({
      assets: [
        asset("资产总额", "4828.43"),
        asset("固定资产", "4418.78"),
        asset("1.车辆", "203.55"),
        asset("2.通用设备", "4215.23"),
        asset("无形资产", "209.65"),
        asset("1.数据", "208.00"),
        asset("2.基础软件", "1.65"),
      ],
    }),
};

// ---------------------------------------------------------------- rule set

describe("the rule set", () => {
  it("has unique rule ids, Chinese descriptions and a real severity for every rule", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.description).toMatch(/[\u4e00-\u9fff]/);
      expect(["error", "warning"]).toContain(r.severity);
    }
  });

  it("finds nothing in an internally consistent disclosure", () => {
    expect(runChecks(cleanDoc())).toEqual([]);
  });

  it("has a hand-built disclosure that triggers every rule, and only that rule's id is reported for it", () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const r of rules) {
      const build = TRIGGERS[r.id];
      if (!build) throw new Error(`no trigger for ${r.id}`);
      const found = r.run(build());
      expect(found.length, r.id).toBeGreaterThan(0);
      for (const f of found) {
        expect(f.ruleId).toBe(r.id);
        expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it("sorts findings by severity, then by line", () => {
    const d = doc({
      assets: [asset("资产总额", "100.01", 900), asset("1.车辆", "100.00", 901)],
      narrative: [
        fact("operating_cost", "机关运行经费", "908.52", 500),
        fact("expense.public", "公用经费", "138.00", 500),
      ],
      tables: [
        table(
          "支出总表",
          ["合计"],
          [
            row({ name: "合计", values: { 合计: "150.00" }, line: 300 }),
            row({ code: "201", name: "一般公共服务支出", values: { 合计: "100.00" }, line: 301 }),
          ],
        ),
      ],
    });
    expect(runChecks(d).map((f) => [f.severity, f.ruleId, f.left.source.line])).toEqual([
      ["error", "table.total-sum", 300],
      ["warning", "narrative.operating-cost", 500],
      ["rounding", "assets.sum", 900],
    ]);
  });
});

describe("rounding tolerance", () => {
  const totalVs = (total: string) =>
    run(
      "table.total-sum",
      doc({
        tables: [
          table(
            "支出总表",
            ["合计"],
            [
              row({ name: "合计", values: { 合计: total } }),
              row({ code: "201", name: "一般公共服务支出", values: { 合计: "100.00" } }),
            ],
          ),
        ],
      }),
    );

  it("reports a difference of exactly 0.01 万元 (100 元) as rounding", () => {
    expect(totalVs("100.01").map(brief)).toEqual([["rounding", "100.01", "100.00", 10000]]);
    expect(totalVs("99.99").map(brief)).toEqual([["rounding", "99.99", "100.00", -10000]]);
  });

  it("reports a difference of 101 元 as an error", () => {
    expect(totalVs("100.0101").map(brief)).toEqual([["error", "100.0101", "100.00", 10100]]);
  });

  it("says in the message that a rounding difference is a tail difference", () => {
    expect(totalVs("100.01")[0]?.message).toContain("尾数差异");
  });
});

describe("not-stated figures", () => {
  it("never compares a narrative figure with a blank table cell", () => {
    const d = cleanDoc();
    d.narrative.push(fact("sangong.vehicle_operation", "公务用车运维费", "3.00"));
    expect(run("narrative.vs-table", d)).toEqual([]);
  });

  it("never compares a blank parent row with its children", () => {
    const d = doc({
      tables: [
        table(
          "支出总表",
          ["合计"],
          [
            row({ code: "201", name: "一般公共服务支出", values: { 合计: null } }),
            row({ code: "20103", name: "政府办公厅", values: { 合计: "60.00" } }),
          ],
        ),
      ],
    });
    expect(runChecks(d)).toEqual([]);
  });

  it("does not check 三公 arithmetic when one of the parts is not stated", () => {
    const d = TRIGGERS["sangong.narrative"]?.() as Disclosure;
    d.narrative = d.narrative.filter(
      (f) => f.key !== "sangong.abroad" && f.key !== "sangong.vehicle_purchase",
    );
    expect(runChecks(d)).toEqual([]);
  });

  it("does not compare a project budget that is not stated", () => {
    const d = doc({
      projects: [
        project({
          name: "甲",
          budget: null,
          plan: [["12月底", "10.00"]],
          indicators: [{ level2: "成本指标", value: "≥10万" }],
        }),
      ],
    });
    expect(runChecks(d)).toEqual([]);
  });
});

// ---------------------------------------------------------------- per rule

describe("table arithmetic", () => {
  it("checks a 类 against its 款 rows and a 款 against its 项 rows", () => {
    expect(run("table.code-sum", TRIGGERS["table.code-sum"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "100.00", "60.00 + 30.00 = 90.00", 10000000],
    ]);
    const d = doc({
      tables: [
        table(
          "收入总表",
          ["合计"],
          [
            row({ code: "20103", name: "政府办公厅", values: { 合计: "60.00" } }),
            row({ code: "2010399", name: "其他政府办公厅支出", values: { 合计: "59.99" } }),
          ],
        ),
      ],
    });
    expect(run("table.code-sum", d).map(brief)).toEqual([["rounding", "60.00", "59.99", 10000]]);
  });

  it("passes when the children add up", () => {
    expect(run("table.code-sum", cleanDoc())).toEqual([]);
  });

  it("checks the 合计 row against the 类 rows", () => {
    expect(run("table.total-sum", TRIGGERS["table.total-sum"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "150.00", "100.00 + 40.00 = 140.00", 10000000],
    ]);
  });

  it("checks 合计 = 基本支出 + 项目支出 across columns", () => {
    const [f] = run("table.column-sum", TRIGGERS["table.column-sum"]?.() as Disclosure);
    expect(f && brief(f)).toEqual(["error", "100.00", "30.00 + 60.00 = 90.00", 10000000]);
    expect(f?.right?.label).toBe("基本支出 + 项目支出");
  });

  it("checks the 本年收入 小计 column against its parts and 合计 against 小计 + 上年结转", () => {
    const d = doc({
      tables: [
        table(
          "收入总表",
          ["合计", "小计", "财政拨款收入", "事业收入", "上年结转"],
          [
            row({
              name: "合计",
              values: {
                合计: "120.00",
                小计: "100.00",
                财政拨款收入: "70.00",
                事业收入: "20.00",
                上年结转: "20.00",
              },
            }),
          ],
        ),
      ],
    });
    expect(run("table.column-sum", d).map(brief)).toEqual([
      ["error", "100.00", "70.00 + 20.00 = 90.00", 10000000],
    ]);
  });

  it("groups columns: 小计 stands for its parts up to the 上年结转 column; 预留 shares are not parts", () => {
    expect(columnGroups(["合计", "小计", "财政拨款收入", "事业收入", "上年结转"])).toEqual([
      { total: "合计", parts: ["小计", "上年结转"] },
      { total: "小计", parts: ["财政拨款收入", "事业收入"] },
    ]);
    expect(columnGroups(["合计", "基本支出", "项目支出"])).toEqual([
      { total: "合计", parts: ["基本支出", "项目支出"] },
    ]);
    expect(columnGroups(["合计", "一般公共预算拨款", "上年结转结余", "2024年预留中小微企业份额"])).toEqual([
      { total: "合计", parts: ["一般公共预算拨款", "上年结转结余"] },
    ]);
    expect(columnGroups(["预算数"])).toEqual([]);
    expect(columnGroups(["合计", "上年结转", "小计", "财政拨款收入", "事业收入"])).toEqual([
      { total: "合计", parts: ["上年结转", "小计"] },
      { total: "小计", parts: ["财政拨款收入", "事业收入"] },
    ]);
  });

  it("checks 本年收入合计 against the income items of a two-sided table", () => {
    expect(run("table.side-sum", TRIGGERS["table.side-sum"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "111.00", "110.00", 1000000],
    ]);
  });

  it("counts only top-level items (一、) towards 本年收入合计, not nested ones (（一）)", () => {
    const d = doc({
      tables: [
        table(
          "收支总表",
          ["预算数"],
          [
            row({ side: "收入", name: "一、财政拨款收入", level: 1, values: { 预算数: "100.00" }, line: 1 }),
            row({ side: "收入", name: "（一）一般公共预算拨款", values: { 预算数: "80.00" }, line: 2 }),
            row({ side: "收入", name: "（二）政府性基金预算拨款", values: { 预算数: "20.00" }, line: 3 }),
            row({ side: "收入", name: "二、事业收入", level: 1, values: { 预算数: "10.00" }, line: 4 }),
            row({ side: "收入", name: "本年收入合计", values: { 预算数: "110.00" }, line: 5 }),
          ],
        ),
      ],
    });
    expect(run("table.side-sum", d)).toEqual([]);
  });

  it("checks a 结转 row against its enumerated sub-rows in 财政拨款收支总表", () => {
    const d = cleanDoc();
    const fiscal = d.tables[3] as StandardTable;
    (fiscal.rows[6] as StandardRow).values.金额 = fig("19.00", 44);
    expect(run("table.side-sum", doc({ tables: [fiscal] })).map(brief)).toEqual([
      ["error", "20.00", "19.00", 1000000],
    ]);
  });

  it("checks 收入总计 = 本年收入合计 + 上年结转结余 and 收入总计 = 支出总计", () => {
    expect(run("table.balance", TRIGGERS["table.balance"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "140.00", "110.00 + 20.00 = 130.00", 10000000],
      ["error", "140.00", "130.00", 10000000],
    ]);
  });
});

describe("cross-table agreement", () => {
  it("finds 收支总表 收入总计 disagreeing with the 收入总表 合计", () => {
    const found = run("cross.same-figure", TRIGGERS["cross.same-figure"]?.() as Disclosure);
    expect(found.map(brief)).toEqual([["error", "130.00", "131.00", -1000000]]);
    expect(found[0]?.left.label).toBe("收支总表收入方「收入总计」");
    expect(found[0]?.right?.label).toBe("收入总表「合计」合计");
  });

  it("matches 支出 items by name between 收支总表 and 支出总表, and rows by code between 收入总表 and 支出总表", () => {
    const d = cleanDoc();
    const expense = d.tables[2] as StandardTable;
    (expense.rows[2] as StandardRow).values.合计 = fig("41.00", 32);
    (expense.rows[2] as StandardRow).values.项目支出 = fig("41.00", 32);
    const found = run("cross.same-figure", d).map((f) => [f.left.label, f.right?.label, f.differenceFen]);
    expect(found).toEqual([
      ["收支总表支出方「二、教育支出」", "支出总表「205 教育支出」合计", -1000000],
      ["收入总表「205 教育支出」合计", "支出总表「205 教育支出」合计", -1000000],
    ]);
  });

  it("compares 财政拨款收支总表 一般公共预算 column with the 一般公共预算财政拨款支出表", () => {
    const d = cleanDoc();
    const general = d.tables[4] as StandardTable;
    (general.rows[2] as StandardRow).values.合计 = fig("45.00", 52);
    const found = run("cross.same-figure", d).map((f) => [f.left.label, f.right?.label]);
    expect(found).toEqual([
      [
        "财政拨款收支总表支出方「二、教育支出」一般公共预算财政拨款",
        "一般公共预算财政拨款支出表「205 教育支出」合计",
      ],
    ]);
  });

  it("passes when every shared figure agrees", () => {
    expect(run("cross.same-figure", cleanDoc())).toEqual([]);
  });

  it("reports 基本支出 30217 above the 三公 公务接待费 as an error, below it as a warning", () => {
    expect(run("cross.reception", TRIGGERS["cross.reception"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "5.00", "6.00", -1000000],
    ]);
    const d = cleanDoc();
    ((d.tables[5] as StandardTable).rows[5] as StandardRow).values.合计 = fig("4.00", 65);
    expect(run("cross.reception", d).map(brief)).toEqual([["warning", "5.00", "4.00", 1000000]]);
    expect(run("cross.reception", cleanDoc())).toEqual([]);
  });
});

describe("narrative vs tables", () => {
  it("finds the narrative 固定资产 disagreeing with the asset table 资产总额", () => {
    const [f] = run("narrative.vs-table", TRIGGERS["narrative.vs-table"]?.() as Disclosure);
    expect(f && brief(f)).toEqual(["error", "4628.43", "4828.43", -200000000]);
    expect(f?.message).toContain(
      "情况说明「上年末固定资产」 4628.43 与 资产表「资产总额」 4828.43 不一致，相差 200.00 万元",
    );
  });

  it("falls back to the 收入总表 when there is no 收支总表", () => {
    const d = cleanDoc();
    d.tables = d.tables.filter((t) => t.kind !== "收支总表");
    d.narrative = [fact("income.total", "收入预算合计", "131.00")];
    expect(run("narrative.vs-table", d).map((f) => [f.right?.label, f.differenceFen])).toEqual([
      ["收入总表「合计」合计", 1000000],
    ]);
  });

  it("passes when every narrative figure matches", () => {
    expect(run("narrative.vs-table", cleanDoc())).toEqual([]);
  });

  it("warns when 机关运行经费 differs from 公用经费", () => {
    expect(
      run("narrative.operating-cost", TRIGGERS["narrative.operating-cost"]?.() as Disclosure).map(brief),
    ).toEqual([["warning", "908.52", "10.00", 898520000]]);
    expect(run("narrative.operating-cost", cleanDoc())).toEqual([]);
  });

  it("checks the narrative's income parts against its total", () => {
    expect(
      run("narrative.arithmetic", TRIGGERS["narrative.arithmetic"]?.() as Disclosure).map(brief),
    ).toEqual([["error", "19243.37", "19243.37 + 841.70 = 20085.07", -841700000]]);
  });

  it("does not check a narrative total that lists only one part", () => {
    const d = doc({
      narrative: [
        fact("income.total", "收入预算合计", "100.00"),
        fact("income.general", "一般公共预算收入", "80.00"),
      ],
    });
    expect(run("narrative.arithmetic", d)).toEqual([]);
  });
});

describe("三公经费", () => {
  it("finds 公务用车购置及运维费 15.72 ≠ 0 + 13.42 and the total 15.72 ≠ 0 + 15.72 + 2.30", () => {
    expect(run("sangong.narrative", TRIGGERS["sangong.narrative"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "15.72", "0 + 13.42 = 13.42", 2300000],
      ["error", "15.72", "0 + 15.72 + 2.30 = 18.02", -2300000],
    ]);
  });

  it("derives 公务用车 from its parts when the narrative states only the parts", () => {
    const d = doc({
      narrative: [
        fact("sangong.total", "“三公”经费", "260"),
        fact("sangong.vehicle_purchase", "公务用车购置费", "18"),
        fact("sangong.vehicle_operation", "公务用车运行维护费", "110"),
        fact("sangong.reception", "公务接待费", "114"),
        fact("sangong.abroad", "因公出国（境）费", "18"),
      ],
    });
    expect(run("sangong.narrative", d)).toEqual([]);
    d.narrative[0] = fact("sangong.total", "“三公”经费", "250");
    expect(run("sangong.narrative", d).map(brief)).toEqual([
      ["error", "250", "18 + (18 + 110) + 114 = 260.00", -10000000],
    ]);
  });

  it("checks the 三公 table: 公务用车 = 购置 + 运行维护, 小计 = the three parts", () => {
    expect(run("sangong.table", TRIGGERS["sangong.table"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "10.00", "3.00 + 6.00 = 9.00", 1000000],
    ]);
    expect(run("sangong.table", cleanDoc())).toEqual([]);
  });
});

describe("projects", () => {
  it("finds a 资金支出计划 that ends short of the 预算数", () => {
    const [f] = run("project.plan", TRIGGERS["project.plan"]?.() as Disclosure);
    expect(f && brief(f)).toEqual(["error", "645.77", "691.11", -45340000]);
    expect(f?.message).toBe(
      "项目「卫生服务中心事务经费」资金支出计划末期「12月底」645.77 与预算数 691.11 不一致，相差 45.34 万元。",
    );
  });

  it("warns about a plan of per-period amounts that add up to the budget", () => {
    const d = doc({
      projects: [
        project({
          name: "双文社区",
          budget: "33.60",
          plan: [
            ["3月底", "3.06"],
            ["6月底", "4.76"],
            ["10月底", "17.50"],
            ["12月底", "8.28"],
          ],
        }),
      ],
    });
    const found = run("project.plan", d);
    expect(found.map(brief)).toEqual([["warning", "8.28", "17.50", -9220000]]);
    expect(found[0]?.message).toContain("疑为分期数而非累计数");
  });

  it("reports a decreasing plan that does not add up as an error", () => {
    const d = doc({
      projects: [
        project({
          name: "甲",
          budget: "50.00",
          plan: [
            ["6月底", "30.00"],
            ["12月底", "25.00"],
          ],
        }),
      ],
    });
    expect(run("project.plan", d).map(brief)).toEqual([
      ["error", "25.00", "30.00", -5000000],
      ["error", "25.00", "50.00", -25000000],
    ]);
  });

  it("checks a % plan ends at 100% and accepts a sparse plan whose last stated point is the budget", () => {
    const pct = doc({
      projects: [
        project({
          name: "甲",
          budget: "10.00",
          planUnit: "%",
          plan: [
            ["6月底", "50%"],
            ["12月底", "90%"],
          ],
        }),
      ],
    });
    expect(run("project.plan", pct).map((f) => [f.severity, f.left.text, f.right])).toEqual([
      ["error", "90%", null],
    ]);
    const sparse = doc({ projects: [project({ name: "乙", budget: "75.00", plan: [["10月底", "75.00"]] })] });
    expect(run("project.plan", sparse)).toEqual([]);
    expect(run("project.plan", cleanDoc())).toEqual([]);
  });

  it("warns when a money plan ends at 100 for a budget that is not 100", () => {
    const d = doc({
      projects: [
        project({
          name: "薪酬保障",
          budget: "145.10",
          plan: [
            ["3月底", "25.00"],
            ["6月底", "50.00"],
            ["10月底", "75.00"],
            ["12月底", "100.00"],
          ],
        }),
      ],
    });
    const found = run("project.plan", d);
    expect(found.map(brief)).toEqual([["warning", "100.00", "145.10", -45100000]]);
    expect(found[0]?.message).toContain("疑为按百分比填写");
  });

  it("reports an earlier plan point above the budget", () => {
    const d = doc({
      projects: [
        project({
          name: "甲",
          budget: "50.00",
          plan: [
            ["6月底", "60.00"],
            ["12月底", "60.00"],
          ],
        }),
      ],
    });
    expect(run("project.plan", d).map(brief)).toEqual([
      ["error", "60.00", "50.00", 10000000],
      ["error", "60.00", "50.00", 10000000],
    ]);
  });

  it("checks 预算数 = 财政资金 + 其他资金", () => {
    expect(run("project.funding", TRIGGERS["project.funding"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "50.00", "40.00 + 5.00 = 45.00", 5000000],
    ]);
    expect(
      run(
        "project.funding",
        doc({ projects: [project({ name: "乙", budget: "50.00", fiscal: "50.00", other: null })] }),
      ),
    ).toEqual([]);
  });

  it("warns when the projects' 预算数 do not add up to 项目支出, mentioning 上年结转", () => {
    const found = run("project.total", TRIGGERS["project.total"]?.() as Disclosure);
    expect(found.map(brief)).toEqual([["warning", "30.00 + 20.00 = 50.00", "60.00", -10000000]]);
    expect(found[0]?.message).toContain("上年结转");
    expect(run("project.total", cleanDoc())).toEqual([]);
  });

  it("warns about same-named projects with different 预算数, not about same amounts", () => {
    const found = run("project.duplicate", TRIGGERS["project.duplicate"]?.() as Disclosure);
    expect(found.map(brief)).toEqual([["warning", "1.12", "450.00", -448880000]]);
    expect(found[0]?.message).toContain(
      "第26张表（第4456行）预算数 1.12 万元，第27张表（第4550行）预算数 450.00 万元",
    );
    const same = doc({
      projects: [project({ name: "甲", budget: "5.00" }), project({ name: "甲", budget: "5.00" })],
    });
    expect(run("project.duplicate", same)).toEqual([]);
  });

  it("finds a 成本指标 amount above the project's 预算数", () => {
    expect(
      run("project.cost-indicator", TRIGGERS["project.cost-indicator"]?.() as Disclosure).map(brief),
    ).toEqual([["error", "605.31万元", "504.26", 101050000]]);
  });

  it("treats a ≤ cap above the budget as a warning and sub-元 excess as rounding; rates are not amounts", () => {
    const cost = (value: string, budget: string) =>
      run(
        "project.cost-indicator",
        doc({ projects: [project({ name: "甲", budget, indicators: [{ level2: "成本指标", value }] })] }),
      ).map(brief);
    expect(cost("≤100万", "57.56")).toEqual([["warning", "≤100万", "57.56", 42440000]]);
    expect(cost("306.942994万元", "306.94")).toEqual([["rounding", "306.942994万元", "306.94", 2994]]);
    expect(cost("≥10万", "5.00")).toEqual([["error", "≥10万", "5.00", 5000000]]);
    expect(cost("≤145.1万元", "145.10")).toEqual([]);
    expect(cost("17.5万/台", "10.00")).toEqual([]);
    expect(cost("≤987.06车棚改造及新增成本", "528.04")).toEqual([]);
  });

  it("reads amounts in indicator text exactly", () => {
    expect(amountInText("≤145.1万元")).toEqual({ op: "≤", text: "≤145.1万元", unit: "万元", fen: 145100000 });
    expect(amountInText("306.942994万元")?.fen).toBe(306942994);
    expect(amountInText("306.9429945万元")?.fen).toBe(306942995);
    expect(amountInText("50元/人/月")).toBeNull();
    expect(amountInText("≥95%")).toBeNull();
  });

  it("warns about an indicator of 10000万元 or more and errs on a project above the department total", () => {
    const found = run("project.units", TRIGGERS["project.units"]?.() as Disclosure);
    expect(found.map((f) => [f.severity, f.left.text, f.left.fen])).toEqual([
      ["warning", "≤10000万元", 10000000000],
    ]);
    const big = doc({ ...cleanDoc(), projects: [project({ name: "甲", budget: "131.00" })] });
    expect(run("project.units", big).map(brief)).toEqual([["error", "131.00", "130.00", 1000000]]);
    const fine = doc({ projects: [project({ name: "甲", indicators: [{ value: "≤9999万元" }] })] });
    expect(run("project.units", fine)).toEqual([]);
  });
});

describe("procurement", () => {
  it("checks items against their 小计 in every column", () => {
    expect(run("procurement.sum", TRIGGERS["procurement.sum"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "100.00", "60.00 + 30.00 = 90.00", 10000000],
    ]);
    expect(run("procurement.sum", cleanDoc())).toEqual([]);
  });

  it("checks 合计 against the 小计 rows", () => {
    const d = doc({
      procurement: [
        proc("total", { amounts: { 合计: "3480.02", 一般公共预算拨款: "3173.22" } }),
        proc("subtotal", {
          projectName: "管委会小计",
          amounts: { 合计: "3240.49", 一般公共预算拨款: "2933.70" },
        }),
        proc("subtotal", {
          projectName: "卫生服务中心小计",
          amounts: { 合计: "239.53", 一般公共预算拨款: "239.53" },
        }),
      ],
    });
    expect(run("procurement.sum", d).map(brief)).toEqual([
      ["rounding", "3173.22", "2933.70 + 239.53 = 3173.23", -10000],
    ]);
  });

  it("checks 合计 = the funding columns per row, leaving out the 预留 share", () => {
    expect(run("procurement.columns", TRIGGERS["procurement.columns"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "60.00", "50.00", 10000000],
    ]);
    expect(run("procurement.columns", cleanDoc())).toEqual([]);
  });

  it("finds a project's purchases above its 预算资金", () => {
    const [f] = run("procurement.project-budget", TRIGGERS["procurement.project-budget"]?.() as Disclosure);
    expect(f && brief(f)).toEqual(["error", "60.00 + 30.00 = 90.00", "80.00", 10000000]);
    expect(run("procurement.project-budget", cleanDoc())).toEqual([]);
  });

  it("warns when the procurement 预算资金 matches no same-named project budget", () => {
    expect(
      run("procurement.project-match", TRIGGERS["procurement.project-match"]?.() as Disclosure).map(brief),
    ).toEqual([["warning", "56.00", "65.00", -9000000]]);
    expect(run("procurement.project-match", cleanDoc())).toEqual([]);
  });
});

describe("assets", () => {
  it("finds 资产总额 disagreeing with 固定资产 + 无形资产", () => {
    expect(run("assets.sum", TRIGGERS["assets.sum"]?.() as Disclosure).map(brief)).toEqual([
      ["error", "4828.43", "4418.78 + 209.65 = 4628.43", 200000000],
    ]);
  });

  it("sums numbered items when there are no classes, leaving out 其中 rows", () => {
    const d = doc({
      assets: [
        asset("资产总额", "1544.52"),
        asset("1、房屋（平方米）", null),
        asset("其中：办公用房（平方米）", "999.00"),
        asset("2、车辆（台、辆）", "18.02"),
        asset("4、其他固定资产", "1526.50"),
      ],
    });
    expect(run("assets.sum", d)).toEqual([]);
  });
});

// ---------------------------------------------------------------- seeds (golden)

const seedText = (name: string) => readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8");
const SEEDS = [
  "000_30685518d77b763b.txt",
  "001_7e3a21f0cdce2af5.txt",
  "002_4b6394e1ed3c65b9.txt",
  "003_1e76a5b84cb554b9.txt",
  "004_98017a668a08a896.txt",
] as const;

// The seeds must parse: a parser failure fails these tests instead of skipping them.
const { parseText } = await import("./helpers/parse-text.js");
const parsed = new Map<string, Disclosure>(SEEDS.map((s) => [s, parseText(seedText(s), s)]));
const seed = (name: string): Finding[] => runChecks(parsed.get(name) as Disclosure);
const line = (f: Finding) => [
  f.severity,
  f.ruleId,
  f.left.source.line,
  f.left.text,
  f.right?.text ?? null,
  f.differenceFen,
];

describe("seed disclosures", () => {
  it("seed 000: pins every finding (each checked by hand against the text)", () => {
    expect(seed(SEEDS[0]).map(line)).toEqual([
      ["error", "narrative.vs-table", 1857, "19243.37", "18401.67", 841700000],
      [
        "error",
        "narrative.arithmetic",
        1857,
        "19243.37",
        "19243.37 + 0.00 + 0.00 + 0.00 + 0.00 + 841.70 = 20085.07",
        -841700000,
      ],
      ["error", "project.plan", 9167, "645.77", "691.11", -45340000],
      ["error", "project.plan", 9277, "665.42", "679.00", -13580000],
      ["error", "narrative.vs-table", 9808, "4628.43", "4828.43", -200000000],
      ["error", "assets.sum", 9821, "4828.43", "4418.78 + 209.65 = 4628.43", 200000000],
      ["warning", "narrative.operating-cost", 1863, "908.52", "138.00", 770520000],
      ["warning", "project.duplicate", 4466, "1.12", "450.00", -448880000],
      ["warning", "project.plan", 7859, "8.28", "17.50", -9220000],
      ["warning", "project.duplicate", 7934, "11.90", "734.00", -722100000],
      ["warning", "project.cost-indicator", 8299, "≤100万", "57.56", 42440000],
      ["warning", "project.duplicate", 8946, "3.96", "385.57", -381610000],
      ["rounding", "table.total-sum", 281, "841.70", "136.07 + 705.64 = 841.71", -10000],
      ["rounding", "table.column-sum", 566, "6362.59", "5656.96 + 705.64 = 6362.60", -10000],
      ["rounding", "table.column-sum", 580, "5799.99", "5271.96 + 528.04 = 5800.00", -10000],
      ["rounding", "table.column-sum", 594, "5799.99", "5271.96 + 528.04 = 5800.00", -10000],
      ["rounding", "project.total", 2016, "73 项之和 = 19025.38", "19025.37", 10000],
      ["rounding", "project.cost-indicator", 6748, "306.942994万元", "306.94", 2994],
      ["rounding", "procurement.columns", 9395, "3480.02", "3173.22 + 306.79 = 3480.01", 10000],
      ["rounding", "procurement.sum", 9396, "3173.22", "2933.70 + 239.53 = 3173.23", -10000],
      ["rounding", "procurement.project-budget", 9651, "6.16 + 73.85 = 80.01", "80.00", 10000],
    ]);
  });

  it("seed 000: the narrative 固定资产 4628.43 disagrees with the table's 资产总额 4828.43", () => {
    const f = seed(SEEDS[0]).find((x) => x.ruleId === "narrative.vs-table" && x.left.text === "4628.43");
    expect(f?.message).toBe(
      "情况说明「上年末固定资产」 4628.43 与 资产表「资产总额」 4828.43 不一致，相差 200.00 万元。（表中「固定资产」行为 4418.78 万元。）",
    );
  });

  it("seed 000: 机关运行经费 908.52 vs 公用经费 138.00 is a warning", () => {
    const f = seed(SEEDS[0]).find((x) => x.ruleId === "narrative.operating-cost");
    expect(f && [f.severity, f.left.text, f.right?.text, f.right?.label]).toEqual([
      "warning",
      "908.52",
      "138.00",
      "一般公共预算财政拨款基本支出表「合计」公用经费",
    ]);
  });

  it("seed 000: same-named projects with different amounts are 构建儿童友好型社区项目, 思想宣传项目 and 综合执法事务经费", () => {
    const dups = seed(SEEDS[0]).filter((f) => f.ruleId === "project.duplicate");
    expect(dups.map((f) => f.message.match(/项目「([^」]+)」/)?.[1])).toEqual([
      "构建儿童友好型社区项目",
      "思想宣传项目",
      "综合执法事务经费",
    ]);
    expect(dups.map((f) => [f.left.text, f.right?.text])).toEqual([
      ["1.12", "450.00"],
      ["11.90", "734.00"],
      ["3.96", "385.57"],
    ]);
  });

  it("seed 000: the nine tables are arithmetically clean apart from four 0.01 万元 tail differences in 收入总表", () => {
    const table = seed(SEEDS[0]).filter(
      (f) =>
        f.ruleId.startsWith("table.") || f.ruleId.startsWith("cross.") || f.ruleId.startsWith("sangong."),
    );
    expect(table.every((f) => f.severity === "rounding")).toBe(true);
    expect(table.map((f) => f.left.label)).toEqual([
      "收入总表「合计」上年结转",
      "收入总表「212 城乡社区支出」合计",
      "收入总表「21201 城乡社区管理事务」合计",
      "收入总表「2120199 其他城乡社区管理事务支出」合计",
    ]);
  });

  it("seed 000: a figure that is merely not stated (因公出国 0.00 in the narrative, blank in the table) gives no finding", () => {
    const d = parsed.get(SEEDS[0]) as Disclosure;
    expect(d.narrative.find((f) => f.key === "sangong.abroad")?.figure.text).toBe("0.00");
    const t = d.tables.find((x) => x.kind === "三公经费支出表");
    expect(t?.rows.find((r) => r.name.includes("因公出国（境）费") && r.level === 1)?.values.合计).toBeNull();
    expect(seed(SEEDS[0]).filter((f) => /因公出国|公务用车/.test(f.message))).toEqual([]);
  });

  it("seed 001: 三公 vehicle 15.72 ≠ 0 + 13.42 and total 15.72 ≠ 0 + 15.72 + 2.30", () => {
    expect(seed(SEEDS[1]).map(line)).toEqual([
      ["error", "sangong.narrative", 49, "15.72", "0 + 13.42 = 13.42", 2300000],
      ["error", "sangong.narrative", 49, "15.72", "0 + 15.72 + 2.30 = 18.02", -2300000],
      ["warning", "project.units", 268, "≤10000万元", null, null],
    ]);
  });

  it("seeds 002–004: only the real disagreements are reported", () => {
    expect(seed(SEEDS[2]).map(line)).toEqual([["warning", "project.plan", 2604, "0%", "100%", null]]);
    expect(seed(SEEDS[3]).map(line)).toEqual([
      ["error", "project.cost-indicator", 1418, "605.31万元", "504.26", 101050000],
    ]);
    // Real: the cover of seed 004 still carries the template's approver line "XXX 财政（厅/局）审核".
    expect(seed(SEEDS[4]).map(line)).toEqual([["error", "identity.department", 8, "XXX", null, null]]);
  });

  it("every seed finding has integer 元 differences and a source line", () => {
    for (const s of SEEDS) {
      for (const f of seed(s)) {
        if (f.differenceFen !== null) expect(Number.isInteger(f.differenceFen)).toBe(true);
        expect(f.left.source.line).toBeGreaterThan(0);
        expect(f.left.source.file).toBe(s);
      }
    }
  });
});
