/**
 * Where a reply's chart goes on a terminal: the console and `bot ask` draw it as a PNG
 * (charts/render.ts, loaded on first use), write it to a folder (a temporary one unless configured)
 * and print its path under the answer. A chart that cannot be drawn is said in one line, the
 * table stays.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Reply } from "../reply/reply.js";
import { freePath } from "./save-attachment.js";

/** The folder charts are written to when none is given. */
export function defaultChartDir(): string {
  return join(tmpdir(), "budget-bot-charts");
}

/** A file name from a chart title, without characters file systems refuse. */
export function chartFileName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|\s“”]+/g, "_").replace(/^_+|_+$/g, "") || "chart"}.png`;
}

/** Draw the reply's chart into `dir` (relative to `cwd`) and return the reply naming the file. */
export async function saveChart(reply: Reply, dir: string, cwd: string = process.cwd()): Promise<Reply> {
  const chart = reply.chart;
  if (!chart) return reply;
  const { chart: _c, ...rest } = reply;
  try {
    const { renderChartPng } = await import("../charts/render.js");
    const png = await renderChartPng(chart);
    const folder = resolve(cwd, dir);
    mkdirSync(folder, { recursive: true });
    const path = freePath(join(folder, chartFileName(chart.title)));
    writeFileSync(path, png, { flag: "wx" });
    return { ...rest, text: [...(reply.text ?? []), `图表已写入：${path}`] };
  } catch {
    return { ...rest, text: [...(reply.text ?? []), "图表未能生成，以上为表格"] };
  }
}
