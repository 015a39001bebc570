/** Resolve a department fragment and a year spec against the catalog, asking back when ambiguous. */
import { clip } from "../answers/format.js";
import { UserError } from "../commands/errors.js";
import type { YearSpec } from "./budget-query.js";
import type { DepartmentEntry, DepartmentLexicon } from "./department.js";

/** Resolve a department fragment or throw a UserError listing candidates / suggestions. */
export function resolveDepartment(
  lexicon: DepartmentLexicon,
  fragment: string,
  command: string,
): DepartmentEntry {
  const r = lexicon.resolve(fragment);
  if (r.kind === "one") return r.department;
  if (r.kind === "many") {
    throw new UserError(
      `“${clip(fragment)}”匹配到 ${r.candidates.length} 个单位，请说得更具体些：`,
      r.candidates.slice(0, 10).map((d) => `· ${d.name}（/${command} ${d.name}）`),
    );
  }
  const hints = r.suggestions.length
    ? ["您是不是要找：", ...r.suggestions.map((d) => `· ${d.name}`)]
    : [
        "已收录的单位：",
        ...lexicon
          .all()
          .slice(0, 10)
          .map((d) => `· ${d.name}`),
      ];
  throw new UserError(`没有找到单位“${clip(fragment)}”`, hints);
}

/** Turn a year spec into a disclosed year of the department (default: latest). */
export function resolveYear(dept: DepartmentEntry, spec: YearSpec, now: Date): number | null {
  const years = dept.years;
  if (!spec) return years.length ? (years[years.length - 1] as number) : null;
  const year = spec.kind === "absolute" ? spec.year : now.getFullYear() + spec.offset;
  if (!years.includes(year)) {
    throw new UserError(`${dept.name} 没有 ${year} 年的预算公开文件`, [
      years.length ? `已收录年度：${years.join("、")}` : "该单位没有标明年度的文件",
    ]);
  }
  return year;
}
