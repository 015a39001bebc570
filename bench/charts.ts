/**
 * Chart timings for `npm run bench` (issue 21): one chart render (ECharts SVG, then resvg PNG with
 * the bundled CJK font; target < 200 ms on one core) and a 排名 over the bench corpus through the
 * real dispatcher (every department's document of the year read). Measures and prints; no target
 * decides the exit code.
 */
import { createCore } from "../src/app.js";
import { silentLogger } from "../src/lifecycle/log.js";
import { renderChartSvg, rasterizeSvg } from "../src/charts/index.js";
import type { ChartSpec } from "../src/reply/chart.js";
import { openSqliteStore } from "../src/store/sqlite/store.js";
import { ms, summarize } from "./stats.js";

/** Renders timed after one warm-up render (which loads ECharts and resvg). */
const RENDERS = 10;

/** Time `RENDERS` renders of `spec`: SVG, PNG and both, in ms. */
async function renderTimes(spec: ChartSpec): Promise<{ svg: number[]; png: number[]; total: number[] }> {
  await rasterizeSvg(await renderChartSvg(spec));
  const svg: number[] = [];
  const png: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < RENDERS; i++) {
    const t0 = performance.now();
    const s = await renderChartSvg(spec);
    const t1 = performance.now();
    await rasterizeSvg(s);
    const t2 = performance.now();
    svg.push(t1 - t0);
    png.push(t2 - t1);
    total.push(t2 - t0);
  }
  return { svg, png, total };
}

/** The chart lines of the bench report: a 排名 over the bench database, then its chart rendered. */
export async function chartBenchReport(dbPath: string, year: number): Promise<string> {
  const store = openSqliteStore(dbPath);
  try {
    const core = createCore({ store, log: silentLogger });
    await core.fresh();
    const line = `/budget 三公 ${year} 排名`;
    const ask = () => core.dispatcher.dispatch({ text: line, platform: "bench", userId: "b", chatId: "b" });
    const times: number[] = [];
    let reply = await (async () => {
      const t = performance.now();
      const r = await ask();
      times.push(performance.now() - t);
      return r;
    })();
    for (let i = 0; i < 1; i++) {
      const t = performance.now();
      reply = await ask();
      times.push(performance.now() - t);
    }
    const ranked = reply.table?.rows.length ?? 0;
    const lines = [
      `charts: ${line}: ${ranked} departments ranked; first ${ms(times[0] as number)}, then ${times
        .slice(1)
        .map(ms)
        .join(", ")}`,
    ];
    if (reply.chart) {
      const r = await renderTimes(reply.chart);
      const s = (xs: number[]) => summarize(xs);
      const t = s(r.total);
      lines.push(
        `charts: render ${RENDERS}× (${reply.chart.categories.length} bars): SVG p50 ${ms(s(r.svg).p50)}, PNG p50 ${ms(
          s(r.png).p50,
        )}, total p50 ${ms(t.p50)} max ${ms(t.max)} — target < 200 ms on one core: ${t.p50 < 200 ? "PASS" : "FAIL"}`,
      );
    }
    return lines.join("\n");
  } finally {
    await store.close();
  }
}
