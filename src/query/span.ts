/**
 * The years a 历年 question covers and the year a 排名 ranks, resolved against the departments'
 * disclosed years; what was asked but is not there is said, never silently dropped.
 */
import { UserError } from "../domain/errors.js";
import type { YearSpec } from "./budget-query.js";
import type { DepartmentEntry } from "./department.js";
import type { Topic } from "./topics.js";

/** The years to read for a 历年 question and, when some asked years are not stored, the note. */
export interface YearsSpan {
  years: number[];
  note?: string;
}

/**
 * The years of a 历年 question: those named (2017-2019) that the department discloses, its latest
 * `last` (近三年), or every disclosed year.
 */
export function yearsAsked(dept: DepartmentEntry, topic: Extract<Topic, { kind: "years" }>): YearsSpan {
  const have = dept.years;
  if (have.length === 0) throw new UserError(`${dept.name} 没有标明年度的文件`);
  if (topic.years?.length) {
    const years = topic.years.filter((y) => have.includes(y));
    const missing = topic.years.filter((y) => !have.includes(y));
    if (years.length === 0)
      throw new UserError(`${dept.name} 没有 ${topic.years.join("、")} 年的文件`, [`已收录年度：${have.join("、")}`]);
    return {
      years,
      ...(missing.length ? { note: `未收录 ${missing.join("、")} 年的文件（已收录：${have.join("、")}）` } : {}),
    };
  }
  if (topic.last) {
    const years = have.slice(-topic.last);
    return {
      years,
      ...(years.length < topic.last ? { note: `只收录了 ${years.length} 个年度：${years.join("、")}` } : {}),
    };
  }
  return { years: [...have] };
}

/** The year a ranking ranks and, when it is not the year the words named, the sentence saying so. */
export interface RankingYear {
  year: number;
  note?: string;
}

/**
 * The year of a 排名: the one named (some department must disclose it); else the latest year every
 * named department discloses, or, over all departments, the latest year any discloses.
 */
export function rankingYear(
  spec: YearSpec,
  candidates: readonly DepartmentEntry[],
  named: boolean,
  now: Date,
): RankingYear {
  const all = [...new Set(candidates.flatMap((d) => d.years))].sort((a, b) => a - b);
  if (all.length === 0) throw new UserError("没有标明年度的文件，无法排名");
  const latest = all[all.length - 1] as number;
  if (spec) {
    const year = spec.kind === "absolute" ? spec.year : now.getFullYear() + spec.offset;
    if (all.includes(year)) return { year };
    if (spec.kind === "relative") return { year: latest, note: `${year}年的文件尚未收录，以下为 ${latest} 年` };
    throw new UserError(`没有单位收录 ${year} 年的文件`, [`已收录年度：${all.join("、")}`]);
  }
  const common = named ? all.filter((y) => candidates.every((d) => d.years.includes(y))) : [];
  const year = common.length ? (common[common.length - 1] as number) : latest;
  return { year, note: `未给出年度：按 ${year} 年排名` };
}
