/**
 * "/budget 容东 2024 三公" → { department fragment, year, topic }: arguments in any order,
 * full- or half-width, with or without 年, glued or spaced.
 */
import { UserError } from "../commands/errors.js";
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

const RELATIVE: Record<string, number> = { 今年: 0, 本年: 0, 去年: -1, 上年: -1, 前年: -2, 明年: 1 };

/** Split "容东2024三公" into ["容东", "2024", "三公"] at digit/non-digit boundaries for years. */
function splitWords(text: string): string[] {
  return text
    .split(" ")
    .flatMap((w) => w.split(/((?:19|20)\d{2}(?:年度|年)?)/))
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

/** Parse a year word, or null. */
export function parseYearWord(w: string): YearSpec {
  const m = /^((?:19|20)\d{2})(?:年度|年)?$/.exec(w);
  if (m) return { kind: "absolute", year: Number(m[1]) };
  const rel = RELATIVE[w.replace(/度$/, "")];
  return rel === undefined ? null : { kind: "relative", offset: rel };
}

/** The one word that picks 预算 or 决算. */
const BASIS_WORDS: Record<string, DisclosureBasis> = { 决算: "final", 预算: "budget" };

/** Parse /budget argument text. Throws UserError when no department is given. */
export function parseBudgetQuery(text: string): BudgetQuery {
  const words = splitWords(normalizeQuery(text));
  let year: YearSpec = null;
  let topic: Topic | undefined;
  let basis: DisclosureBasis | null = null;
  const rest: string[] = [];
  for (const w of words) {
    const b = BASIS_WORDS[w];
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
  return { department, year, topic: topic ?? { kind: "overview" }, basis, extra };
}
