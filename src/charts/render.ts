/**
 * ChartSpec → SVG (ECharts server-side rendering) → PNG (resvg with the bundled CJK font). Both
 * libraries are loaded on first use only (dynamic import), so answering text never loads them.
 * No browser, no system fonts: Chinese is drawn from the Noto Sans SC TTF npm installs.
 */
import { createRequire } from "node:module";
import type { MoneyUnit } from "../domain/types.js";
import { percentText, ratioBasisPoints } from "../domain/ratio.js";
import { type ChartSpec, footnoteLines, valueLabel } from "./spec.js";

/** The font family name inside the bundled TTF; every text of a chart uses it. */
export const CHART_FONT_FAMILY = "Noto Sans SC";

/** The bundled CJK font file (resolved from node_modules; resvg reads TTF/OTF, not woff2). */
export function chartFontFile(): string {
  return createRequire(import.meta.url).resolve("@expo-google-fonts/noto-sans-sc/NotoSansSC_400Regular.ttf");
}

const WIDTH = 800;
const FOOT_LINE = 18;
const FEN_PER: Record<MoneyUnit, number> = { 元: 100, 万元: 1_000_000, 亿元: 10_000_000_000 };
const COLORS = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#76b7b2",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
];

/** A value on the axis (a number, for drawing only); the printed label stays exact. */
const axisValue = (fen: number | null, unit: MoneyUnit) => (fen === null ? null : fen / FEN_PER[unit]);

function height(spec: ChartSpec): number {
  const foot = footnoteLines(spec).length * FOOT_LINE + 16;
  if (spec.kind === "ranking") return 90 + Math.max(3, spec.categories.length) * 34 + foot;
  return 420 + foot;
}

/** The ECharts option of a spec (no animation: one static frame). */
export function chartOption(spec: ChartSpec, h: number): Record<string, unknown> {
  const foot = footnoteLines(spec);
  const footTop = h - foot.length * FOOT_LINE - 8;
  const common = {
    animation: false,
    backgroundColor: "#ffffff",
    color: COLORS,
    textStyle: { fontFamily: CHART_FONT_FAMILY },
    title: {
      text: spec.title,
      left: "center",
      top: 12,
      textStyle: { fontFamily: CHART_FONT_FAMILY, fontSize: 18 },
    },
    graphic: foot.map((text, i) => ({
      type: "text",
      left: 16,
      top: footTop + i * FOOT_LINE,
      style: { text, fontSize: 12, fill: "#555", fontFamily: CHART_FONT_FAMILY },
    })),
  };
  const bottom = h - footTop + 12;
  const label = (values: Array<number | null>) => ({
    show: true,
    fontFamily: CHART_FONT_FAMILY,
    formatter: (p: { dataIndex: number }) => {
      const v = values[p.dataIndex];
      return v === null || v === undefined ? "" : valueLabel(v, spec.unit);
    },
  });
  if (spec.kind === "composition") {
    const values = spec.series[0]?.values ?? [];
    const whole = values.reduce<number>((s, v) => s + (v ?? 0), 0);
    const data = spec.categories.flatMap((name, i) => {
      const v = values[i];
      return v === null || v === undefined ? [] : [{ name, value: axisValue(v, spec.unit), fen: v }];
    });
    return {
      ...common,
      series: [
        {
          type: "pie",
          radius: ["30%", "58%"],
          center: ["50%", `${Math.round(((60 + h - bottom) / 2 / h) * 100)}%`],
          data,
          label: {
            fontFamily: CHART_FONT_FAMILY,
            formatter: (p: { dataIndex: number }) => {
              const d = data[p.dataIndex];
              if (!d) return "";
              const share = ratioBasisPoints(d.fen, whole);
              return `${d.name}\n${valueLabel(d.fen, spec.unit)}${share === null ? "" : `（${percentText(share)}）`}`;
            },
          },
        },
      ],
    };
  }
  const horizontal = spec.kind === "ranking";
  const category = {
    type: "category",
    data: spec.categories,
    axisLabel: { fontFamily: CHART_FONT_FAMILY, interval: 0 },
  };
  const value = { type: "value", name: spec.unit, axisLabel: { fontFamily: CHART_FONT_FAMILY } };
  return {
    ...common,
    legend: spec.series.length > 1 ? { top: 40, textStyle: { fontFamily: CHART_FONT_FAMILY } } : undefined,
    grid: {
      left: horizontal ? 16 : 56,
      right: horizontal ? 110 : 24,
      top: spec.series.length > 1 ? 80 : 60,
      bottom,
      containLabel: true,
    },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: spec.series.map((s) => ({
      type: "bar",
      name: s.name,
      data: s.values.map((v) => axisValue(v, spec.unit)),
      barMaxWidth: 56,
      label: { ...label(s.values), position: horizontal ? "right" : "top" },
    })),
  };
}

/** The chart as an SVG document (title, unit and source line included). */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  const echarts = await import("echarts");
  const h = height(spec);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: h });
  try {
    chart.setOption(chartOption(spec, h));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Options of rasterizing: the font files to draw text with (the bundled CJK font by default). */
export interface RasterOptions {
  fontFiles?: string[];
}

/** An SVG rendered to pixels: RGBA bytes row by row, and the PNG encoding. */
export interface Raster {
  width: number;
  height: number;
  pixels: Buffer;
  png: Buffer;
}

/** Rasterize an SVG with resvg, text from the given font files only (never the system's fonts). */
export async function rasterizeSvg(svg: string, opts: RasterOptions = {}): Promise<Raster> {
  const { Resvg } = await import("@resvg/resvg-js");
  const image = new Resvg(svg, {
    font: {
      fontFiles: opts.fontFiles ?? [chartFontFile()],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
    },
    background: "white",
  }).render();
  return {
    width: image.width,
    height: image.height,
    pixels: Buffer.from(image.pixels),
    png: Buffer.from(image.asPng()),
  };
}

/** The chart as a PNG image. */
export async function renderChartPng(spec: ChartSpec): Promise<Buffer> {
  return (await rasterizeSvg(await renderChartSvg(spec))).png;
}
