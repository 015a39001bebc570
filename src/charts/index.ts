/** Charts: a platform-neutral ChartSpec and its SVG/PNG rendering (libraries loaded on first use). */

export {
  CHART_FONT_FAMILY,
  chartFontFile,
  type Raster,
  type RasterOptions,
  rasterizeSvg,
  renderChartPng,
  renderChartSvg,
} from "./render.js";
export {
  CHART_NOT_STATED,
  type ChartKind,
  type ChartSeries,
  type ChartSpec,
  footnoteLines,
  notStatedLabels,
  valueLabel,
} from "./spec.js";
