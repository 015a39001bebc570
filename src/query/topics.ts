/** /budget topics and their synonyms (data, not code: a new synonym is one entry). */

/** What part of a budget the user asks about. */
export type Topic =
  | { kind: "overview" }
  /** Classified tables; `expand` is the 类 (code or name) to show with its 款 and 项. */
  | { kind: "income"; expand?: string }
  | { kind: "expense"; expand?: string }
  | { kind: "basic"; expand?: string }
  | { kind: "project" }
  | { kind: "sangong"; part?: "abroad" | "vehicle" | "reception" }
  | { kind: "operating" }
  | { kind: "procurement" }
  | { kind: "assets" }
  /** A 功能分类/经济分类 subject by name or code, e.g. 卫生健康, 210, 差旅费. */
  | { kind: "subject"; text: string }
  /**
   * One figure of one department across years (历年, 趋势, 对比, 2017-2019, 近三年): the years
   * asked for (`years`), or the latest `last` disclosed, or every disclosed year.
   */
  | { kind: "years"; measure: TopicMeasure; years?: number[]; last?: number }
  /** Departments ranked by one figure for a year (排名, 对比 单位A 单位B). */
  | { kind: "ranking"; measure: TopicMeasure };

/** The headline figures a trend or a ranking measures (answers/trends/measure.ts reads them). */
export type MeasureKey =
  | "sangong.total"
  | "sangong.abroad"
  | "sangong.vehicle"
  | "sangong.reception"
  | "operating_cost"
  | "income.total"
  | "expense.total"
  | "expense.basic"
  | "expense.project";

/** What a trend or ranking measures: a headline figure, or a 功能分类 类 by code or name. */
export type TopicMeasure = { kind: "headline"; key: MeasureKey } | { kind: "class"; class: string };

/** The words naming each headline measure (the first one is used in follow-up lines). */
const MEASURE_WORDS: Record<MeasureKey, string> = {
  "sangong.total": "三公",
  "sangong.abroad": "出国",
  "sangong.vehicle": "公车",
  "sangong.reception": "接待",
  operating_cost: "机关运行经费",
  "income.total": "收入总计",
  "expense.total": "支出总计",
  "expense.basic": "基本支出",
  "expense.project": "项目支出",
};

/**
 * What a trend or ranking of the asked topic measures (`word` is the word the topic was read from:
 * 收入总计 and 支出总计 are both the overview), or null for a topic that is no single figure
 * (政府采购, 资产). The overview measures 支出总计.
 */
export function measureOf(t: Topic, word = ""): TopicMeasure | null {
  const headline = (key: MeasureKey): TopicMeasure => ({ kind: "headline", key });
  switch (t.kind) {
    case "overview":
      return headline(/收入/.test(word) ? "income.total" : "expense.total");
    case "income":
      return t.expand ? { kind: "class", class: t.expand } : headline("income.total");
    case "expense":
      return t.expand ? { kind: "class", class: t.expand } : headline("expense.total");
    case "basic":
      return headline("expense.basic");
    case "project":
      return headline("expense.project");
    case "sangong":
      return headline(t.part ? `sangong.${t.part}` : "sangong.total");
    case "operating":
      return headline("operating_cost");
    case "subject":
      return { kind: "class", class: t.text.replace(/支出$/, "") };
    case "years":
    case "ranking":
      return t.measure;
    default:
      return null;
  }
}

/** The words naming a measure in a chat line ("三公", "卫生健康"). */
export function measureWord(m: TopicMeasure): string {
  return m.kind === "headline" ? MEASURE_WORDS[m.key] : m.class;
}

/** Synonyms, longest first when matching. */
const SYNONYMS: Array<[string, Topic]> = [
  ["总览", { kind: "overview" }],
  ["概况", { kind: "overview" }],
  ["总体", { kind: "overview" }],
  ["收支", { kind: "overview" }],
  ["收支总表", { kind: "overview" }],
  ["收入总计", { kind: "overview" }],
  ["支出总计", { kind: "overview" }],
  ["收支总计", { kind: "overview" }],
  ["预算总额", { kind: "overview" }],
  ["总预算", { kind: "overview" }],
  ["收入", { kind: "income" }],
  ["收入总表", { kind: "income" }],
  ["支出", { kind: "expense" }],
  ["支出总表", { kind: "expense" }],
  ["功能分类", { kind: "expense" }],
  ["基本支出", { kind: "basic" }],
  ["经济分类", { kind: "basic" }],
  ["人员经费", { kind: "basic" }],
  ["公用经费", { kind: "basic" }],
  ["项目支出", { kind: "project" }],
  ["项目", { kind: "project" }],
  ["三公", { kind: "sangong" }],
  ["三公经费", { kind: "sangong" }],
  ["“三公”经费", { kind: "sangong" }],
  ["出国", { kind: "sangong", part: "abroad" }],
  ["因公出国", { kind: "sangong", part: "abroad" }],
  ["出国费", { kind: "sangong", part: "abroad" }],
  ["因公出国(境)费", { kind: "sangong", part: "abroad" }],
  ["公车", { kind: "sangong", part: "vehicle" }],
  ["公务用车", { kind: "sangong", part: "vehicle" }],
  ["车辆", { kind: "sangong", part: "vehicle" }],
  ["接待", { kind: "sangong", part: "reception" }],
  ["公务接待", { kind: "sangong", part: "reception" }],
  ["公务接待费", { kind: "sangong", part: "reception" }],
  ["机关运行经费", { kind: "operating" }],
  ["运行经费", { kind: "operating" }],
  ["机关运行", { kind: "operating" }],
  ["政府采购", { kind: "procurement" }],
  ["采购", { kind: "procurement" }],
  ["资产", { kind: "assets" }],
  ["国有资产", { kind: "assets" }],
  ["固定资产", { kind: "assets" }],
];

const BY_WORD = new Map(SYNONYMS.map(([w, t]) => [w.normalize("NFKC"), t]));
const WORDS_LONGEST_FIRST = [...BY_WORD.keys()].sort((a, b) => b.length - a.length);

/** Every topic word, longest first (for cutting topics out of glued text). */
export const TOPIC_WORDS: readonly string[] = WORDS_LONGEST_FIRST;

/** The topic a whole word names, or undefined. */
export function topicOf(word: string): Topic | undefined {
  return BY_WORD.get(word.normalize("NFKC").replace(/[“”"]/g, (c) => (c === "“" || c === "”" ? c : "")));
}

/** Split a glued word like "容东三公" into ["容东", topic] when it ends with a topic synonym. */
export function splitTrailingTopic(word: string): { rest: string; topic: Topic } | undefined {
  const w = word.normalize("NFKC");
  for (const syn of WORDS_LONGEST_FIRST) {
    if (w.length > syn.length && w.endsWith(syn)) {
      return { rest: w.slice(0, -syn.length), topic: BY_WORD.get(syn) as Topic };
    }
  }
  return undefined;
}

/** Words that parse back to the same topic (for paging commands). */
export function topicWord(t: Topic): string {
  if ((t.kind === "income" || t.kind === "expense" || t.kind === "basic") && t.expand !== undefined) {
    return `${topicWord({ kind: t.kind })} ${t.expand}`;
  }
  switch (t.kind) {
    case "overview":
      return "";
    case "income":
      return "收入";
    case "expense":
      return "支出";
    case "basic":
      return "基本支出";
    case "project":
      return "项目支出";
    case "sangong":
      return t.part === "abroad"
        ? "出国"
        : t.part === "vehicle"
          ? "公车"
          : t.part === "reception"
            ? "接待"
            : "三公";
    case "operating":
      return "机关运行经费";
    case "procurement":
      return "政府采购";
    case "assets":
      return "资产";
    case "subject":
      return t.text;
    case "years":
      return t.years?.length
        ? `${measureWord(t.measure)} ${t.years.join(" ")}`
        : `${measureWord(t.measure)} ${t.last ? `近${t.last}年` : "历年"}`;
    case "ranking":
      return `${measureWord(t.measure)} 排名`;
  }
}
