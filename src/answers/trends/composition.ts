/**
 * Charts of one department-year: the parts of a whole (收入 by source, 支出 by 功能分类 类,
 * 基本/项目支出) and “三公”经费 beside its three parts, read through the shared readers
 * (domain/lookup.ts, domain/table-figures.ts). A part not stated is left out of the drawing and
 * named 未列示 in the footnote. Pure.
 */
import { citeSources } from "../sources.js";
import type { ChartSpec } from "../../reply/chart.js";
import { rowNamed, tableOf, tableOrFact } from "../../domain/lookup.js";
import { functionClasses, type TableTopic } from "../../domain/table-figures.js";
import { squash } from "../../domain/text.js";
import type { Disclosure, Figure, StandardRow } from "../../domain/types.js";
import { displayUnit } from "./exact.js";
import { departmentOf } from "./group.js";
import { chartSourceLine } from "./present.js";

/** What a composition chart splits: 收入 by source, 支出 by 功能分类 类, or 基本/项目支出. */
export type CompositionOf = "income" | "classes" | "basic-project";

const TITLES: Record<CompositionOf, string> = {
  income: "收入构成",
  classes: "支出构成（按功能分类 类）",
  "basic-project": "支出构成（基本支出/项目支出）",
};

function chartOf(
  doc: Disclosure,
  kind: ChartSpec["kind"],
  title: string,
  parts: Array<[string, Figure | null]>,
): ChartSpec | null {
  if (!parts.some(([, f]) => f && f.fen !== null)) return null;
  const figures = parts.map(([, f]) => f);
  return {
    kind,
    title: `${departmentOf(doc)} ${doc.year ?? ""}年${doc.basis === "final" ? "决算" : "预算"} ${title}`,
    unit: displayUnit(figures),
    source: chartSourceLine(citeSources(figures.map((f) => f?.source))),
    categories: parts.map(([label]) => label),
    series: [{ name: "", values: figures.map((f) => f?.fen ?? null) }],
  };
}

/** A row's first stated amount (合计 comes first where printed). */
const firstStated = (r: StandardRow): Figure | null => Object.values(r.values).find((v) => v) ?? null;

const cleanName = (name: string) => squash(name).replace(/^(?:[一二三四五六七八九十]+、|\d+[.、．])/, "");

function incomeParts(doc: Disclosure): Array<[string, Figure | null]> {
  const t = tableOf(doc, "收支总表");
  const rows = (t?.rows ?? []).filter((r) => r.side === "收入" && r.level === 1);
  const carry = rowNamed(t, /^([一二三四五六七八九十]+、)?上年结转/, "收入");
  return [...rows, ...(carry ? [carry] : [])].map((r) => [cleanName(r.name), firstStated(r)]);
}

/** A composition chart of one department-year, or null when it states none of the parts. */
export function compositionChart(doc: Disclosure, of: CompositionOf): ChartSpec | null {
  const parts: Array<[string, Figure | null]> =
    of === "income"
      ? incomeParts(doc)
      : of === "classes"
        ? functionClasses(doc.tables).map(({ row }) => [cleanName(row.name), firstStated(row)])
        : [
            ["基本支出", tableOrFact(doc, "expense.basic")],
            ["项目支出", tableOrFact(doc, "expense.project")],
            ...(tableOrFact(doc, "expense.reserve")
              ? [["单位预留机动经费", tableOrFact(doc, "expense.reserve")] as [string, Figure | null]]
              : []),
          ];
  return chartOf(doc, "composition", TITLES[of], parts);
}

const SANGONG_PARTS: Array<[string, TableTopic]> = [
  ["“三公”经费合计", "sangong.total"],
  ["因公出国（境）费", "sangong.abroad"],
  ["公务用车购置及运行维护费", "sangong.vehicle"],
  ["公务接待费", "sangong.reception"],
];

/** “三公”经费 and its three parts of one department-year, or null when it states none. */
export function sangongPartsChart(doc: Disclosure): ChartSpec | null {
  return chartOf(
    doc,
    "parts",
    "“三公”经费及其构成",
    SANGONG_PARTS.map(([label, topic]) => [label, tableOrFact(doc, topic)]),
  );
}
