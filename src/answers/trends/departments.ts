/**
 * Departments ranked by one headline figure: each department's figure with its source and its
 * share of the total of those stated (exact from 分), departments that do not state it listed
 * apart as 未列示 (or 不适用), never ranked as 0; figures printed in different units shown in one
 * unit with the conversion stated; differing scopes said, never compared silently. Pure.
 */
import { sumFen } from "../../domain/money.js";
import type {
  Disclosure,
  DisclosureBasis,
  Figure,
  FundScope,
  MoneyUnit,
  NotApplicableFact,
} from "../../domain/types.js";
import { conversionNotes, displayUnit, ratioBasisPoints } from "./exact.js";
import { departmentYears } from "./group.js";
import { type Measure, measureLabel, readMeasure, SCOPE_WORDS } from "./measure.js";

/** A department that states the figure. */
export interface RankedDepartment {
  rank: number;
  department: string;
  year: number | null;
  figure: Figure & { fen: number };
  /** Share of the total of the ranked figures, in basis points. */
  shareBasisPoints: number | null;
  scope: FundScope | null;
}

/** A department whose documents do not state the figure. */
export interface UnstatedDepartment {
  department: string;
  year: number | null;
  files: string[];
  /** Set when the document says the figure does not apply (不适用). */
  notApplicable: NotApplicableFact | null;
}

/** The result of `acrossDepartments`. */
export interface Ranking {
  measure: Measure;
  label: string;
  basis: DisclosureBasis;
  /** The year when every department's figure is of one year, else null (each row says its year). */
  year: number | null;
  unit: MoneyUnit;
  ranked: RankedDepartment[];
  /** Exact total of the ranked figures, in 分. */
  totalFen: number;
  notStated: UnstatedDepartment[];
  notes: string[];
}

/** Options: the year to rank (default each department's latest) and 预算 or 决算 (default 预算). */
export interface RankingOptions {
  year?: number;
  basis?: DisclosureBasis;
}

/** Rank the departments of `docs` by a headline figure (several documents of a year are combined). */
export function acrossDepartments(
  docs: readonly Disclosure[],
  measure: Measure,
  opts: RankingOptions = {},
): Ranking {
  const basis = opts.basis ?? "budget";
  const groups = departmentYears(docs).filter(
    (g) => g.basis === basis && (opts.year === undefined || g.year === opts.year),
  );
  // Each department's latest year (of the basis asked for).
  const latest = new Map<string, (typeof groups)[number]>();
  for (const g of groups) {
    const had = latest.get(g.department);
    if (!had || (g.year ?? 0) > (had.year ?? 0)) latest.set(g.department, g);
  }
  const stated: Array<Omit<RankedDepartment, "rank" | "shareBasisPoints">> = [];
  const notStated: UnstatedDepartment[] = [];
  let rowName: string | null = null;
  for (const g of latest.values()) {
    const r = readMeasure(g.view, measure);
    if (r.figure) rowName ??= r.name;
    if (r.figure && r.figure.fen !== null)
      stated.push({
        department: g.department,
        year: g.year,
        figure: r.figure as Figure & { fen: number },
        scope: r.scope,
      });
    else
      notStated.push({
        department: g.department,
        year: g.year,
        files: g.files,
        notApplicable: r.notApplicable,
      });
  }
  stated.sort((a, b) => b.figure.fen - a.figure.fen || a.department.localeCompare(b.department, "zh"));
  notStated.sort((a, b) => a.department.localeCompare(b.department, "zh"));
  const totalFen = sumFen(stated.map((d) => d.figure.fen)) ?? 0;
  const ranked = stated.map((d, i) => ({
    ...d,
    rank: i + 1,
    shareBasisPoints: ratioBasisPoints(d.figure.fen, totalFen),
  }));
  const years = new Set(ranked.map((d) => d.year));
  const unit = displayUnit(ranked.map((d) => d.figure));
  const scopes = [...new Set(ranked.flatMap((d) => (d.scope ? [d.scope] : [])))];
  const notes = [
    ...conversionNotes(
      ranked.map((d) => ({ label: d.department, figure: d.figure })),
      unit,
    ),
    ...(scopes.length > 1
      ? [
          `口径不同：${ranked
            .filter((d) => d.scope)
            .map((d) => `${d.department}为${SCOPE_WORDS[d.scope as FundScope]}`)
            .join("，")}；排名仅按所列金额，比较时请留意口径`,
        ]
      : []),
    ...(years.size > 1 ? ["各单位年度不同，以各行所列年度为准"] : []),
  ];
  return {
    measure,
    label: rowName ?? measureLabel(measure),
    basis,
    year: years.size === 1 ? ([...years][0] ?? null) : null,
    unit,
    ranked,
    totalFen,
    notStated,
    notes,
  };
}
