/**
 * A chart built from real figures for the chart-in-chat tests (issue 21): 江苏省政协办公厅 “三公”经费
 * 小计 676.10 (2017 公开表 p.11), 675.10 (2018 p.9), 660.10 (2019 p.9) 万元, as pinned in
 * trends-corpus.test.ts (read on the page images).
 */
import type { Dispatcher } from "../../src/commands/types.js";
import type { ChartSpec } from "../../src/reply/chart.js";

export const ZX_SANGONG_CHART: ChartSpec = {
  kind: "bars-by-year",
  title: "江苏省政协办公厅 “三公”经费 历年",
  unit: "万元",
  source: "来源：江苏省政协办公厅2017–2019年度部门预算公开表（第11、9、9页）",
  categories: ["2017年", "2018年", "2019年"],
  series: [{ name: "预算", values: [676_100_000, 675_100_000, 660_100_000] }],
};

/** A spec the renderer cannot draw (no series): the text must still go out. */
export const BROKEN_CHART = { ...ZX_SANGONG_CHART, series: undefined } as unknown as ChartSpec;

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array | undefined): boolean {
  return bytes !== undefined && Buffer.from(bytes).subarray(0, 8).equals(PNG_SIGNATURE);
}

/**
 * A dispatcher that answers as `inner` does and adds the real-figures chart to answers of lines
 * containing "图表" (a stand-in for the /budget answers that attach charts themselves).
 */
export function chartingDispatcher(inner: Dispatcher): Dispatcher {
  return {
    commandList: () => inner.commandList(),
    async dispatch(inv) {
      const reply = await inner.dispatch(inv);
      return inv.text.includes("图表") && !reply.chart ? { ...reply, chart: ZX_SANGONG_CHART } : reply;
    },
  };
}
