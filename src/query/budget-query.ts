/**
 * "/budget 容东 2024 三公" → { department fragment, year, topic }: arguments in any order,
 * full- or half-width, with or without 年, glued or spaced.
 */
import { UserError } from "../domain/errors.js";
import type { DisclosureBasis } from "../domain/types.js";
import { normalizeQuery } from "./normalize.js";
import { splitTrailingTopic, type Topic, topicOf } from "./topics.js";

/** A year as typed: an absolute year or relative to the clock. */
export type YearSpec = { kind: "absolute"; year: number } | { kind: "relative"; offset: number } | null;

/** The parsed, not yet resolved, /budget arguments. */
export interface BudgetQuery {
  department: string;
  year: YearSpec;
  topic: Topic;
  /** "决算" asks for the final accounts, "预算" for the budget; null when the query names neither. */
  basis: DisclosureBasis | null;
  /** Words that were neither department, year nor topic; used as a subject search. */
  extra: string[];
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

/** Parse /budget argument text. Throws UserError when no department is given. */
export function parseBudgetQuery(text: string): BudgetQuery {
  const words = splitQueryWords(text);
  let year: YearSpec = null;
  let topic: Topic | undefined;
  let basis: DisclosureBasis | null = null;
  const rest: string[] = [];
  for (const w of words) {
    const b = BASIS_WORDS.get(w);
    if (b && !basis) {
      basis = b;
      continue;
    }
    const y = parseYearWord(w);
    if (y && !year) {
      year = y;
      continue;
    }
    const t = topicOf(w);
    if (t && !topic) {
      topic = t;
      continue;
    }
    rest.push(w);
  }
  if (rest.length === 0) throw new UserError("请给出单位名称，例如 /budget 容东 2024 三公");
  let department = rest[0] as string;
  const extra = rest.slice(1);
  if (!topic) {
    const split = splitTrailingTopic(department);
    if (split && split.rest.length >= 2) {
      department = split.rest;
      topic = split.topic;
    }
  }
  if (!topic && extra.length > 0) topic = { kind: "subject", text: extra.join(" ") };
  else if (
    topic &&
    (topic.kind === "income" || topic.kind === "expense" || topic.kind === "basic") &&
    extra.length > 0
  ) {
    // "/budget 容东 2024 支出 212": expand one class of the classified table.
    topic = { kind: topic.kind, expand: extra.join("") };
  }
  return { department, year, topic: topic ?? { kind: "overview" }, basis, extra };
}
