/**
 * The chart of a one-document answer, when a picture helps and the user asks for it (图, 图表,
 * chart, or the 图表 button): 收入 by source, 支出 by 功能分类 类, 基本/项目支出 (overview, 基本
 * and 项目支出), “三公”经费 beside its parts. 历年 and 排名 answers always carry theirs. Pure.
 */
import type { ReplyAction } from "../domain/reply-action.js";
import type { Disclosure } from "../domain/types.js";
import type { Topic } from "../query/topics.js";
import type { ChartSpec } from "../reply/chart.js";
import { compositionChart, sangongPartsChart } from "./trends/index.js";

/** The chart of a one-document topic, or null where none helps or the document states no part. */
export function documentChart(topic: Topic, doc: Disclosure): ChartSpec | null {
  switch (topic.kind) {
    case "income":
      return topic.expand ? null : compositionChart(doc, "income");
    case "expense":
      return topic.expand ? null : compositionChart(doc, "classes");
    case "overview":
    case "basic":
    case "project":
      return compositionChart(doc, "basic-project");
    case "sangong":
      return topic.part ? null : sangongPartsChart(doc);
    default:
      return null;
  }
}

/** The 图表 button: the same line with 图 added (posts the answer again with its chart). */
export function chartAction(line: string): ReplyAction {
  return { label: "图表", command: `${line} 图`, kind: "export" };
}
