/**
 * Last-resort document facts: the year printed in the standard tables' titles, and the department
 * and year in the file's name, for files whose pages do not state them (a tables-only PDF headed
 * `部门：…` without a year; a 说明 whose cover lost its title). Governments name their files after
 * the publisher and year (`江苏省政协办公厅2019年预算公开表.pdf`), so the name is better than nothing,
 * and ingest says so in a warning.
 */
import path from "node:path";

const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/;

/** The year most of the given table titles print (`2023年部门财务收支预算总表`), or null. */
export function yearOfTitles(titles: string[]): number | null {
  const counts = new Map<number, number>();
  for (const t of titles) {
    const m = /(?<!\d)((?:19|20)\d{2})\s*年/.exec(t);
    if (m) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = y;
  return best;
}

/** Words that follow the publisher's name in a disclosure's file name. */
const AFTER_NAME = /(?:(?:19|20)\d{2}|年度|部门预算|单位预算|部门决算|单位决算|预算|决算|公开|情况说明).*$/;

/** Department and year as the file name states them; null where it does not. */
export function factsFromFileName(file: string): { name: string | null; year: number | null } {
  const base = path.basename(file).replace(/\.[A-Za-z0-9]{1,5}$/, "");
  const y = YEAR.exec(base);
  const name = base
    .replace(AFTER_NAME, "")
    .replace(/^[\d\s_.\-、]+/, "")
    .trim();
  return {
    name: /^[\u4e00-\u9fff（）()]{3,}$/.test(name) ? name : null,
    year: y ? Number(y[1]) : null,
  };
}
