/**
 * "/budget 容东 2024 三公" → { department fragment, year, topic }: arguments in any order,
 * full- or half-width, with or without 年, glued or spaced.
 */
import { UserError } from "../domain/errors.js";
import type { DisclosureBasis } from "../domain/types.js";
import { normalizeQuery } from "./normalize.js";
import { measureOf, TOPIC_WORDS, type Topic, topicOf } from "./topics.js";
import {
  CHART_WORDS,
  COMPARISON_WORDS,
  FILLER_WORDS,
  RANK_WORDS,
  SUBJECT_NAMES,
  TREND_WORDS,
} from "./words.js";

/** A year as typed: an absolute year or relative to the clock. */
export type YearSpec = { kind: "absolute"; year: number } | { kind: "relative"; offset: number } | null;

/** The parsed, not yet resolved, /budget arguments. */
export interface BudgetQuery {
  /** The department fragment; null only for a ranking (排名 over every department). */
  department: string | null;
  /** Every department fragment named, in order (对比 单位A 单位B ranks only these). */
  departments: string[];
  year: YearSpec;
  /** Every absolute year named, ascending (2017-2019, 2017 2018 2019). */
  years: number[];
  /** True when the question asks for a chart (图, 图表, chart). */
  chart: boolean;
  topic: Topic;
  /** "决算" asks for the final accounts, "预算" for the budget; null when the query names neither. */
  basis: DisclosureBasis | null;
  /** Words read but not used (a comparison word, a second year or topic, words matching nothing). */
  unused: string[];
}

/** Relative year words (a Map: user words are never looked up as object properties). */
const RELATIVE = new Map<string, number>([
  ["今年", 0],
  ["本年", 0],
  ["去年", -1],
  ["上年", -1],
  ["前年", -2],
  ["明年", 1],
]);

/** Chinese digits as written in years (二〇二四, 二零二四). */
const CN_DIGITS = new Map<string, string>(
  [..."〇一二三四五六七八九"].map((c, i) => [c, String(i)] as [string, string]).concat([["零", "0"]]),
);

/** A year as people write it, glued to other words or not: 2024, 2024年, 2024年度, 24年, 二〇二四, 3000年, 2024.5. */
const YEAR_TOKEN =
  /((?<![\d.])[+-]?\d+(?:\.\d+)?(?:年度|年)|(?<![\d.])[+-]?\d{4}(?:\.\d+)?(?![\d.])|[一二][〇零][〇零一二三四五六七八九]{2}(?:年度|年)?)/;

/** The earliest and latest year a disclosure can be for. */
const YEAR_RANGE = { min: 1900, max: 2099 } as const;

/**
 * Split query text into words: normalised (normalizeQuery), years cut out of glued words
 * ("容东2024三公" → 容东 / 2024 / 三公) and "2024 年" joined back into one word.
 */
export function splitQueryWords(text: string): string[] {
  const words = normalizeQuery(text)
    .split(" ")
    .flatMap((w) => w.split(YEAR_TOKEN))
    .map((w) => w.trim())
    .filter((w) => w !== "");
  const out: string[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (
      (w === "年" || w === "年度") &&
      prev !== undefined &&
      /^[+-]?[\d.〇零一二三四五六七八九]+$/.test(prev)
    ) {
      out[out.length - 1] = `${prev}${w}`;
    } else out.push(w);
  }
  return out;
}

/**
 * Parse a year word, or null when the word is no year. A word that is written like a year but
 * cannot be one (3000年, 2024.5, -2024) is a UserError saying what to type.
 */
export function parseYearWord(w: string): YearSpec {
  const rel = RELATIVE.get(w.replace(/度$/, ""));
  if (rel !== undefined) return { kind: "relative", offset: rel };
  const m = /^(.+?)(年度|年)?$/.exec(w);
  const core = m?.[1] ?? "";
  const suffixed = m?.[2] !== undefined;
  const digits = [...core].every((c) => CN_DIGITS.has(c))
    ? [...core].map((c) => CN_DIGITS.get(c)).join("")
    : core;
  if (/^\d{4}$/.test(digits)) {
    const year = Number(digits);
    if (year >= YEAR_RANGE.min && year <= YEAR_RANGE.max) return { kind: "absolute", year };
  } else if (suffixed && /^\d{2}$/.test(digits)) {
    return { kind: "absolute", year: 2000 + Number(digits) };
  }
  const yearLike = suffixed ? /^[+-]?\d+(?:\.\d+)?$/.test(digits) : /^[+-]?\d{4}(?:\.\d+)?$/.test(digits);
  if (!yearLike) return null;
  const shown = [...w].length > 20 ? `${[...w].slice(0, 20).join("")}…` : w;
  throw new UserError(`“${shown}”不是有效的年度：请写四位年份，例如 2024、2024年 或 二〇二四`);
}

/** The one word that picks 预算 or 决算. */
const BASIS_WORDS = new Map<string, DisclosureBasis>([
  ["决算", "final"],
  ["预算", "budget"],
]);

/** Chinese numbers of 近N年 (近3年 is written 近三年 before the words are split). */
const CN_COUNTS = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 近三年 → 3 (二 and 两 alike), or undefined when the word is no 近N年. */
function lastYearsOf(w: string): number | undefined {
  const m = /^近([一二两三四五六七八九十])年$/.exec(w);
  if (!m) return undefined;
  const n = m[1] === "二" ? 2 : CN_COUNTS.indexOf(m[1] as string);
  return n > 0 ? n : undefined;
}

/** 近N年 words, read as trend words. */
const LAST_YEARS_WORDS = [...CN_COUNTS.slice(1), "二"].map((c) => `近${c}年`);

/**
 * Year ranges and 近N年 written as words the splitter keeps: "2017-2019" → "2017 2018 2019"
 * (at most 30 years), "近3年" → "近三年", "这3年" alike.
 */
function spellRanges(text: string): string {
  return normalizeQuery(text)
    .replace(/(\d{4})\s*年?\s*(?:-|~|—|–|至|到)\s*(\d{4})\s*年?度?/g, (whole, a: string, b: string) => {
      const [from, to] = [Number(a), Number(b)].sort((x, y) => x - y) as [number, number];
      if (to - from > 30) return whole;
      return ` ${Array.from({ length: to - from + 1 }, (_, i) => from + i).join(" ")} `;
    })
    .replace(/近\s*(\d{1,2})\s*年/g, (_, n: string) => ` 近${CN_COUNTS[Math.min(Number(n), 10)]}年 `);
}

/** What a piece of a question was read as. */
type Piece =
  | { kind: "filler" | "compare" | "unknown" | "department" | "trend" | "rank" | "chart"; text: string }
  | { kind: "topic"; text: string; topic: Topic }
  | { kind: "subject"; text: string };

/** The fixed words of a question and what each is, longest first. */
const FIXED: Array<[string, Piece["kind"]]> = [
  ...TOPIC_WORDS.map((w) => [w, "topic"] as [string, Piece["kind"]]),
  ...SUBJECT_NAMES.map((w) => [w.normalize("NFKC"), "subject"] as [string, Piece["kind"]]),
  ...FILLER_WORDS.map((w) => [w, "filler"] as [string, Piece["kind"]]),
  ...COMPARISON_WORDS.map((w) => [w, "compare"] as [string, Piece["kind"]]),
  ...[...TREND_WORDS, ...LAST_YEARS_WORDS].map((w) => [w, "trend"] as [string, Piece["kind"]]),
  ...RANK_WORDS.map((w) => [w, "rank"] as [string, Piece["kind"]]),
  ...CHART_WORDS.map((w) => [w, "chart"] as [string, Piece["kind"]]),
  ...[...RELATIVE.keys(), ...BASIS_WORDS.keys()].map((w) => [w, "topic"] as [string, Piece["kind"]]),
].sort((x, y) => y[0].length - x[0].length);

/** True for 今年/去年/决算/预算 (kept apart even when glued to other words). */
function isYearOrBasis(w: string): boolean {
  return RELATIVE.has(w) || BASIS_WORDS.has(w);
}

/** Where department names are looked up while reading a question. */
export interface DepartmentWords {
  /** True when the fragment names a department (by name, code or alias). */
  known(fragment: string): boolean;
}

/**
 * Cut one word into pieces: at each place the longest fixed word (topic, 科目 name, filler,
 * comparison, year or basis word) or, while no department was found, the longest fragment naming
 * a department when it is longer; characters matching nothing gather into unknown pieces.
 * "的" between two unknown pieces stays inside them (对个人和家庭的补助).
 */
function cutWord(
  word: string,
  departments: DepartmentWords | undefined,
  /** Cut a department out of the word (the first one, or another one in a comparison). */
  wantDepartment: boolean,
  /** A department was already found in an earlier word. */
  departmentFound: boolean,
): Piece[] {
  const out: Piece[] = [];
  let unknown = "";
  const flush = () => {
    if (unknown !== "") out.push({ kind: "unknown", text: unknown });
    unknown = "";
  };
  let i = 0;
  while (i < word.length) {
    const fixed = FIXED.find(([w]) => word.startsWith(w, i));
    let deptLen = 0;
    // ... and only where a word starts (not inside characters matching nothing).
    if (departments && wantDepartment && unknown === "" && !out.some((p) => p.kind === "department")) {
      for (let len = word.length - i; len >= 2 && len > (fixed?.[0].length ?? 0); len--) {
        // A department is cut out only where a known word (or the end) follows: "政协|会议费",
        // never "行宫|冬街道" (that whole fragment is a misspelt name, for suggestions).
        const end = i + len;
        const followed = end === word.length || FIXED.some(([w]) => word.startsWith(w, end));
        if (followed && departments.known(word.slice(i, end))) {
          deptLen = len;
          break;
        }
      }
    }
    if (deptLen > 0) {
      flush();
      out.push({ kind: "department", text: word.slice(i, i + deptLen) });
      i += deptLen;
    } else if (fixed) {
      flush();
      const [w, kind] = fixed;
      const topic = topicOf(w);
      out.push(kind === "topic" && topic ? { kind, text: w, topic } : ({ kind, text: w } as Piece));
      i += w.length;
    } else {
      unknown += word[i];
      i++;
    }
  }
  flush();
  // Rejoin "unknown 的 unknown": 的 inside a name is part of it. Once the department is known,
  // a topic word glued after unmatched characters is part of a longer label (事业|运行经费 is
  // 事业运行经费, not 机关运行经费): the unmatched piece cannot be the department then.
  const departmentKnown = departmentFound || out.some((p) => p.kind === "department");
  const joined: Piece[] = [];
  for (const p of out) {
    const a = joined[joined.length - 1];
    const b = joined[joined.length - 2];
    if (p.kind === "unknown" && a?.kind === "filler" && a.text === "的" && b?.kind === "unknown") {
      joined.splice(-2, 2, { kind: "unknown", text: `${b.text}的${p.text}` });
    } else if (departmentKnown && p.kind === "topic" && a?.kind === "unknown" && !isYearOrBasis(p.text)) {
      joined.splice(-1, 1, { kind: "unknown", text: `${a.text}${p.text}` });
    } else joined.push(p);
  }
  return joined;
}

/**
 * Parse /budget argument text or a question in the user's own words ("容东今年三公经费多少",
 * "查一下容东的三公", "政协会议费"). Filler is dropped; a department glued to a topic is cut out
 * by `departments` (names and aliases; without it, the first word matching nothing is the
 * department); every word not used is returned in `unused`, never silently dropped.
 * Throws UserError when no department is given.
 */
export function parseBudgetQuery(text: string, departments?: DepartmentWords): BudgetQuery {
  const spelt = spellRanges(text);
  const words = splitQueryWords(spelt);
  // A comparison may name several departments (对比 政协 人大): each is cut out.
  const comparing = /对比|比较|排名|排行|排序/.test(spelt);
  let year: YearSpec = null;
  const years: number[] = [];
  let topic: Topic | undefined;
  let topicText = "";
  let basis: DisclosureBasis | null = null;
  let department: string | undefined;
  const named: string[] = [];
  let trend = false;
  let rank = false;
  let chart = false;
  let last: number | undefined;
  const rest: string[] = [];
  const unused: string[] = [];
  const takeYear = (w: string, y: NonNullable<YearSpec>) => {
    if (y.kind === "absolute" && !years.includes(y.year)) years.push(y.year);
    if (!year) year = y;
    else if (y.kind !== "absolute" || year.kind !== "absolute") unused.push(w);
  };
  for (const w of words) {
    if (w === "图" || CHART_WORDS.includes(w.toLowerCase())) {
      chart = true;
      continue;
    }
    const b = BASIS_WORDS.get(w);
    if (b) {
      if (basis) unused.push(w);
      else basis = b;
      continue;
    }
    const y = parseYearWord(w);
    if (y) {
      takeYear(w, y);
      continue;
    }
    const whole = topicOf(w);
    const pieces: Piece[] = whole
      ? [{ kind: "topic", text: w, topic: whole }]
      : cutWord(w, departments, department === undefined || comparing, department !== undefined);
    for (const p of pieces) {
      if (p.kind === "filler") continue;
      if (p.kind === "compare") unused.push(p.text);
      else if (p.kind === "trend") {
        trend = true;
        last ??= lastYearsOf(p.text);
      } else if (p.kind === "rank") rank = true;
      else if (p.kind === "chart") chart = true;
      else if (p.kind === "department") {
        if (!named.includes(p.text)) named.push(p.text);
        if (department === undefined) department = p.text;
        else if (!comparing) unused.push(p.text);
      } else if (p.kind === "topic") {
        const pb = BASIS_WORDS.get(p.text);
        const py = pb ? null : parseYearWord(p.text);
        if (pb) {
          if (basis) unused.push(p.text);
          else basis = pb;
        } else if (py) takeYear(p.text, py);
        else if (!topic) {
          topic = p.topic;
          topicText = p.text;
        } else rest.push(p.text);
      } else if (p.kind === "subject" && !topic) topic = { kind: "subject", text: p.text };
      else rest.push(p.text);
    }
  }
  years.sort((a, b) => a - b);
  // 排名, or 对比 naming two departments: departments ranked by one figure.
  const ranking = rank || (comparing && named.length >= 2);
  if (department === undefined && !ranking) department = rest.shift();
  if (department === undefined && !ranking)
    throw new UserError("请给出单位名称，例如 /budget 容东 2024 三公");
  if (!topic && rest.length > 0) topic = { kind: "subject", text: rest.shift() as string };
  else if (
    topic &&
    (topic.kind === "income" || topic.kind === "expense" || topic.kind === "basic") &&
    rest.length > 0
  ) {
    // "/budget 容东 2024 支出 212": expand one class of the classified table.
    topic = { kind: topic.kind, expand: rest.splice(0).join("") };
  }
  unused.push(...rest);
  const asked: Topic = topic ?? { kind: "overview" };
  if (ranking || trend || years.length >= 2) {
    const measure = measureOf(asked, topicText);
    if (!measure)
      throw new UserError(
        `${ranking ? "排名" : "历年对比"}需要一个金额科目，例如 三公、机关运行经费、支出总计、基本支出、项目支出或一个功能分类（卫生健康）`,
      );
    topic = ranking
      ? { kind: "ranking", measure }
      : {
          kind: "years",
          measure,
          ...(years.length >= 2 ? { years: [...years] } : {}),
          ...(last ? { last } : {}),
        };
  }
  return {
    department: department ?? null,
    departments: named.length ? named : department ? [department] : [],
    year,
    years,
    chart,
    topic: topic ?? asked,
    basis,
    unused,
  };
}
