/**
 * A stub Dispatcher for adapter tests: echoes the invocation text and offers a page button;
 * adds a table when the text contains "表格", a CSV attachment when it contains "导出", and a
 * chart of real figures when it contains "图表" (one the renderer cannot draw for "坏图").
 */
import type { AdapterLog } from "../../src/adapters/common.js";
import type { Dispatcher, Invocation } from "../../src/commands/types.js";
import type { Reply } from "../../src/reply/reply.js";
import { BROKEN_CHART, ZX_SANGONG_CHART } from "../helpers/chart-spec.js";

/** The CSV the stub attaches when the text contains "导出". */
export const STUB_CSV = "\uFEFF项目,预算数（万元）\n后勤保障,12.50\n";

/** The heading the stub answers with for a chat line. */
export function stubHeading(text: string): string {
  return `回声：${text}`;
}

/** A stub dispatcher that records every invocation it receives. */
export function stubDispatcher(): { dispatcher: Dispatcher; seen: Invocation[] } {
  const seen: Invocation[] = [];
  const dispatcher: Dispatcher = {
    async dispatch(inv: Invocation): Promise<Reply> {
      seen.push(inv);
      const reply: Reply = {
        heading: stubHeading(inv.text),
        text: [`用户 ${inv.userId} 在 ${inv.chatId}`],
        actions: [{ label: "下一页", command: `${inv.text} --page 2`, kind: "page" }],
      };
      if (inv.text.includes("表格")) {
        reply.table = {
          columns: [
            { header: "项目", align: "left" },
            { header: "预算数", align: "right" },
          ],
          rows: [["后勤保障", "12.50"]],
        };
      }
      if (inv.text.includes("导出")) {
        reply.attachment = { filename: "budget.csv", mime: "text/csv", content: STUB_CSV };
      }
      if (inv.text.includes("图表")) reply.chart = ZX_SANGONG_CHART;
      if (inv.text.includes("坏图")) reply.chart = BROKEN_CHART;
      return reply;
    },
    commandList: () => [
      { name: "budget", summary: "查询单位某年度预算", usage: "/budget <单位> [年度] [科目]" },
      { name: "project", summary: "查询项目绩效目标", usage: "/project <项目名>" },
      { name: "help", summary: "查看全部命令", usage: "/help" },
    ],
  };
  return { dispatcher, seen };
}

/** One recorded log line. */
export interface LogLine {
  level: "info" | "error";
  msg: string;
  extra?: Record<string, unknown>;
}

/** A logger that records its lines. */
export function recordingLog(): { log: AdapterLog; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    log: {
      info: (msg, extra) => lines.push({ level: "info", msg, extra }),
      error: (msg, extra) => lines.push({ level: "error", msg, extra }),
    },
  };
}
