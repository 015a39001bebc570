/**
 * The chart part of a Reply as data (issue 21): what a reply asks to be drawn, in exact integer 分.
 * charts/ draws it; each platform's renderer sends the picture.
 */
import type { MoneyUnit } from "../domain/types.js";

/**
 * What the chart shows: amounts per year (预算 beside 决算), parts of a whole (收入 by source,
 * 支出 by 功能分类 类, 基本/项目), departments ranked by one figure, or 三公 beside its parts.
 */
export type ChartKind = "bars-by-year" | "composition" | "ranking" | "parts";

/** One series of values, one per category; null = not stated (未列示), never drawn as 0. */
export interface ChartSeries {
  /** Legend name, e.g. "预算", "决算"; empty when the chart has one series. */
  name: string;
  /** Exact integer 分 per category, in the order of `categories`. */
  values: Array<number | null>;
}

export interface ChartSpec {
  kind: ChartKind;
  /** Title drawn on the chart, e.g. "江苏省政协办公厅 “三公”经费 历年". */
  title: string;
  /** The one unit every value is shown in (labels are exact in it). */
  unit: MoneyUnit;
  /** The source line drawn under the chart, e.g. "来源：…2019年预算公开表.pdf 第9页". */
  source: string;
  /** Category labels (years, parts, departments), in drawing order. */
  categories: string[];
  series: ChartSeries[];
  /** Extra footnotes (a unit conversion, a scope change). */
  notes?: string[];
}
