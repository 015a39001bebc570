/**
 * The weekly summary of a subscription as one Reply: per department in scope, the latest year's
 * headline figures with the change against the previous year (when both are ingested), 资金支出计划
 * milestones in the coming month, documents ingested or changed since the last summary and the
 * document's own inconsistencies; the five largest projects by 预算数 in the table. Sections with
 * nothing to say are left out; figures the document does not state show 未列示; every figure's
 * source is listed; one chart (支出总计 ranked, beside the year before, or 基本/项目支出). Pure apart from reading the catalog (async: the store's ports are).
 */
import { NOT_STATED, uniqueSources } from "../answers/format.js";
import { type Cell, moneyTable, showAsPrinted } from "../answers/units.js";
import type { Services } from "../commands/services.js";
import { sourceAt } from "../domain/places.js";
import type { Disclosure, Figure, Project, Source } from "../domain/types.js";
import { aliasesOf, type DepartmentEntry } from "../query/department.js";
import type { ChartSpec } from "../reply/chart.js";
import type { Reply, ReplyColumn } from "../reply/reply.js";
import {
  acrossDepartments,
  acrossYears,
  compositionChart,
  rankingChart,
  yearsChart,
} from "../answers/trends/index.js";
import type { DocumentInfo, Subscription } from "../store/ports.js";
import { changeText, HEADLINE_KEYS, HEADLINE_LABELS, headlineFigures } from "./figures.js";
import {
  addOneMonth,
  type CalendarDate,
  type Milestone,
  milestonesBetween,
  showPlanPoint,
} from "./milestones.js";
import { formatZoned, formatZonedDate, zonedTime } from "./schedule.js";

/** How many projects the table lists per department. */
export const TOP_PROJECTS = 5;
/** How many milestones are listed per department (the rest are counted). */
export const MAX_MILESTONES = 8;
/** How many inconsistencies are listed per department (the rest are counted). */
export const MAX_FINDINGS = 5;

/** What a summary covers: a stored subscription, or an ad-hoc scope for previews. */
export type DigestScope = Pick<Subscription, "departments" | "timezone"> & { id?: number };

/** When the summary is made and what changed since the last one. */
export interface DigestOptions {
  /** Time of the previous summary of this subscription; null for the first (no "changed" section). */
  since: Date | null;
  now: Date;
  /** Stored documents (the store's documents()) for the "ingested or changed" section. */
  documents?: DocumentInfo[];
}

/** The shortest alias of a department name, for table cells ("容东"). */
export function shortName(name: string): string {
  const aliases = aliasesOf(name).filter((a) => a.length >= 2);
  return aliases.sort((a, b) => a.length - b.length)[0] ?? name;
}

/** "19,243.37 万元", "156,211,123 元" (as printed, separated like every answer, in its own unit) or "未列示". */
function amount(f: Figure | null): string {
  return showAsPrinted(f, true);
}

/** Calendar date of an instant in a zone. */
function today(now: Date, timezone: string): CalendarDate {
  const z = zonedTime(now, timezone);
  return { year: z.year, month: z.month, day: z.day };
}

/** The departments in scope: the named ones that still have documents, or all. */
async function scopeDepartments(
  services: Services,
  scope: DigestScope,
): Promise<{ found: DepartmentEntry[]; missing: string[] }> {
  const all = await services.catalog.departments();
  if (scope.departments.length === 0) return { found: all, missing: [] };
  const found: DepartmentEntry[] = [];
  const missing: string[] = [];
  for (const name of scope.departments) {
    const d = all.find((x) => x.name === name);
    if (d) found.push(d);
    else missing.push(name);
  }
  return { found, missing };
}

/** The latest disclosure of a department and the one of the year before, when ingested. */
async function latestPair(
  services: Services,
  dept: DepartmentEntry,
): Promise<{ doc: Disclosure | null; prev: Disclosure | null }> {
  const year = dept.years.length ? (dept.years[dept.years.length - 1] as number) : null;
  const doc = await services.catalog.disclosure(dept.name, year);
  // The year before on the same basis: a 决算 is never compared with a 预算.
  const basis = doc?.basis ?? "budget";
  const prev =
    year !== null &&
    dept.years.includes(year - 1) &&
    (await services.catalog.bases(dept.name, year - 1)).includes(basis)
      ? await services.catalog.disclosure(dept.name, year - 1, basis)
      : null;
  return { doc, prev };
}

/** What one department contributes to the summary. */
interface Section {
  lines: string[];
  rows: Cell[][];
  warnings: string[];
  sources: Array<Source | null | undefined>;
  notStated: boolean;
}

function headlineLines(doc: Disclosure, prev: Disclosure | null, s: Section): void {
  const cur = headlineFigures(doc);
  if (HEADLINE_KEYS.every((k) => cur[k] === null)) return;
  const before = prev ? headlineFigures(prev) : null;
  const prevYear = (doc.year ?? 0) - 1;
  s.lines.push(`预算总数（${doc.year ?? "年度未载明"}年）：`);
  for (const k of HEADLINE_KEYS) {
    const change = before ? (changeText(cur[k], before[k], prevYear) ?? unstatedChange(cur[k], before[k], prevYear)) : null;
    s.lines.push(`${HEADLINE_LABELS[k]}：${amount(cur[k])}${change ? `，${change}` : ""}`);
    if (cur[k] === null) s.notStated = true;
    s.sources.push(cur[k]?.source);
    if (change) s.sources.push(before?.[k]?.source);
  }
}

/** The change that cannot be computed because one of the two years does not state the figure. */
function unstatedChange(current: Figure | null, previous: Figure | null, previousYear: number): string {
  const which = [
    ...(previous?.fen == null ? [`${previousYear}年`] : []),
    ...(current?.fen == null ? ["本年"] : []),
  ].join("、");
  return `较${previousYear}年增减：${NOT_STATED}（${which}${NOT_STATED}）`;
}

/**
 * The one chart of a summary: several departments ranked by 支出总计 (their latest 预算); one
 * department's 支出总计 beside the year before when both are stored; else its 基本/项目支出.
 */
function digestChart(pairs: Array<{ doc: Disclosure; prev: Disclosure | null }>): ChartSpec | null {
  const total = { kind: "headline", key: "expense.total" } as const;
  if (pairs.length > 1) {
    const budgets = pairs.map((p) => p.doc).filter((d) => (d.basis ?? "budget") === "budget");
    return budgets.length > 1 ? rankingChart(acrossDepartments(budgets, total)) : null;
  }
  const only = pairs[0];
  if (!only) return null;
  if (only.prev) return yearsChart(acrossYears([only.prev, only.doc], total));
  return compositionChart(only.doc, "basic-project");
}

function projectSource(p: Project, doc: Disclosure, line?: number): Source {
  return sourceAt(doc, p.budget?.source.section ?? p.title, line ?? p.line);
}

function milestoneLines(doc: Disclosure, now: Date, timezone: string, s: Section): void {
  const from = today(now, timezone);
  const found: Milestone[] = milestonesBetween(doc, from, addOneMonth(from));
  if (found.length === 0) return;
  s.lines.push("未来一个月的资金支出计划节点：");
  for (const m of found.slice(0, MAX_MILESTONES)) {
    s.lines.push(
      `· ${m.date.month}月${m.date.day}日（计划「${m.point.label}」）${m.project.name}：${showPlanPoint(m.point)}` +
        `（预算数 ${amount(m.project.budget)}）`,
    );
    if (m.point.text.trim() === "" || !m.project.budget) s.notStated = true;
    s.sources.push(projectSource(m.project, doc, m.point.line));
  }
  if (found.length > MAX_MILESTONES)
    s.lines.push(`…另有 ${found.length - MAX_MILESTONES} 个节点（/project 查看项目）`);
}

function changedDocumentLines(dept: string, opts: DigestOptions, timezone: string, s: Section): void {
  if (!opts.since || !opts.documents) return;
  const since = opts.since.getTime();
  const docs = opts.documents.filter((d) => d.department.name === dept && Date.parse(d.updatedAt) > since);
  if (docs.length === 0) return;
  s.lines.push("上次周报以来新导入或更新的文件：");
  for (const d of docs) {
    const what = Date.parse(d.ingestedAt) > since ? "新导入" : "已更新";
    s.lines.push(
      `· ${d.file}（${d.year ?? "年度未载明"}年，${what}于 ${formatZoned(new Date(d.updatedAt), timezone)}）`,
    );
  }
}

function topProjectRows(doc: Disclosure, dept: string, multi: boolean, s: Section): void {
  const ranked = doc.projects
    .filter((p) => p.budget?.fen != null)
    .sort((a, b) => (b.budget?.fen as number) - (a.budget?.fen as number) || a.line - b.line)
    .slice(0, TOP_PROJECTS);
  for (const p of ranked) {
    s.rows.push([...(multi ? [shortName(dept)] : []), p.name, { figure: p.budget ?? null }]);
    s.sources.push(p.budget?.source);
  }
}

async function findingLines(
  services: Services,
  doc: Disclosure,
  dept: string,
  multi: boolean,
  s: Section,
): Promise<void> {
  const findings = await services.findings(doc);
  if (findings.length === 0) return;
  const prefix = multi ? `${shortName(dept)}：` : "";
  for (const f of findings.slice(0, MAX_FINDINGS)) s.warnings.push(`${prefix}${f.message}`);
  if (findings.length > MAX_FINDINGS) {
    const check = ["/check", shortName(dept), doc.year ?? ""].join(" ").trim();
    s.warnings.push(
      `${prefix}文件自身不一致共 ${findings.length} 处，另有 ${findings.length - MAX_FINDINGS} 处未列出（${check}）`,
    );
  }
}

/** Build the summary Reply of a subscription (or ad-hoc scope) at `opts.now`. */
export async function buildDigest(
  services: Services,
  scope: DigestScope,
  opts: DigestOptions,
): Promise<Reply> {
  const { found, missing } = await scopeDepartments(services, scope);
  const multi = found.length > 1;
  const text: string[] = [];
  const rows: Cell[][] = [];
  const warnings: string[] = [];
  const sources: Array<Source | null | undefined> = [];
  let notStated = false;
  const pairs: Array<{ doc: Disclosure; prev: Disclosure | null }> = [];
  for (const dept of found) {
    const { doc, prev } = await latestPair(services, dept);
    if (doc) pairs.push({ doc, prev });
    const s: Section = { lines: [], rows: [], warnings: [], sources: [], notStated: false };
    if (doc) {
      headlineLines(doc, prev, s);
      // Before the milestones, so a project is cited at its 预算数 line.
      topProjectRows(doc, dept.name, multi, s);
      milestoneLines(doc, opts.now, scope.timezone, s);
    }
    changedDocumentLines(dept.name, opts, scope.timezone, s);
    if (doc) await findingLines(services, doc, dept.name, multi, s);
    if (s.lines.length === 0 && s.rows.length === 0 && s.warnings.length === 0) continue;
    // Departments with only table rows or warnings need no paragraph of their own.
    if (s.lines.length)
      text.push([`【${dept.name}${doc?.year ? ` ${doc.year}年` : ""}】`, ...s.lines].join("\n"));
    rows.push(...s.rows);
    warnings.push(...s.warnings);
    sources.push(...s.sources);
    notStated ||= s.notStated;
  }
  for (const name of missing) text.push(`【${name}】已没有已导入的文件，请检查订阅（/subscriptions）`);
  if (text.length === 0 && rows.length === 0 && warnings.length === 0) text.push("本期没有可报告的内容。");
  const where =
    scope.departments.length === 0
      ? `全部 ${found.length} 个单位`
      : found.map((d) => d.name).join("、") || scope.departments.join("、");
  const columns: ReplyColumn[] = [
    ...(multi ? [{ header: "单位", align: "left" as const }] : []),
    { header: "预算数最大的项目", align: "left" },
    { header: "预算数", align: "right" },
  ];
  const chart = digestChart(pairs);
  const notes: string[] = [];
  if (notStated) notes.push(`${NOT_STATED}：文件未载明该数字`);
  if (scope.id !== undefined) notes.push(`订阅编号 ${scope.id}，退订：/unsubscribe ${scope.id}`);
  return {
    heading: `预算周报 · ${where} · ${formatZonedDate(opts.now, scope.timezone)}`,
    text,
    // 预算数 as printed; the unit in the header when all share one (预算数（万元）), else per cell.
    table: rows.length ? moneyTable(columns, rows) : undefined,
    warnings: warnings.length ? warnings : undefined,
    notes: notes.length ? notes : undefined,
    sources: uniqueSources(sources),
    ...(chart ? { chart } : {}),
    kind: "answer",
  };
}
