/**
 * Charts (issue 21): each kind rendered from the seeds and the real corpus to SVG and PNG, every
 * chart carrying its title, unit and source line, labels exact, 未列示 values never drawn, and the
 * labels' glyphs drawn from the bundled CJK font (not missing-glyph boxes, not nothing).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ChartSpec, rasterizeSvg, renderChartPng, renderChartSvg } from "../src/charts/index.js";
import type { Disclosure } from "../src/domain/types.js";
import { readDisclosure } from "../src/ingest/parse.js";
import {
  acrossDepartments,
  acrossYears,
  compositionChart,
  rankingChart,
  sangongPartsChart,
  yearsChart,
} from "../src/answers/trends/index.js";
import { CORPUS_DIR, ZHENGXIE_FILES } from "./helpers/corpus.js";

const SEEDS = join(import.meta.dirname, "../../shared/seeds");
const SEED_DIR = [SEEDS, join(CORPUS_DIR, "../seeds")].find((d) => {
  try {
    return readdirSync(d).length > 0;
  } catch {
    return false;
  }
}) as string;
const CORPUS = [
  ...ZHENGXIE_FILES,
  "上海市普陀区万里街道办事处2024年部门预算.pdf",
  "上海市普陀区社会福利院2024年单位预算.pdf",
];
const OUT = join(tmpdir(), "budget-bot-charts");
const docs = new Map<string, Disclosure>();
const doc = (f: string) => docs.get(f) as Disclosure;

beforeAll(async () => {
  for (const f of CORPUS)
    docs.set(f, await readDisclosure(new Uint8Array(readFileSync(join(CORPUS_DIR, f))), f));
  const seed = "000_30685518d77b763b.txt";
  docs.set(seed, await readDisclosure(new Uint8Array(readFileSync(join(SEED_DIR, seed))), seed));
  mkdirSync(OUT, { recursive: true });
}, 120_000);

/** The charts of every kind, from the corpus and the seed. */
function charts(): Array<[string, ChartSpec, string[]]> {
  const zx = CORPUS.slice(0, 6).map(doc);
  const sangong = { kind: "headline", key: "sangong.total" } as const;
  return [
    ["years-corpus", yearsChart(acrossYears(zx, sangong)), ["676.10", "675.10", "660.10", "2017年"]],
    [
      "ranking-corpus",
      rankingChart(acrossDepartments([...docs.values()], sangong)),
      ["660.10", "6.40", "上海市普陀区社会福利院"],
    ],
    [
      "parts-corpus",
      sangongPartsChart(doc(CORPUS[1] as string)) as ChartSpec,
      ["676.10", "76.00", "156.60", "443.50"],
    ],
    [
      "parts-seed",
      sangongPartsChart(doc("000_30685518d77b763b.txt")) as ChartSpec,
      ["5.00", "0.00", "公务接待费"],
    ],
    [
      "classes-seed",
      compositionChart(doc("000_30685518d77b763b.txt"), "classes") as ChartSpec,
      ["11,013.73", "城乡社区支出"],
    ],
    [
      "income-corpus",
      compositionChart(doc(CORPUS[6] as string), "income") as ChartSpec,
      ["156,211,123", "财政拨款收入"],
    ],
    [
      "basic-project-corpus",
      compositionChart(doc(CORPUS[5] as string), "basic-project") as ChartSpec,
      ["6,522.75", "4,968.34", "1,886.02"],
    ],
  ];
}

describe("every chart kind renders from the seeds and the corpus", () => {
  it("draws each kind with its title, unit, source line and exact labels, into a PNG", async () => {
    const kinds = new Set<string>();
    for (const [name, spec, labels] of charts()) {
      kinds.add(spec.kind);
      const svg = await renderChartSvg(spec);
      expect(svg, name).toContain(spec.title);
      expect(svg, name).toContain(`单位：${spec.unit}`);
      expect(svg, name).toContain("来源：");
      for (const l of labels) expect(svg, `${name}: ${l}`).toContain(l);
      const png = await renderChartPng(spec);
      expect(png.subarray(0, 8).toString("hex"), name).toBe("89504e470d0a1a0a");
      writeFileSync(join(OUT, `${name}.png`), png);
    }
    expect([...kinds].sort()).toEqual(["bars-by-year", "composition", "parts", "ranking"]);
  }, 60_000);

  it("never draws a value not stated: it is named 未列示 in the footnote", async () => {
    const zx = [CORPUS[0], CORPUS[1], CORPUS[4], CORPUS[5]].map((f) => doc(f as string));
    const spec = yearsChart(acrossYears(zx, { kind: "headline", key: "sangong.total" }));
    expect(spec.series[0]?.values).toEqual([676_100_000, null, 660_100_000]);
    const svg = await renderChartSvg(spec);
    expect(svg).toContain("未列示（未绘出）：2018年");
    // Bars are drawn for 2017 (index 0) and 2019 (index 2) only: no bar, no label for 2018.
    const bars = [...svg.matchAll(/<path [^>]*ecmeta_series_index="0" ecmeta_data_index="(\d+)"/g)].map(
      (m) => m[1],
    );
    expect(bars).toEqual(["0", "2"]);
  });
});

/** Dark pixels in a band of rows (RGBA, white background). */
function darkPixels(r: { width: number; pixels: Buffer }, fromRow: number, toRow: number): number {
  let n = 0;
  for (let y = fromRow; y < toRow; y++)
    for (let x = 0; x < r.width; x++) {
      const i = (y * r.width + x) * 4;
      if (
        (r.pixels[i] as number) < 128 &&
        (r.pixels[i + 1] as number) < 128 &&
        (r.pixels[i + 2] as number) < 128
      )
        n++;
    }
  return n;
}

/** The title band of a chart: rows 0–44 (the title is drawn at top 12, 18 px). */
const TITLE_ROWS = 44;

function titled(title: string): ChartSpec {
  return {
    kind: "parts",
    title,
    unit: "万元",
    source: "来源：测试",
    categories: ["甲"],
    series: [{ name: "", values: [100] }],
  };
}

describe("the labels' glyphs come from the bundled font", () => {
  it("draws a Chinese title with the bundled font and nothing without it (no system fonts)", async () => {
    const svg = await renderChartSvg(titled("江苏省政协办公厅三公经费"));
    const withFont = await rasterizeSvg(svg);
    const noFont = await rasterizeSvg(svg, { fontFiles: [] });
    expect(darkPixels(withFont, 0, TITLE_ROWS)).toBeGreaterThan(300);
    expect(darkPixels(noFont, 0, TITLE_ROWS)).toBe(0);
  });

  it("draws different characters differently (missing-glyph boxes would all look alike)", async () => {
    // Same length, same layout: only real glyphs tell the two titles apart.
    const a = await rasterizeSvg(await renderChartSvg(titled("政协三公经费历年")));
    const b = await rasterizeSvg(await renderChartSvg(titled("人大机关运行经费")));
    const band = (r: { width: number; pixels: Buffer }) => r.pixels.subarray(0, r.width * TITLE_ROWS * 4);
    expect(band(a).equals(band(b))).toBe(false);
    expect(Math.abs(darkPixels(a, 0, TITLE_ROWS) - darkPixels(b, 0, TITLE_ROWS))).toBeGreaterThan(20);
  });
});

describe("answering text never loads the charting libraries", () => {
  it("imports echarts and resvg only dynamically, in charts/render.ts", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
      );
    const statics = files(join(import.meta.dirname, "../src")).filter((f) =>
      /^import[^;]*from\s+"(echarts|@resvg\/resvg-js)(\/[^"]*)?"/m.test(readFileSync(f, "utf8")),
    );
    expect(statics).toEqual([]);
  });
});
