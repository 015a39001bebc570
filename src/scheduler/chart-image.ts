/**
 * A reply's chart as a PNG for the chat platforms and the weekly posts (issue 21). Best effort: a
 * chart that cannot be drawn or sent is logged once and the text (already sent) stands alone; the
 * user never sees the failure's internals. The charting libraries load on first use only.
 */
import type { Logger } from "../domain/log.js";
import type { ChartImage } from "../platforms/poster.js";
import type { ChartSpec } from "../reply/chart.js";

/** The file name a chart is sent under (ASCII: some platforms mangle others in multipart headers). */
export const CHART_FILE_NAME = "budget-chart.png";

/** Short text of an error for a log line. */
function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Draw a chart as a PNG; null (logged) when it cannot be drawn. */
export async function drawChart(spec: ChartSpec, log: Logger, where: string): Promise<ChartImage | null> {
  try {
    const { renderChartPng } = await import("../charts/index.js");
    return { png: await renderChartPng(spec), fileName: CHART_FILE_NAME, title: spec.title };
  } catch (err) {
    log.error(`${where}: chart not drawn, the answer went as text only`, {
      chart: spec.title,
      error: reason(err),
    });
    return null;
  }
}

/**
 * Draw `spec` and hand it to `send` (the platform's image message). Never throws: a chart that
 * fails to draw or that the platform refuses is logged once; `send` resolving false (the target
 * cannot carry images) is logged as such.
 */
export async function sendChart(
  spec: ChartSpec,
  send: (image: ChartImage) => Promise<unknown>,
  log: Logger,
  where: string,
): Promise<void> {
  const image = await drawChart(spec, log, where);
  if (!image) return;
  try {
    if ((await send(image)) === false)
      log.info(`${where}: this target cannot carry images, the chart's table went as text`, {
        chart: spec.title,
      });
  } catch (err) {
    log.error(`${where}: chart not sent, the answer went as text only`, {
      chart: spec.title,
      error: reason(err),
    });
  }
}
