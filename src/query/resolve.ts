/** Resolve a department fragment and a year spec against the catalog, asking back when ambiguous. */

import { UserError } from "../domain/errors.js";
import { clip } from "../domain/text.js";
import type { YearSpec } from "./budget-query.js";
import type { DepartmentEntry, DepartmentLexicon } from "./department.js";

/**
 * Resolve a department fragment or throw a UserError listing candidates / suggestions, each with
 * a button. `command` is the command name ("budget" → "/budget <全称>") or a function giving the
 * whole chat line to run for a chosen department (so the other arguments are kept).
 */
export function resolveDepartment(
  lexicon: DepartmentLexicon,
  fragment: string,
  command: string | ((name: string) => string),
  /** The year asked for: suggestions that have it come first, the others say which years they have. */
  year?: number,
): DepartmentEntry {
  const lineFor = typeof command === "string" ? (name: string) => `/${command} ${name}` : command;
  const choose = (ds: DepartmentEntry[]) =>
    ds.map((d) => ({ label: d.name, command: lineFor(d.name), kind: "choose" as const }));
  const r = lexicon.resolve(fragment);
  if (r.kind === "one") return r.department;
  if (r.kind === "many") {
    const shown = r.candidates.slice(0, 10);
    // The candidates are listed once: as the choice actions (buttons, or "name：command" lines in text).
    throw new UserError(
      `“${clip(fragment)}”匹配到 ${r.candidates.length} 个单位，请说得更具体些：`,
      r.candidates.length > shown.length ? [`（只列出前 ${shown.length} 个）`] : [],
      choose(shown),
    );
  }
  if (r.suggestions.length) {
    // Those that have the year asked for first; the others say which years they have.
    const has = (d: DepartmentEntry) => year === undefined || d.years.includes(year);
    const ranked = [...r.suggestions.filter(has), ...r.suggestions.filter((d) => !has(d))];
    throw new UserError(
      `没有找到单位“${clip(fragment)}”`,
      [ranked.some(has) ? "您是不是要找：" : `相近的单位都没有 ${year} 年的文件；您是不是要找：`],
      ranked.map((d) => ({
        label: has(d) ? d.name : `${d.name}（已收录 ${d.years.join("、") || "无年度"}）`,
        command:
          has(d) || year === undefined ? lineFor(d.name) : withYear(lineFor(d.name), d.name, year, d.years),
        kind: "choose" as const,
      })),
    );
  }
  const known = lexicon.all().slice(0, 10);
  throw new UserError(`没有找到单位“${clip(fragment)}”`, [
    "已收录的单位：",
    ...known.map((d) => `· ${d.name}`),
  ]);
}

/**
 * The chat line of a suggestion that lacks the year asked for: the asked year (`2024`, `2024年`)
 * becomes the suggestion's latest year, or is dropped when it has none, so pressing the button
 * answers instead of refusing the year. The department name itself is left as it is.
 */
export function withYear(line: string, name: string, asked: number, years: readonly number[]): string {
  const latest = years.length ? String(years[years.length - 1]) : "";
  const yearWord = new RegExp(`(?<!\\d)${asked}(?:年(?!度))?(?!\\d)`, "g");
  return line
    .split(name)
    .map((part) => part.replace(yearWord, latest))
    .join(name)
    .replace(/\s+/g, " ")
    .trim();
}

/** A resolved year and, when it is not the year the words named, the sentence saying so. */
export interface ResolvedYear {
  year: number | null;
  note?: string;
}

/** The words of a relative year, for saying which year was meant. */
const RELATIVE_WORDS = new Map<number, string>([
  [0, "今年"],
  [-1, "去年"],
  [-2, "前年"],
  [1, "明年"],
]);

/**
 * Turn a year spec into a disclosed year of the department (default: latest). An absolute year
 * not disclosed is a UserError listing the years there are; 今年/去年 not disclosed (the documents
 * of a year are published in its first months) answers the latest disclosed year and says so.
 */
export function resolveYearNoted(dept: DepartmentEntry, spec: YearSpec, now: Date): ResolvedYear {
  const years = dept.years;
  const latest = years.length ? (years[years.length - 1] as number) : null;
  if (!spec) return { year: latest };
  const year = spec.kind === "absolute" ? spec.year : now.getFullYear() + spec.offset;
  if (years.includes(year)) return { year };
  if (spec.kind === "relative" && latest !== null) {
    const word = RELATIVE_WORDS.get(spec.offset) ?? `${year}年`;
    return { year: latest, note: `${word}（${year}年）的预算尚未收录，以下为最近公开的 ${latest} 年` };
  }
  throw new UserError(`${dept.name} 没有 ${year} 年的预算公开文件`, [
    years.length ? `已收录年度：${years.join("、")}` : "该单位没有标明年度的文件",
  ]);
}

/** Turn a year spec into a disclosed year of the department (default: latest); see resolveYearNoted. */
export function resolveYear(dept: DepartmentEntry, spec: YearSpec, now: Date): number | null {
  return resolveYearNoted(dept, spec, now).year;
}
