/**
 * 基本支出 by 经济分类: the 一般公共预算财政拨款基本支出表 with the 情况说明's 人员经费/公用经费 compared
 * with its 合计 row, else the 情况说明's figures.
 */
import { cellOf, rowNamed, tableOf } from "../../domain/lookup.js";
import type { Reply } from "../../reply/reply.js";
import { labelled, narrativeTable } from "../lines.js";
import { basicNarrativeNotes } from "../narrative-agreement.js";
import { standardTableReply } from "../table-reply.js";
import { type DocumentInput, defineTopic } from "../topic.js";

function basic(input: DocumentInput<"basic">): Reply {
  const { doc, topic } = input;
  const t = tableOf(doc, "一般公共预算财政拨款基本支出表");
  if (t) {
    const reply = standardTableReply(input, t, "基本支出（按经济分类）", topic.expand);
    const totalRow = rowNamed(t, /^合计$/);
    const total = cellOf(totalRow, /^合计$/) ?? cellOf(totalRow, /./);
    const said =
      topic.expand === undefined
        ? basicNarrativeNotes(doc, { columns: t.columns, total, cell: (col) => cellOf(totalRow, col) })
        : [];
    return said.length ? { ...reply, notes: [...(reply.notes ?? []), ...said] } : reply;
  }
  return narrativeTable(
    input,
    [labelled("expense.basic"), labelled("expense.personnel"), labelled("expense.public")],
    "基本支出",
  );
}

export default defineTopic({
  kind: "basic",
  title: () => "基本支出（按经济分类）",
  needs: "document",
  answer: basic,
});
