/**
 * The wording table of the 情况说明: which label before an amount states which fact. Data, not
 * code: a new wording is one more line in RULES (or a word in CHANGE_WORDS / NOT_APPLICABLE).
 *
 * A rule's pattern is matched against the clause right before an amount, after the clause's
 * lead-in is removed: year, enumerator ("1.", "（二）"), the speaking unit ("我单位", "本部门", or an
 * organisation name such as "…办公厅"), "本年", and the fund words (财政拨款, 一般公共预算拨款安排的),
 * which set the fact's scope instead. After the label, filler words (预算, 支出, 数, 安排, 为 …) are
 * allowed. Every rule with a key also reads "label + change word" ("财政拨款支出增加 …") as the
 * change of that fact.
 */
import type { CountKey, FundScope, NarrativeKey } from "../domain/types.js";

// The labels shown for each key are core data (domain/narrative-labels.ts); re-exported for the readers.
export { NARRATIVE_LABELS } from "../domain/narrative-labels.js";

/** One wording the reader recognises right before an amount (or before a change word). */
export interface Rule {
  /** The fact this wording states; null for a subject that only anchors a later comparison. */
  key: NarrativeKey | null;
  /** Regex source of the label, matched against the clause (lead-in removed, quotes removed). */
  pattern: string;
  /** "amount": label + filler (为/安排/共计…); "change": label + a change word (增加/减少/持平…). */
  form: "amount" | "change";
  /** Key of a subject-less comparison ("与上年相比增加…") that refers back to this subject. */
  change?: NarrativeKey;
  /** Only recognised after one of these keys was stated earlier in the same section ("其中" parts). */
  within?: NarrativeKey[];
  /** Further keys the same amount states ("收入、支出预算总计 X" is both totals). */
  also?: NarrativeKey[];
  /** The label may follow any lead-in ("…下属1家机关和1家参公事业单位财政拨款的机关运行经费"). */
  anyLead?: boolean;
}

/** The label table: wording → key. Add a line here for a new wording. Order matters: first match wins. */
export const RULES: Rule[] = [
  // 政府采购 by 资金来源, only after the 政府采购 total (before the income/expense wordings they resemble)
  {
    key: "procurement.from_general",
    form: "amount",
    pattern: "(?:按资金来源分)?一般公共预算(?:财政)?(?:拨款|资金)?",
    within: ["procurement.total"],
  },
  {
    key: "procurement.from_fund",
    form: "amount",
    pattern: "(?:按资金来源分)?政府性基金(?:预算)?(?:财政)?(?:拨款|资金)?",
    within: ["procurement.total"],
  },
  {
    key: "procurement.from_other",
    form: "amount",
    pattern: "(?:按资金来源分)?其他资金",
    within: ["procurement.total"],
  },
  // 收入
  {
    key: "income.total",
    form: "amount",
    pattern: "(?:部门|单位)?(?:预算收入|收入预算|全部收入|收入)(?:总计|合计)",
    change: "change.total",
  },
  {
    key: "income.total",
    form: "amount",
    pattern: "(?:部门|单位)?(?:预算收入|收入预算|全部收入)",
    change: "change.total",
  },
  {
    key: "income.total",
    form: "amount",
    pattern: "收支预算总计|收支总计",
    also: ["expense.total"],
    change: "change.total",
  },
  {
    key: "income.fiscal",
    form: "amount",
    // not the 财政拨款收入支出总计 of a 决算 (a total of the 财政拨款 收支 table, not its income)
    pattern: "财政拨款(?:预算)?收入(?!支出)",
    within: ["income.total"],
  },
  {
    key: "income.general",
    form: "amount",
    pattern: "一般公共预算(?:财政)?(?:拨款)?收入",
    within: ["income.total", "income.fiscal"],
  },
  {
    key: "income.fund",
    form: "amount",
    pattern: "(?:政府性)?基金(?:预算)?(?:财政)?(?:拨款)?收入",
    within: ["income.total", "income.fiscal"],
  },
  {
    key: "income.state_capital",
    form: "amount",
    pattern: "国有资本经营预算(?:财政)?(?:拨款)?收入",
    within: ["income.total", "income.fiscal"],
  },
  {
    key: "income.special_account",
    form: "amount",
    pattern: "财政专户(?:核拨|管理)?(?:资金)?(?:收入)?",
    within: ["income.total"],
  },
  { key: "income.unit", form: "amount", pattern: "单位资金(?:收入)?", within: ["income.total"] },
  { key: "income.business", form: "amount", pattern: "事业收入", within: ["income.total"] },
  {
    key: "income.business_operation",
    form: "amount",
    pattern: "(?:事业单位)?经营收入",
    within: ["income.total"],
  },
  { key: "income.superior", form: "amount", pattern: "上级补助收入", within: ["income.total"] },
  {
    key: "income.other",
    form: "amount",
    pattern: "其他(?:来源)?(?:资金)?收入|其他资金",
    within: ["income.total"],
  },
  {
    key: "income.carryover",
    form: "amount",
    pattern: "上年结转(?:结余)?(?:资金|收入)?|年初结转和结余",
    within: ["income.total"],
  },
  // 财政拨款收支
  { key: "fiscal.total", form: "amount", pattern: "财政拨款收支(?:预算)?(?:总计)?" },
  // 支出
  {
    key: "expense.total",
    form: "amount",
    pattern: "(?:部门|单位)?(?:支出预算|预算支出|支出)(?:总计|合计)",
    change: "change.total",
  },
  {
    key: "expense.total",
    form: "amount",
    pattern: "(?:部门|单位)?(?:支出预算|预算支出)",
    change: "change.total",
  },
  { key: "expense.fiscal", form: "amount", pattern: "财政拨款(?:预算)?支出" },
  {
    key: "expense.general",
    form: "amount",
    pattern: "一般公共预算(?:财政)?拨款(?:安排的)?(?:预算)?支出",
  },
  {
    key: "expense.fund",
    form: "amount",
    pattern: "政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:预算)?支出",
  },
  {
    key: "expense.state_capital",
    form: "amount",
    pattern: "国有资本经营预算(?:财政)?(?:拨款)?(?:预算)?支出",
  },
  {
    key: "expense.basic",
    form: "amount",
    pattern: "基本支出",
    within: ["expense.total", "expense.fiscal", "expense.general"],
  },
  {
    key: "expense.basic",
    form: "amount",
    pattern: "(?:财政拨款|一般公共预算(?:财政)?(?:拨款)?)基本支出|基本支出预算",
  },
  {
    key: "expense.personnel",
    form: "amount",
    pattern: "人员类?(?:项目)?经费",
    within: ["expense.total", "expense.basic"],
  },
  {
    key: "expense.public",
    form: "amount",
    pattern: "(?:日常|运转类)?公用类?(?:项目)?经费",
    within: ["expense.total", "expense.basic"],
  },
  {
    key: "expense.project",
    form: "amount",
    pattern: "[\\u4e00-\\u9fff]{0,16}?项目支出",
    within: ["expense.total", "expense.fiscal", "expense.general", "expense.basic"],
  },
  { key: "expense.project", form: "amount", pattern: "项目支出预算" },
  { key: "expense.reserve", form: "amount", pattern: "(?:单位)?预留机动经费" },
  { key: "expense.carry_forward", form: "amount", pattern: "结转下年(?:资金)?", within: ["expense.total"] },
  // 比上年增减: "2024年预算收支安排X万元，较2023年预算增加Y万元，其中:基本支出减少…"
  {
    key: null,
    form: "amount",
    pattern: "(?:部门)?(?:预算收支|收支预算)(?:总计|合计)?",
    change: "change.total",
  },
  { key: "change.basic", form: "change", pattern: "基本支出或?", within: ["change.total"] },
  { key: "change.project", form: "change", pattern: "项目支出或?", within: ["change.total"] },
  // 运行经费: 机关 vs 事业单位 (a different figure)
  {
    key: "operating_cost.institution",
    form: "amount",
    pattern: "事业(?:单位)?的?运行经费(?:总预算)?",
    anyLead: true,
  },
  { key: "operating_cost", form: "amount", pattern: "(?:机关运行经费|行政经费)", anyLead: true },
  // 三公
  {
    key: "sangong.total",
    form: "amount",
    pattern: "三公经费(?:支出)?",
    change: "sangong.change",
    anyLead: true,
  },
  { key: "sangong.abroad", form: "amount", pattern: "因公出国境?(?:经费|费用?)+" },
  { key: "sangong.vehicle", form: "amount", pattern: "公务用?车购置及运(?:行维护|行|维)(?:费用?)?" },
  { key: "sangong.vehicle_purchase", form: "amount", pattern: "公务用车购置(?:费用?|经费)?" },
  { key: "sangong.vehicle_operation", form: "amount", pattern: "公务用?车(?:用车)?运(?:行维护|行|维)费用?" },
  { key: "sangong.reception", form: "amount", pattern: "公务接待费用?" },
  // 政府采购: the total and its 货物/工程/服务 parts; its parts by 组织形式 and by 资金来源
  {
    key: "procurement.department_centralized",
    form: "amount",
    pattern: "部门集中采购",
    within: ["procurement.total"],
  },
  {
    key: "procurement.centralized",
    form: "amount",
    pattern: "政府集中采购",
    within: ["procurement.total"],
  },
  {
    key: "procurement.decentralized",
    form: "amount",
    pattern: "分散(?:自行)?采购",
    within: ["procurement.total"],
  },
  {
    key: "procurement.sme_reserved",
    form: "amount",
    pattern: "面向中小(?:微)?企业预留(?:的)?政府采购(?:项目)?(?:预算)?",
  },
  {
    key: "procurement.goods",
    form: "amount",
    pattern: "(?:政府采购|拟采购|拟购买|采购)?货物类?(?:政府)?(?:采购)?",
    within: ["procurement.total"],
  },
  {
    key: "procurement.works",
    form: "amount",
    pattern: "(?:政府采购|拟采购|拟购买|采购)?工程类?(?:政府)?(?:采购)?",
    within: ["procurement.total"],
  },
  {
    key: "procurement.services",
    form: "amount",
    pattern: "(?:政府采购|拟采购|拟购买|采购)?服务类?(?:政府)?(?:采购)?",
    within: ["procurement.total"],
  },
  {
    key: "procurement.total",
    form: "amount",
    pattern: "(?:安排)?政府采购(?:支出)?(?:预算)?(?:资金)?",
    anyLead: true,
  },
  // 资产, 债务, 绩效
  { key: "assets.fixed_total", form: "amount", pattern: "上年末固定资产(?:原值|账面价值|价值|金额|总额)?" },
  {
    key: "assets.planned_purchase",
    form: "amount",
    pattern: "(?:本年度?)?拟(?:新增)?购置固定资产(?:总额|金额)?",
  },
  { key: "debt.balance", form: "amount", pattern: "(?:政府)?债务余额" },
  {
    key: "performance.funds",
    form: "amount",
    pattern: "涉及(?:项目)?(?:预算(?:财政性)?资金|财政性资金|资金|预算)",
    anyLead: true,
  },
];

/** Change words and their direction. */
export const CHANGE_WORDS: Array<[string, 1 | -1 | 0]> = [
  ["增加", 1],
  ["增长", 1],
  ["上升", 1],
  ["提高", 1],
  ["增支", 1],
  ["减少", -1],
  ["下降", -1],
  ["降低", -1],
  ["压减", -1],
  ["减支", -1],
  ["无增减变化", 0],
  ["无增减", 0],
  ["无变化", 0],
  ["没有变化", 0],
  ["持平", 0],
  ["一致", 0],
];

/**
 * Subjects whose "其中" parts are their own, not the department's: in "事业运行经费总预算安排X元，
 * 其中：基本支出预算Y元" the Y is the institutions' 基本支出, kept as a stated figure.
 */
export const OWN_PARTS_SUBJECTS = new Set<NarrativeKey>(["operating_cost.institution", "operating_cost"]);

/** Department-level parts that an OWN_PARTS_SUBJECTS sentence does not state. */
export const DEPARTMENT_PARTS = new Set<NarrativeKey>([
  "expense.basic",
  "expense.project",
  "expense.personnel",
  "expense.public",
]);

/** Scope words found before an amount in its sentence, most specific first. */
export const SCOPE_WORDS: Array<[RegExp, FundScope]> = [
  [/全口径/, "all"],
  [/一般公共预算/, "general"],
  [/财政拨款/, "fiscal"],
];

/** Keys whose figure depends on whose money is counted (they carry a scope). */
export const SCOPED_KEYS = new Set<NarrativeKey>([
  "operating_cost",
  "sangong.total",
  "sangong.abroad",
  "sangong.vehicle",
  "sangong.vehicle_purchase",
  "sangong.vehicle_operation",
  "sangong.reception",
  "expense.basic",
]);

/**
 * Wordings that say a fact does not apply (不适用): "本单位无政府性基金预算", "不涉及国有资本经营预算",
 * "不属于机关运行经费统计范围". `noun` names the fact; a stated figure of the same key always wins.
 */
export const NOT_APPLICABLE: Array<{ keys: NarrativeKey[]; noun: string }> = [
  { keys: ["income.fund", "expense.fund"], noun: "政府性基金" },
  { keys: ["income.state_capital", "expense.state_capital"], noun: "国有资本经营预算" },
  { keys: ["operating_cost"], noun: "机关运行经费" },
  { keys: ["sangong.total"], noun: "三公经费" },
  { keys: ["procurement.total"], noun: "政府采购" },
  { keys: ["assets.planned_purchase"], noun: "拟购置固定资产" },
];

/** The negations around a NOT_APPLICABLE noun. */
export const NOT_APPLICABLE_FORMS = [
  "(?:无|没有|不涉及|未安排|不安排|未编制|未编列)[^，,。；;]{0,8}?NOUN",
  "NOUN[^，,。；;]{0,12}?(?:不涉及|不适用|为空表|空表列示)",
  "不(?:属于|在|纳入)[^，,。；;]{0,4}?NOUN[^，,。；;]{0,8}?范围",
];

/** The 功能分类 类 names of the national classification, for per-class lines without （类）. */
export const FUNCTION_CLASSES =
  "一般公共服务|外交|国防|公共安全|教育|科学技术|文化旅游体育与传媒|文化体育与传媒|社会保障和就业|卫生健康|医疗卫生与计划生育|节能环保|城乡社区|农林水|交通运输|资源勘探工业信息等|资源勘探信息等|商业服务业等|金融|援助其他地区|自然资源海洋气象等|国土海洋气象等|住房保障|粮油物资储备|灾害防治及应急管理|预备费|其他|债务付息|债务发行费用";

/** A wording that states a count: the label before the count (`before`) or the words after it (`after`). */
export interface CountRule {
  key: CountKey;
  label: string;
  /** Measure words this count takes. */
  unit: string;
  before?: string;
  after?: string;
}

/** Counts of 国有资产 and 绩效目标 coverage. Add a line for a new wording. */
export const COUNT_RULES: CountRule[] = [
  {
    key: "assets.vehicles_planned",
    label: "本年拟购置车辆",
    unit: "辆",
    before: "(?:预算)?安排购置车辆$|拟购置车辆$",
  },
  { key: "assets.vehicles", label: "车辆", unit: "辆", before: "(?:共有|现有|实有|拥有)车辆(?:总数)?$" },
  {
    key: "assets.equipment",
    label: "单价大额设备",
    unit: "台（套）|台|套",
    before: "以上的?(?:专用)?设备(?:（不含车辆）|\\(不含车辆\\))?$",
  },
  {
    key: "performance.projects",
    label: "编报绩效目标的项目",
    unit: "个",
    before: "(?:编报|设置|实行|开展)绩效目标(?:管理)?的项目(?:共)?$",
  },
  {
    key: "performance.projects",
    label: "编报绩效目标的项目",
    unit: "个",
    after: "^项目(?:实行|编报|设置)绩效目标",
  },
];
