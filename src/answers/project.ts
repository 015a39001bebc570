/** /project answers: a ranked, paged list of matches, or one project's full detail. Pure. */

import type { ProjectRef } from "../catalog/catalog.js";
import { withSeparators } from "../domain/money.js";
import type { Place } from "../domain/place.js";
import { sourceAt, sourceLabel } from "../domain/places.js";
import type { MoneyUnit, PlanPoint, ProcurementRow, Source } from "../domain/types.js";
import type { Reply } from "../reply/reply.js";
import { clip, NOT_STATED, paginate, replySource, uniqueSources } from "./format.js";
import { commonUnit, formatFen, moneyTable, showAsPrinted } from "./units.js";

/** A source with its place when the document has one there. */
function withPlace(s: Source, place: Place | undefined): Source {
  return place ? { ...s, place } : s;
}

/** Projects per page in a result list. */
export const PROJECT_PAGE_SIZE = 10;

function planText(p: PlanPoint): string {
  if (p.text === "") return `${p.label} ${NOT_STATED}`;
  if (p.unit === "%") return `${p.label} ${p.text}${p.text.endsWith("%") ? "" : "%"}`;
  return `${p.label} ${withSeparators(p.text)}`;
}

/** The detail of one project: amounts, purpose, plan, goal, indicators, procurement rows. */
export function projectDetail(ref: ProjectRef, procurement: ProcurementRow[]): Reply {
  const p = ref.project;
  // Amounts as printed: the unit they share in the label, else each with its own.
  const amounts = [p.budget, p.fiscal, p.other].filter((f) => !!f);
  const unit = amounts.length ? commonUnit(amounts) : "万元";
  const fields = [
    { label: "单位", value: ref.department },
    { label: "年度", value: ref.year ? String(ref.year) : "未载明" },
    { label: "项目编码", value: p.code ?? NOT_STATED },
    { label: unit ? `预算数（${unit}）` : "预算数", value: showAsPrinted(p.budget, unit === null) },
    { label: "其中：财政资金", value: showAsPrinted(p.fiscal, unit === null) },
    { label: "其他资金", value: showAsPrinted(p.other, unit === null) },
  ];
  if (p.purpose) fields.push({ label: "资金用途", value: p.purpose });
  const stated = p.plan.filter((x) => x.text !== "");
  if (p.plan.length) {
    fields.push({
      label: `资金支出计划（${stated[0]?.unit ?? "万元"}）`,
      value: p.plan.map(planText).join("；"),
    });
  }
  const text: string[] = [];
  if (p.goal) text.push(`绩效目标：${p.goal}`);
  for (const r of procurement) {
    const amount = Object.values(r.amounts).find((v) => v) ?? null;
    text.push(
      `政府采购：${r.item ?? ""} ${r.catalogCode ?? ""} ${r.quantity ?? ""}${r.measureUnit ?? ""} ${amount ? `${withSeparators(amount.text)}${amount.unit}` : NOT_STATED}（${sourceLabel(r)}）`.replace(
        /\s+/g,
        " ",
      ),
    );
  }
  return {
    heading: `${p.name}（${ref.department} ${ref.year ?? ""}年）`,
    fields,
    text: text.length ? text : undefined,
    table: p.indicators.length
      ? {
          columns: [
            { header: "一级指标", align: "left" },
            { header: "二级指标", align: "left" },
            { header: "三级指标", align: "left" },
            { header: "指标值", align: "left" },
          ],
          rows: p.indicators.map((i) => [
            i.level1 ?? "",
            i.level2 ?? "",
            i.level3 ?? "",
            i.value ?? NOT_STATED,
          ]),
        }
      : undefined,
    notes: p.indicators.length ? undefined : ["该表未列示绩效指标"],
    // The project table, then each procurement row shown (its own table and line).
    sources: uniqueSources([
      sourceAt(ref, p.title, p.line),
      ...procurement.map((r) => {
        const amount = Object.values(r.amounts).find((v) => v);
        return amount ? withPlace({ ...amount.source, line: r.line }, r.place) : null;
      }),
    ]),
    kind: "answer",
  };
}

/** The matches of one year and the exact sum of their 预算数 (分), null when any states none. */
export interface YearSum {
  year: number | null;
  count: number;
  sum: number | null;
  /** The unit the matches' 预算数 are printed in (null when they differ); 万元 when absent. */
  unit?: MoneyUnit | null;
}

/** A ranked list of matches: one page of them (loaded by `load`), with "choose" actions for the rows shown. */
export async function projectList(opts: {
  query: string;
  /** Every matching project id, ranked. */
  ids: number[];
  load: (ids: number[]) => Promise<ProjectRef[]>;
  /** Exact sums of the matches' 预算数 in 分 per year (null when any states none); never added across years. */
  sums: YearSum[];
  page: number;
  commandFor: (page: number) => string;
  pageSize?: number;
}): Promise<Reply> {
  const { query, ids } = opts;
  const pagedIds = paginate(ids, opts.page, opts.commandFor, opts.pageSize ?? PROJECT_PAGE_SIZE);
  const paged = { ...pagedIds, rows: await opts.load(pagedIds.rows) };
  const yearName = (y: number | null) => (y === null ? "年度未载明" : `${y}年`);
  // Exact from 分, in the unit of the parts (万元 when they differ or the unit is not known).
  const sumText = (s: YearSum) =>
    s.sum === null ? "含未列示金额，不合计" : `${formatFen(s.sum, s.unit ?? "万元")} ${s.unit ?? "万元"}`;
  // Budgets of different years are not added up: one total per year, or one when all share a year.
  const sumNotes =
    opts.sums.length === 1
      ? [
          `全部结果均为${yearName(opts.sums[0]?.year ?? null)}，预算数合计 ${sumText(opts.sums[0] as YearSum)}`,
        ]
      : opts.sums.length > 1
        ? [
            `预算数按年度合计（不跨年相加）：${opts.sums.map((s) => `${yearName(s.year)} ${s.count} 个 ${sumText(s)}`).join("；")}`,
          ]
        : [];
  const budgets = paged.rows.map((r) => r.project.budget).filter((f) => !!f);
  const listUnit = budgets.length ? commonUnit(budgets) : "万元";
  return {
    heading: `项目搜索“${clip(query)}”：${ids.length} 个结果`,
    table: moneyTable(
      [
        { header: "单位", align: "left" },
        { header: "年度", align: "right" },
        { header: "编码", align: "left" },
        { header: "项目", align: "left" },
        { header: "预算数", align: "right" },
      ],
      paged.rows.map((r) => [
        r.department,
        r.year ? String(r.year) : "",
        r.project.code ?? NOT_STATED,
        r.project.name,
        { figure: r.project.budget ?? null },
      ]),
      undefined,
      { unitInHeader: false },
    ),
    notes: [
      ...paged.notice,
      listUnit ? `金额单位：${listUnit}；按相关度排序` : "金额单位见各行；按相关度排序",
      ...sumNotes,
      "查看详情：/project #编号 或点击按钮",
    ],
    sources: paged.rows.map((r) => replySource(sourceAt(r, r.project.title, r.project.line))),
    actions: [
      ...paged.rows.map((r) => ({
        label: `#${r.id} ${r.project.name}`.slice(0, 30),
        command: `/project #${r.id}`,
        kind: "choose" as const,
      })),
      ...paged.actions,
    ],
    page: paged.page,
    kind: "answer",
  };
}
