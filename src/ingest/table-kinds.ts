/**
 * Standard table kinds by meaning: the national template's tables under whatever local name a
 * province gives them. A title is normalised (numbering, year, trailing parentheses stripped) and
 * matched against one list of patterns, most specific first. A new local name is one entry here
 * (or, when it only adds a prefix or a number style, one alternative in NUMBERING).
 */
import { squash } from "../domain/text.js";
import type { StandardTableKind } from "../domain/types.js";

const CN_NUM = "[一二三四五六七八九十百零〇]+";

/**
 * Numbering printed before or after a title: `表1`, `表一`, `附表1`, `公开表三`, `公开01表`,
 * `公开 01 表`, `3.15`, `1、`, `一、`, `（一）`, `表1-2`.
 */
const NUMBERING = [
  new RegExp(`^(?:附|公开)?表\\s*(?:\\d+(?:[-－.]\\d+)*|${CN_NUM})[.、：:\\s]*`),
  new RegExp(`^公开\\s*(?:\\d+|${CN_NUM})\\s*表[.、：:\\s]*`),
  /^\d+(?:[.．]\d+)*(?:[.、．\s]+|(?![\d年.．]))/,
  new RegExp(`^${CN_NUM}[、.．]`),
  new RegExp(`^[（(](?:\\d+|${CN_NUM})[)）]`),
];
const NUMBERING_AFTER = [
  new RegExp(`(?:附|公开)?表\\s*(?:\\d+(?:[-－]\\d+)*|${CN_NUM})$`),
  new RegExp(`公开\\s*(?:\\d+|${CN_NUM})\\s*表$`),
];
/** A year prefix: `2024年`, `2024年度`. */
const YEAR = /^\d{4}年度?/;
/** Trailing parentheses that qualify a title: （续）, （功能科目）, （经济分类）, （一般公共预算）… */
const TRAILING_PAREN = /[（(][^（()）]{1,12}[)）]$/;

/** The title's wording with numbering, year and qualifying parentheses removed, whitespace squashed. */
export function normalizeTitle(title: string): string {
  let t = squash(title).replace(/[“”"]/g, "“");
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of [...NUMBERING, YEAR]) {
      const next = t.replace(re, "");
      if (next !== t && next !== "") {
        t = next;
        changed = true;
      }
    }
    for (const re of [TRAILING_PAREN, ...NUMBERING_AFTER]) {
      const next = t.replace(re, "");
      if (next !== t && next !== "") {
        t = next;
        changed = true;
      }
    }
  }
  return t;
}

/**
 * Title patterns → kind, most specific first, matched against the normalised title (which may
 * still begin with a department, `部门`, `单位`, `预算单位`). Every pattern ends at `表`.
 */
const KINDS: Array<[RegExp, StandardTableKind]> = [
  [/三公.*(和|及|与|、)机关运行经费.*表$/, "三公经费和机关运行经费表"],
  [/三公.*表$/, "三公经费支出表"],
  [/机关运行经费.*表$/, "机关运行经费支出表"],
  [/政府采购.*表$/, "政府采购预算表"],
  [/^(?!.*绩效).*项目支出.*表$/, "项目支出表"],
  [/国有资本经营预算.*支出.*表$/, "国有资本经营预算财政拨款支出表"],
  [/政府性基金.*支出.*表$/, "政府性基金预算财政拨款支出表"],
  [/一般公共预算.*基本支出.*表$/, "一般公共预算财政拨款基本支出表"],
  [/一般公共预算.*支出.*表$/, "一般公共预算财政拨款支出表"],
  [/财政拨款收支(预算)?总表$/, "财政拨款收支总表"],
  [/财政拨款.*基本支出.*表$/, "财政拨款基本支出表"],
  [/财政拨款支出.*表$/, "财政拨款支出表"],
  [/收支(预算)?总表$/, "收支总表"],
  [/收入(预算)?总表$/, "收入总表"],
  [/支出(预算)?总表$/, "支出总表"],
  // 决算: 收入决算表 (income by 功能分类 × source) and 支出决算表 (× 基本/项目/上缴上级/经营/对附属单位补助).
  [/^(?!.*(基本|项目|财政拨款)).*收入预算表$/, "收入总表"],
  [/^(?!.*(基本|项目|财政拨款)).*支出预算表$/, "支出总表"],
];

/** The standard table kind a title names, or null. Accepts "表1 …", "2025年XX部门收支总表", "（续）". */
export function kindOfTitle(title: string): StandardTableKind | null {
  const raw = squash(title);
  if (raw.length > 60 || /[。；;，,]/.test(raw)) return null;
  // A 决算 table names the same template table: 收入支出决算总表 is the 收支总表 of the final accounts.
  const t = normalizeTitle(title)
    .replace(/决算/g, "预算")
    .replace(/收入支出(?=(?:预算)?总表$)/, "收支");
  for (const [re, kind] of KINDS) if (re.test(t)) return kind;
  return null;
}

/** Whether a paragraph is only a table number printed on its own line (`公开01表`, `表一`, `附表3`). */
export function isTableNumber(text: string): boolean {
  const t = squash(text);
  return t.includes("表") && t.length <= 10 && normalizeTitle(`${t}X`) === "X";
}

/**
 * The kind of a table printed without a title, by its header words: an upper row holding exactly a
 * 收入 side and a 支出 side over 项目 | 预算数 columns is a 收支总表 — a 财政拨款收支总表 when its
 * columns name the fund kinds (一般公共预算 / 政府性基金). Anything else stays unknown.
 */
export function kindOfHeader(rows: string[][]): StandardTableKind | null {
  const words = rows.map((r) => r.map(squash).filter((t) => t !== ""));
  const upper = words[0] ?? [];
  const sides =
    upper.length === 2 &&
    /^(本年)?收入(预算|决算)?$/.test(upper[0] ?? "") &&
    /^(本年)?支出(预算|决算)?$/.test(upper[1] ?? "");
  if (!sides) return null;
  const leaf = words.slice(1, 3).flat();
  if (!leaf.some((t) => /^(项目|科目)/.test(t))) return null;
  return leaf.some((t) => /^(一般公共预算|政府性基金)/.test(t)) ? "财政拨款收支总表" : "收支总表";
}
