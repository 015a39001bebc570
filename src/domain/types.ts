/**
 * Pure domain types for a parsed budget disclosure (部门预算公开).
 * No I/O here: ingest produces these, store persists them, commands read them.
 */
import type { Place } from "./place.js";

/** Where a figure or row came from: file name, table or section title, 1-based line number. */
export interface Source {
  file: string;
  section: string;
  /** Ordinal of the place in the document (the file line for text files). */
  line: number;
  /** Where that is in the document's own terms (page, sheet row, table row), when not a text line. */
  place?: Place;
}

/** The money unit a document states for a table or sentence. */
export type MoneyUnit = "亿元" | "万元" | "元";

/**
 * One figure exactly as the document prints it.
 * `fen` is the exact integer 分 value (hundredths of 元), or null when the text is not a plain amount
 * (e.g. "——") or would need sub-分 precision. A blank cell is never a Figure: it is null.
 */
export interface Figure {
  text: string;
  fen: number | null;
  unit: MoneyUnit;
  source: Source;
}

/**
 * The standard tables of the national template, by stable key (whatever the local title: see
 * ingest/table-kinds.ts). The first nine are the 财政部 nine tables; the others are the extra
 * tables provinces publish (江苏 表五/六/十一/十二, 上海's combined 三公 and 机关运行经费 table).
 */
export type StandardTableKind =
  | "收支总表"
  | "收入总表"
  | "支出总表"
  | "财政拨款收支总表"
  | "一般公共预算财政拨款支出表"
  | "一般公共预算财政拨款基本支出表"
  | "政府性基金预算财政拨款支出表"
  | "国有资本经营预算财政拨款支出表"
  | "三公经费支出表"
  /** 财政拨款支出预算表 (功能科目): all 财政拨款, by 功能分类. */
  | "财政拨款支出表"
  /** 财政拨款基本支出预算表 (经济科目). */
  | "财政拨款基本支出表"
  /** 一般公共预算机关运行经费支出预算表 (经济分类 款). */
  | "机关运行经费支出表"
  /** “三公”经费和机关运行经费预算表: 三公 and its parts plus 机关运行经费 in one table. */
  | "三公经费和机关运行经费表"
  /** 项目支出预算表. */
  | "项目支出表"
  /** 政府采购预算表 read as a standard table (采购品目大类 … 总计). */
  | "政府采购预算表";

/** A row of a standard table. Two-sided tables (收支总表) give one row per side. */
export interface StandardRow {
  /** "收入" or "支出" for two-sided tables, null otherwise. */
  side: string | null;
  /** The 序号 column, when printed. */
  seq: number | null;
  /** 科目编码 (功能分类 201/20103/2010399, 经济分类 301/30101), null when the row has none. */
  code: string | null;
  /** 科目名称 / 项目 text, whitespace-trimmed (internal indentation removed). */
  name: string;
  /** 1 for 类 (3-digit code or 一、 prefix), 2 for 款, 3 for 项; null for totals and unlevelled rows. */
  level: number | null;
  /** Money columns by leaf header name; null means the cell is blank (未列示). */
  values: Record<string, Figure | null>;
  line: number;
}

/** One of the nine standard tables. */
export interface StandardTable {
  kind: StandardTableKind;
  /** The title as printed (bookmarks stripped). */
  title: string;
  unit: MoneyUnit;
  line: number;
  /** Leaf column headers of the money columns, in order (per side for two-sided tables). */
  columns: string[];
  rows: StandardRow[];
  /** A note printed under the table, e.g. "注：无政府基金预算财政拨款预算，空表列示。" */
  note: string | null;
}

/** Stable keys of narrative facts from 情况说明. */
export type NarrativeKey =
  | "income.total"
  | "income.general"
  | "income.fund"
  | "income.state_capital"
  | "income.special_account"
  | "income.unit"
  | "income.other"
  | "income.carryover"
  | "expense.total"
  | "expense.basic"
  | "expense.personnel"
  | "expense.public"
  | "expense.project"
  | "change.total"
  | "change.basic"
  | "change.project"
  | "operating_cost"
  | "sangong.total"
  | "sangong.abroad"
  | "sangong.vehicle"
  | "sangong.vehicle_purchase"
  | "sangong.vehicle_operation"
  | "sangong.reception"
  | "sangong.change"
  | "procurement.total"
  | "assets.fixed_total"
  | "assets.planned_purchase"
  | "debt.balance"
  // Added for the national template (issue 10): parts of income and expense, 财政拨款 totals,
  // 单位预留机动经费, per-subject lines, 事业单位运行经费, 政府采购 parts, 绩效目标 coverage.
  | "income.fiscal"
  | "income.business"
  | "income.business_operation"
  | "income.superior"
  | "expense.fiscal"
  | "expense.general"
  | "expense.fund"
  | "expense.state_capital"
  | "expense.reserve"
  | "expense.carry_forward"
  | "expense.subject"
  | "fiscal.total"
  | "operating_cost.institution"
  | "procurement.goods"
  | "procurement.works"
  | "procurement.services"
  | "procurement.sme_reserved"
  | "performance.funds"
  // 决算 (issue 18): 本年收入合计 / 本年支出合计 printed apart from 总计 (which adds 结转和结余).
  | "income.year"
  | "expense.year"
  // Issue 17: 政府采购 by 组织形式 and by 资金来源.
  | "procurement.centralized"
  | "procurement.department_centralized"
  | "procurement.decentralized"
  | "procurement.from_general"
  | "procurement.from_fund"
  | "procurement.from_other";

/** Whose money a figure counts: 财政拨款, 一般公共预算 only, or all funds (全口径). */
export type FundScope = "fiscal" | "general" | "all";

/** What a comparison or prior-year figure is measured against: last year's budget or its execution. */
export type PriorBasis =
  | "budget"
  | "execution"
  /** The same year's 年初预算 a 决算 figure is set against (`年初预算为X万元，支出决算为Y万元`). */
  | "plan"
  /** The same year's 全年预算 / 调整预算 a 决算 figure is set against. */
  | "adjusted";

/** A comparison stated with a figure: "比上年增加 3,226.63 万元，增长 31.79%", "比2023年预算执行数减少57.14%". */
export interface NarrativeChange {
  /** +1 increase, -1 decrease, 0 flat (持平, 无增减, 与上年数一致). */
  direction: 1 | -1 | 0;
  /** The stated amount of the change; null when only a percentage or a flat word is stated. */
  figure: Figure | null;
  /** The stated percentage in basis points (31.79% → 3179); null when none is stated. */
  percent: number | null;
  /** Compared with last year's budget or its execution; null when the sentence does not say. */
  basis: PriorBasis | null;
  /** The year compared with, when the sentence names it. */
  year: number | null;
}

/** A prior-year figure stated for a fact: "2023年当年预算执行数为60.13万元", "上年预算数为…". */
export interface PriorFigure {
  basis: PriorBasis;
  year: number | null;
  figure: Figure;
}

/** A figure stated in the narrative, with the sentence it came from. */
export interface NarrativeFact {
  key: NarrativeKey;
  /** Chinese label shown to users, e.g. "公务接待费". */
  label: string;
  figure: Figure;
  /** +1 increase, -1 decrease, 0 flat, null when not a change figure. */
  direction: 1 | -1 | 0 | null;
  sentence: string;
  /** Share of a whole stated right after the amount ("占 99.4%"), in basis points (9940). */
  share?: number | null;
  /** The comparison stated with this figure, when the sentence states one. */
  change?: NarrativeChange | null;
  /** A prior-year figure stated for this fact (上年预算数, 上年执行数, 当年预算执行数). */
  prior?: PriorFigure | null;
  /** The 功能分类 subject of a per-subject line ("一般公共服务支出（类）统计信息事务（款）专项普查活动（项）"). */
  subject?: string | null;
  /** Whose money the figure counts (“三公”经费 of 财政拨款 vs of all funds); null when not said. */
  scope?: FundScope | null;
}

/** Stable keys of counts the 情况说明 states (国有资产 and 绩效目标 coverage). */
export type CountKey =
  | "assets.vehicles"
  | "assets.vehicles_planned"
  | "assets.equipment"
  | "performance.projects";

/** A count stated in the narrative: "本部门共有车辆 46 辆", "编报绩效目标的项目50个". */
export interface NarrativeCount {
  key: CountKey;
  /** Chinese label shown to users, e.g. "车辆". */
  label: string;
  /** The digits as printed, and their integer value. */
  text: string;
  value: number;
  /** The measure word as printed: 辆, 个, 台（套）. */
  unit: string;
  sentence: string;
  source: Source;
}

/**
 * A fact the document says does not apply (不适用): "本单位无政府性基金预算", "不涉及",
 * a 事业单位 outside the 机关运行经费 scope. Never a figure, never 0, never 未列示.
 */
export interface NotApplicableFact {
  key: NarrativeKey;
  label: string;
  /** The sentence that says so, shown as the source of 不适用. */
  sentence: string;
  source: Source;
}

/**
 * A figure the document states that no reader classified: kept so every stated amount can be
 * found (/budget <单位> <任何词>). From a 情况说明 sentence or from a table cell.
 */
export interface StatedFigure {
  /** What the document calls it: the clause before the amount, or a table cell's row and column. */
  label: string;
  figure: Figure;
  origin: "narrative" | "table";
  /** The whole sentence (narrative) or the table title and row (table) the figure sits in. */
  context: string;
}

/** One point of a project's 资金支出计划. */
export interface PlanPoint {
  /** Column label as printed, e.g. "3月底", "第一季度". */
  label: string;
  text: string;
  /** The plan's real unit: "%" when the values are percentages, else money. */
  unit: MoneyUnit | "%";
  /** Exact 分 when unit is money. */
  fen: number | null;
  /** Percentage in hundredths of a percent (e.g. 70% → 7000) when unit is "%". */
  basisPoints: number | null;
  line: number;
}

/** One indicator row of a 绩效目标表. */
export interface Indicator {
  level1: string | null;
  level2: string | null;
  level3: string | null;
  description: string | null;
  value: string | null;
  basis: string | null;
  line: number;
}

/** One project 绩效目标表. */
export interface Project {
  /** Sequence number printed before the title (e.g. 29 in "29.后勤保障绩效目标表"), null when none. */
  seq: number | null;
  /** The title line without bookmarks/field codes, e.g. "后勤保障绩效目标表". */
  title: string;
  /** 项目名称 cell (or derived from the title when the table has none). */
  name: string;
  /** 项目编码 with spaces removed; null when blank. */
  code: string | null;
  budget: Figure | null;
  fiscal: Figure | null;
  other: Figure | null;
  purpose: string | null;
  plan: PlanPoint[];
  goal: string | null;
  indicators: Indicator[];
  line: number;
  /** The heading of the part of the document the table sits in. */
  section: string;
}

/** A 政府采购预算 row. */
export interface ProcurementRow {
  /** "total" for 合计, "subtotal" for a unit 小计, "item" for a purchase line. */
  kind: "total" | "subtotal" | "item";
  projectName: string | null;
  projectBudget: Figure | null;
  item: string | null;
  catalogCode: string | null;
  measureUnit: string | null;
  quantity: string | null;
  unitPrice: Figure | null;
  /** Money columns by leaf header (合计, 一般公共预算拨款, …, 预留中小微企业份额). */
  amounts: Record<string, Figure | null>;
  line: number;
  /** Where the row is in the document's own terms, when not a text line (set when read from the store). */
  place?: Place;
}

/** A 国有资产 / 固定资产占用 row. */
export interface AssetRow {
  name: string;
  /** Quantity as printed ("——" kept as text), null when blank. */
  quantity: string | null;
  value: Figure | null;
  line: number;
}

/** A row of 机构设置. */
export interface OrgUnit {
  name: string;
  nature: string | null;
  rank: string | null;
  funding: string | null;
  line: number;
}

/** Something the parser noticed but could not read exactly. */
export interface ParseWarning {
  message: string;
  line: number | null;
  /**
   * Set when a table stops short: "end" when the document ran out inside the table, "row" for an
   * incomplete row (the file is cut off when that row is the last thing in it).
   */
  truncated?: "end" | "row";
}

/**
 * A paragraph of the document as printed (cover line, 目录 entry, heading, table title, unit line,
 * note under a table, sentence), kept for the checks that read words (completeness, identity, years,
 * sentences against their own figures).
 */
export interface DocumentText {
  text: string;
  source: Source;
}

/** What sort of disclosure a file is. */
export type DisclosureKind = "full" | "narrative" | "performance" | "explanation";

/** What the figures are: the year's 预算 (budget) or its 决算 (final accounts). Never mixed. */
export type DisclosureBasis = "budget" | "final";

/** The parts of a disclosure, each read from one document of a department-year. */
export type DisclosurePart = "tables" | "narrative" | "projects" | "procurement" | "assets" | "units";

/** One document that contributed to a combined department-year view, and the parts it gave. */
export interface DisclosureSourceDocument {
  file: string;
  sha256: string;
  /**
   * What the combined view took from this document (tableKinds says which standard tables);
   * empty for a copy left out because another document holds every part more completely.
   */
  parts: DisclosurePart[];
  tableKinds: StandardTableKind[];
}

/** A whole parsed disclosure file. */
export interface Disclosure {
  file: string;
  sha256: string;
  department: {
    name: string | null;
    code: string | null;
    /** True when name came from a sidecar/flag rather than the page. */
    given: boolean;
  };
  year: number | null;
  kind: DisclosureKind;
  /** 预算 or 决算; absent means 预算 (documents built before 决算 were recognised). */
  basis?: DisclosureBasis;
  region: string | null;
  units: OrgUnit[];
  tables: StandardTable[];
  narrative: NarrativeFact[];
  /** Facts the document says do not apply (不适用), each with its sentence. */
  notApplicable: NotApplicableFact[];
  /** Every stated amount no reader classified, with its label and context. */
  stated: StatedFigure[];
  /** Counts the 情况说明 states (车辆, 设备, 绩效目标项目); absent when it states none. */
  counts?: NarrativeCount[];
  projects: Project[];
  procurement: ProcurementRow[];
  procurementTitleLine: number | null;
  assets: AssetRow[];
  assetsAsOf: string | null;
  warnings: ParseWarning[];
  /** The document's paragraphs in reading order; absent on documents stored before they were kept. */
  texts?: DocumentText[];
  /** The place of each ordinal `line` that is not a text line (PDF page, sheet row, table row). */
  places?: PlaceIndex;
  /**
   * Set only on a combined view of several documents of one department-year (e.g. the 说明
   * narrative and the 表格 tables published as two files): which document gave which part. Every
   * figure still cites its own file in its Source.
   */
  documents?: DisclosureSourceDocument[];
}

/** Ordinal line → place in the document's own terms; text lines are not listed. */
export type PlaceIndex = Record<number, Place>;
