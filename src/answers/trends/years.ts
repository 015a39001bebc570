/**
 * One figure of one department across years: a column per year and basis (预算 and 决算 apart),
 * each figure with its own source, the change against the year before computed exactly from 分,
 * a year not disclosed shown as 未列示 (never 0), a year no document of ours covers filled from a
 * later document's 上年预算数/上年执行数 (marked as stated by that document), figures printed in
 * different units shown in one unit with the conversion stated, and a changed scope never compared
 * silently. Pure.
 */
import type { Disclosure, Figure, FundScope, MoneyUnit, NotApplicableFact } from "../../domain/types.js";
import { conversionNotes, displayUnit, ratioBasisPoints } from "./exact.js";
import { departmentYears } from "./group.js";
import { type Measure, measureLabel, priorReading, readMeasure, SCOPE_WORDS } from "./measure.js";

/** What a year's column holds: its 预算, its 决算, or the 执行数 a later document states. */
export type YearBasis = "budget" | "final" | "execution";

const BASIS_WORDS: Record<YearBasis, string> = { budget: "预算", final: "决算", execution: "执行数" };
const BASIS_ORDER: YearBasis[] = ["budget", "execution", "final"];

/** The change of a column against the column of the year before with the same basis. */
export interface YearChange {
  /** The column compared with ("2017年预算"). */
  against: string;
  /** Exact change in 分; null when not compared (see `why`). */
  fen: number | null;
  /** Change in basis points of the earlier figure; null when not compared or the earlier figure is 0. */
  basisPoints: number | null;
  /** Why no change is computed (the year before is 未列示, the scope changed), when none is. */
  why: string | null;
}

/** One column: a year and basis. */
export interface YearColumn {
  year: number;
  basis: YearBasis;
  /** "2017年预算". */
  label: string;
  /** The figure as printed; null = 未列示 (or 不适用 when `notApplicable` is set). */
  figure: Figure | null;
  notApplicable: NotApplicableFact | null;
  scope: FundScope | null;
  /** The files of the department-year read for this column; empty when none was given. */
  files: string[];
  /** Set when the figure is what a later document states for this year (上年预算数 / 上年执行数). */
  statedBy: { file: string; year: number } | null;
  change: YearChange | null;
}

/** The result of `acrossYears`. */
export interface YearsTable {
  department: string;
  measure: Measure;
  label: string;
  /** The one unit every figure is shown in. */
  unit: MoneyUnit;
  columns: YearColumn[];
  /** Notes in Chinese: conversions, scope changes, filled and missing years. */
  notes: string[];
}

const labelOf = (year: number, basis: YearBasis) => `${year}年${BASIS_WORDS[basis]}`;

function changeOf(prev: YearColumn | undefined, cur: YearColumn): YearChange | null {
  if (!prev || !cur.figure || cur.figure.fen === null) return null;
  const against = prev.label;
  if (!prev.figure || prev.figure.fen === null)
    return { against, fen: null, basisPoints: null, why: `${against}未列示` };
  if (prev.scope && cur.scope && prev.scope !== cur.scope)
    return {
      against,
      fen: null,
      basisPoints: null,
      why: `口径不同（${against}为${SCOPE_WORDS[prev.scope]}，${cur.label}为${SCOPE_WORDS[cur.scope]}），未计算增减`,
    };
  const fen = cur.figure.fen - prev.figure.fen;
  return { against, fen, basisPoints: ratioBasisPoints(fen, prev.figure.fen), why: null };
}

/**
 * One figure of one department across the years of `docs` (its documents: several per year are
 * combined). Docs of another department than the first are left out, and a note says so.
 */
export function acrossYears(docs: readonly Disclosure[], measure: Measure): YearsTable {
  const all = departmentYears(docs).filter((g) => g.year !== null);
  const department = all[0]?.department ?? "未知单位";
  const groups = all.filter((g) => g.department === department);
  const others = [...new Set(all.filter((g) => g.department !== department).map((g) => g.department))];
  const columns = new Map<string, YearColumn>();
  const key = (year: number, basis: YearBasis) => `${year}|${basis}`;
  let rowName: string | null = null;
  for (const g of groups) {
    const r = readMeasure(g.view, measure);
    rowName ??= r.name;
    const year = g.year as number;
    columns.set(key(year, g.basis), {
      year,
      basis: g.basis,
      label: labelOf(year, g.basis),
      figure: r.figure,
      notApplicable: r.notApplicable,
      scope: r.scope,
      files: g.files,
      statedBy: null,
      change: null,
    });
  }
  // A later document's 上年预算数 / 上年执行数 fills a year whose own document states none.
  for (const g of groups) {
    const prior = priorReading(g.view, measure);
    if (!prior || g.year === null) continue;
    const k = key(prior.year, prior.basis);
    const own = columns.get(k);
    if (own?.figure || own?.notApplicable) continue;
    columns.set(k, {
      year: prior.year,
      basis: prior.basis,
      label: labelOf(prior.year, prior.basis),
      figure: prior.figure,
      notApplicable: null,
      scope: prior.scope,
      files: own?.files ?? [],
      statedBy: { file: prior.figure.source.file, year: g.year },
      change: null,
    });
  }
  // Every year between the first and the last, for each basis shown: a year not disclosed is 未列示.
  const years = [...columns.values()].map((c) => c.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  for (const basis of BASIS_ORDER.filter((b) => b !== "execution")) {
    if (![...columns.values()].some((c) => c.basis === basis)) continue;
    for (let y = first; y <= last; y++)
      if (!columns.has(key(y, basis)))
        columns.set(key(y, basis), {
          year: y,
          basis,
          label: labelOf(y, basis),
          figure: null,
          notApplicable: null,
          scope: null,
          files: [],
          statedBy: null,
          change: null,
        });
  }
  const ordered = [...columns.values()].sort(
    (a, b) => a.year - b.year || BASIS_ORDER.indexOf(a.basis) - BASIS_ORDER.indexOf(b.basis),
  );
  for (const c of ordered) {
    if (c.basis === "execution") continue;
    c.change = changeOf(columns.get(key(c.year - 1, c.basis)), c);
  }
  const unit = displayUnit(ordered.map((c) => c.figure));
  const notes = [
    ...conversionNotes(ordered, unit),
    ...ordered.flatMap((c) => (c.change?.why?.startsWith("口径不同") ? [`${c.label}：${c.change.why}`] : [])),
    ...ordered.flatMap((c) =>
      c.statedBy
        ? [
            `${c.label}取自 ${c.statedBy.year}年文件 ${c.statedBy.file} 所列上年${BASIS_WORDS[c.basis]}（标 *）`,
          ]
        : [],
    ),
    ...ordered.flatMap((c) =>
      c.figure || c.notApplicable
        ? []
        : [
            c.files.length
              ? `${c.label}：${c.files.join("、")} 未列示该项`
              : `${c.label}：未收录该年文件，未列示`,
          ],
    ),
    ...(others.length ? [`另有其他单位的文件未计入：${others.join("、")}`] : []),
  ];
  return { department, measure, label: rowName ?? measureLabel(measure), unit, columns: ordered, notes };
}
