/**
 * 资金支出计划 milestones: a plan label as printed ("3月底", "第一季度", "上半年", "9月30日") →
 * the calendar date it stands for in the document's year, and the milestones that fall in a
 * window of dates. Pure, no time zones: dates are calendar dates (year, month, day).
 */
import { NOT_STATED } from "../answers/format.js";
import { withSeparators } from "../domain/money.js";
import type { Disclosure, PlanPoint, Project } from "../domain/types.js";

/** A calendar date. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const CN_QUARTER = new Map<string, number>(
  Object.entries({ 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 }),
);

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Sortable number of a date: 20240331. */
export function dateKey(d: CalendarDate): number {
  return d.year * 10000 + d.month * 100 + d.day;
}

/** The same day one month later (clamped to the month's last day). */
export function addOneMonth(d: CalendarDate): CalendarDate {
  const year = d.month === 12 ? d.year + 1 : d.year;
  const month = d.month === 12 ? 1 : d.month + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

const endOfMonth = (year: number, month: number): CalendarDate => ({
  year,
  month,
  day: daysInMonth(year, month),
});

/**
 * The date a plan label stands for in `year`: N月底/N月末/N月 → last day of month N;
 * N月D日 → that day; 第X季度/X季度末 → last day of the quarter; 上半年 → 6月30日;
 * 下半年/全年/年底/年末 → 12月31日. Null for labels it cannot read.
 */
export function planLabelDate(label: string, year: number): CalendarDate | null {
  const t = label.replace(/[\s\u3000]+/g, "").replace(/[（(].*?[）)]/g, "");
  let m = /^(?:截至|截止)?(\d{1,2})月(\d{1,2})日(?:前)?$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return { year, month, day };
  }
  m = /^(?:截至|截止)?(?:\d{1,2}[-—~至])?(\d{1,2})月(?:底|末|份|前)?$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? endOfMonth(year, month) : null;
  }
  m = /^第?([一二三四1-4])季度(?:末|底)?$/.exec(t);
  if (m) return endOfMonth(year, (CN_QUARTER.get(m[1] as string) as number) * 3);
  if (/^上半年(?:末|底)?$/.test(t)) return endOfMonth(year, 6);
  if (/^(?:下半年|全年|年底|年末)$/.test(t)) return endOfMonth(year, 12);
  return null;
}

/** One plan point falling in a window. */
export interface Milestone {
  date: CalendarDate;
  project: Project;
  point: PlanPoint;
}

/** Plan points of a document whose date lies in [from, to] (inclusive), by date then project budget (largest first). */
export function milestonesBetween(doc: Disclosure, from: CalendarDate, to: CalendarDate): Milestone[] {
  if (doc.year === null) return [];
  const lo = dateKey(from);
  const hi = dateKey(to);
  const out: Milestone[] = [];
  for (const project of doc.projects) {
    for (const point of project.plan) {
      const date = planLabelDate(point.label, doc.year);
      if (!date) continue;
      const k = dateKey(date);
      if (k >= lo && k <= hi) out.push({ date, project, point });
    }
  }
  const budget = (p: Project) => p.budget?.fen ?? -1;
  return out.sort(
    (a, b) =>
      dateKey(a.date) - dateKey(b.date) ||
      budget(b.project) - budget(a.project) ||
      (a.project.seq ?? 0) - (b.project.seq ?? 0) ||
      a.project.line - b.project.line,
  );
}

/** The planned figure with its unit: "12.50 万元", "60%"; 未列示 for a blank cell. */
export function showPlanPoint(p: PlanPoint): string {
  const text = p.text.trim();
  if (text === "") return NOT_STATED;
  if (p.unit === "%") return /[%％]$/.test(text) ? text : `${text}%`;
  return `${withSeparators(text)} ${p.unit}`;
}
