/**
 * 机关运行经费: the table's figure (its own table or beside 三公) and the 情况说明's, each with its
 * source, and the 基本支出表's 公用经费 beside to compare.
 */
import { cellOf, factOf, rowNamed, tableOf } from "../../domain/lookup.js";
import { tableFigure } from "../../domain/table-figures.js";
import type { NarrativeKey } from "../../domain/types.js";
import type { Reply } from "../../reply/reply.js";
import { type Line, labelled, line, linesReply, narrativeTable } from "../lines.js";
import { type DocumentInput, defineTopic } from "../topic.js";

/** 机关运行经费: the table's figure (its own table or beside 三公) and the narrative's, each with its source. */
function operatingAnswer(input: DocumentInput<"operating">, compare: Line[]): Reply {
  const table = tableFigure(input.doc.tables, "operating_cost");
  const stated = factOf(input.doc, "operating_cost")?.figure;
  const institution = factOf(input.doc, "operating_cost.institution")?.figure;
  if (!table) {
    const keys: Array<[NarrativeKey, string]> = [labelled("operating_cost")];
    // 事业单位的运行经费 is a different figure: shown beside, never as 机关运行经费.
    if (institution) keys.push(["operating_cost.institution", "事业单位运行经费（另列）"]);
    return narrativeTable(input, keys, "机关运行经费", compare);
  }
  const lines = [
    line("机关运行经费（预算表）", table),
    ...(stated ? [line("机关运行经费（情况说明）", stated)] : []),
    ...(institution ? [line("事业单位运行经费（另列）", institution)] : []),
  ];
  return linesReply(input, lines, compare, (l) => ({ figure: l.figure }));
}

export default defineTopic({
  kind: "operating",
  title: () => "机关运行经费",
  needs: "document",
  answer: (input) => {
    const basic = tableOf(input.doc, "一般公共预算财政拨款基本支出表");
    const pub = cellOf(rowNamed(basic, /^合计$/), /^公用经费$/);
    return operatingAnswer(input, pub ? [line("对照：基本支出表公用经费", pub)] : []);
  },
});
