/**
 * Trends and rankings as replies (table + notes + sources, see reply/reply.ts) and as charts
 * (charts/spec.ts): every figure in the result's one unit, exact from 分; 未列示 and 不适用 shown
 * as such; each figure cited to its own file and page. Pure.
 */
import { NOT_STATED } from "../format.js";
import { citeSources } from "../sources.js";
import { formatFen } from "../units.js";
import type { ChartSpec } from "../../reply/chart.js";
import type { Source } from "../../domain/types.js";
import type { Reply, ReplySource } from "../../reply/reply.js";
import type { Ranking } from "./departments.js";
import { percentText, signedAmount } from "./exact.js";
import type { YearBasis, YearColumn, YearsTable } from "./years.js";

const NOT_APPLICABLE = "不适用";
const EXACT_NOTE = "增减、占比按分精确计算，百分比四舍五入至 0.01%";
const NOT_STATED_NOTE = "未列示 = 文件未载明，不按 0 计算";

/** A source line for a chart: each file with its pages ("来源：a.pdf 第9页；b.pdf 第11页"). */
export function chartSourceLine(sources: ReplySource[]): string {
  return `来源：${sources.map((s) => `${s.file} ${s.where ?? `第${s.line}行`}`).join("；") || "—"}`;
}

function sourcesOf(figures: Array<{ source: Source } | null>): ReplySource[] {
  return citeSources(figures.map((f) => f?.source));
}

function amountCell(c: YearColumn, unit: YearsTable["unit"]): string {
  if (c.notApplicable) return NOT_APPLICABLE;
  if (!c.figure || c.figure.fen === null) return NOT_STATED;
  return `${formatFen(c.figure.fen, unit)}${c.statedBy ? "*" : ""}`;
}

/** The across-years table as a reply: a column per year and basis, rows amount / change / percentage. */
export function yearsReply(t: YearsTable): Reply {
  const cols = t.columns;
  const reply: Reply = {
    heading: `${t.department} ${t.label} 历年（${t.unit}）`,
    table: {
      columns: [
        { header: "项目", align: "left" },
        ...cols.map((c) => ({ header: c.label, align: "right" as const })),
      ],
      rows: [
        [t.label, ...cols.map((c) => amountCell(c, t.unit))],
        [
          "比上年增减",
          ...cols.map((c) => (c.change?.fen != null ? signedAmount(c.change.fen, t.unit) : "—")),
        ],
        [
          "增减率",
          ...cols.map((c) => (c.change?.basisPoints != null ? percentText(c.change.basisPoints) : "—")),
        ],
      ],
    },
    notes: [...t.notes, EXACT_NOTE, NOT_STATED_NOTE],
    sources: sourcesOf(cols.map((c) => c.figure)),
    kind: "answer",
  };
  reply.chart = yearsChart(t, reply.sources ?? []);
  return reply;
}

const SERIES_NAMES: Record<YearBasis, string> = { budget: "预算", execution: "上年执行数", final: "决算" };

/** The across-years chart: bars per year, 预算 beside 决算 (and a later document's 执行数). */
export function yearsChart(
  t: YearsTable,
  sources: ReplySource[] = sourcesOf(t.columns.map((c) => c.figure)),
): ChartSpec {
  const years = [...new Set(t.columns.map((c) => c.year))];
  const bases = (["budget", "execution", "final"] as YearBasis[]).filter((b) =>
    t.columns.some((c) => c.basis === b),
  );
  return {
    kind: "bars-by-year",
    title: `${t.department} ${t.label} 历年`,
    unit: t.unit,
    source: chartSourceLine(sources),
    categories: years.map((y) => `${y}年`),
    series: bases.map((b) => ({
      name: SERIES_NAMES[b],
      values: years.map((y) => t.columns.find((c) => c.year === y && c.basis === b)?.figure?.fen ?? null),
    })),
    notes: t.notes.filter((n) => /换算|口径|取自/.test(n)),
  };
}

function rankingTitle(r: Ranking): string {
  const basis = r.basis === "final" ? "决算" : "预算";
  return `${r.label} ${r.year === null ? `各单位最新年度${basis}` : `${r.year}年${basis}`} 排名`;
}

/** The ranking as a reply: rank, department, year, figure, share; 未列示 departments listed apart. */
export function rankingReply(r: Ranking): Reply {
  const unstated = r.notStated.filter((d) => !d.notApplicable);
  const na = r.notStated.filter((d) => d.notApplicable);
  const reply: Reply = {
    heading: `${rankingTitle(r)}（${r.unit}）`,
    table: {
      columns: [
        { header: "排名", align: "right" },
        { header: "单位", align: "left" },
        { header: "年度", align: "right" },
        { header: r.label, align: "right" },
        { header: "占合计", align: "right" },
      ],
      rows: r.ranked.map((d) => [
        String(d.rank),
        d.department,
        d.year === null ? "—" : String(d.year),
        formatFen(d.figure.fen, r.unit),
        d.shareBasisPoints === null ? "—" : percentText(d.shareBasisPoints),
      ]),
      totals: r.ranked.length
        ? [["", `合计（${r.ranked.length} 个单位）`, "", formatFen(r.totalFen, r.unit), ""]]
        : undefined,
    },
    notes: [
      ...(unstated.length
        ? [
            `${NOT_STATED}（未排名）：${unstated.map((d) => `${d.department}（${d.files.join("、")}）`).join("、")}`,
          ]
        : []),
      ...(na.length
        ? [
            `${NOT_APPLICABLE}（未排名）：${na.map((d) => `${d.department}：${d.notApplicable?.sentence}`).join("；")}`,
          ]
        : []),
      ...r.notes,
      EXACT_NOTE,
      NOT_STATED_NOTE,
    ],
    sources: sourcesOf(r.ranked.map((d) => d.figure)),
    kind: "answer",
  };
  reply.chart = rankingChart(r, reply.sources ?? []);
  return reply;
}

/** The ranking chart: departments as horizontal bars, largest first (未列示 ones in the footnote). */
export function rankingChart(
  r: Ranking,
  sources: ReplySource[] = sourcesOf(r.ranked.map((d) => d.figure)),
): ChartSpec {
  const missing = r.notStated.filter((d) => !d.notApplicable);
  return {
    kind: "ranking",
    title: rankingTitle(r),
    unit: r.unit,
    source: chartSourceLine(sources),
    categories: r.ranked.map((d) => d.department),
    series: [{ name: "", values: r.ranked.map((d) => d.figure.fen) }],
    // Departments not stating it are named apart, never drawn as an empty (0) bar.
    notes: [
      ...(missing.length ? [`${NOT_STATED}（未排名）：${missing.map((d) => d.department).join("、")}`] : []),
      ...r.notes,
    ],
  };
}
