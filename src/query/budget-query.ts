/**
 * "/budget 容东 2024 三公" → { department fragment, year, topic }: arguments in any order,
 * full- or half-width, with or without 年, glued or spaced.
 */
import { UserError } from "../domain/errors.js";
import type { DisclosureBasis } from "../domain/types.js";
import { normalizeQuery } from "./normalize.js";
import { TOPIC_WORDS, type Topic, topicOf } from "./topics.js";
import { COMPARISON_WORDS, FILLER_WORDS, SUBJECT_NAMES } from "./words.js";

/** A year as typed: an absolute year or relative to the clock. */
export type YearSpec = { kind: "absolute"; year: number } | { kind: "relative"; offset: number } | null;

/** The parsed, not yet resolved, /budget arguments. */
export interface BudgetQuery {
  department: string;
  year: YearSpec;
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

/** What a piece of a question was read as. */
type Piece =
  | { kind: "filler" | "compare" | "unknown" | "department"; text: string }
  | { kind: "topic"; text: string; topic: Topic }
  | { kind: "subject"; text: string };

/** The fixed words of a question and what each is, longest first. */
const FIXED: Array<[string, Piece["kind"]]> = [
  ...TOPIC_WORDS.map((w) => [w, "topic"] as [string, Piece["kind"]]),
  ...SUBJECT_NAMES.map((w) => [w.normalize("NFKC"), "subject"] as [string, Piece["kind"]]),
  ...FILLER_WORDS.map((w) => [w, "filler"] as [string, Piece["kind"]]),
  ...COMPARISON_WORDS.map((w) => [w, "compare"] as [string, Piece["kind"]]),
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
function cutWord(word: string, departments: DepartmentWords | undefined, wantDepartment: boolean): Piece[] {
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
  const departmentKnown = !wantDepartment || out.some((p) => p.kind === "department");
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
  const words = splitQueryWords(text);
  let year: YearSpec = null;
  let topic: Topic | undefined;
  let basis: DisclosureBasis | null = null;
  let department: string | undefined;
  const rest: string[] = [];
  const unused: string[] = [];
  for (const w of words) {
    const b = BASIS_WORDS.get(w);
    if (b) {
      if (basis) unused.push(w);
      else basis = b;
      continue;
    }
    const y = parseYearWord(w);
    if (y) {
      if (year) unused.push(w);
      else year = y;
      continue;
    }
    const whole = topicOf(w);
    const pieces: Piece[] = whole
      ? [{ kind: "topic", text: w, topic: whole }]
      : cutWord(w, departments, department === undefined);
    for (const p of pieces) {
      if (p.kind === "filler") continue;
      if (p.kind === "compare") unused.push(p.text);
      else if (p.kind === "department") {
        if (department === undefined) department = p.text;
        else unused.push(p.text);
      } else if (p.kind === "topic") {
        const pb = BASIS_WORDS.get(p.text);
        const py = pb ? null : parseYearWord(p.text);
        if (pb) {
          if (basis) unused.push(p.text);
          else basis = pb;
        } else if (py) {
          if (year) unused.push(p.text);
          else year = py;
        } else if (!topic) topic = p.topic;
        else rest.push(p.text);
      } else if (p.kind === "subject" && !topic) topic = { kind: "subject", text: p.text };
      else rest.push(p.text);
    }
  }
  if (department === undefined) department = rest.shift();
  if (department === undefined) throw new UserError("请给出单位名称，例如 /budget 容东 2024 三公");
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
  return { department, year, topic: topic ?? { kind: "overview" }, basis, unused };
}
