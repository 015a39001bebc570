/**
 * 收入: the 收入总表 (opened at the 类 level when long, a class expandable), else the 情况说明's
 * income figures.
 */
import { tableOf } from "../../domain/lookup.js";
import type { Reply } from "../../reply/reply.js";
import { incomeTitle } from "../classified.js";
import { labelled, narrativeTable } from "../lines.js";
import { standardTableReply } from "../table-reply.js";
import { type DocumentInput, defineTopic } from "../topic.js";

function income(input: DocumentInput<"income">): Reply {
  const { doc, topic } = input;
  const t = tableOf(doc, "收入总表");
  if (t) return standardTableReply(input, t, incomeTitle(t), topic.expand);
  return narrativeTable(
    input,
    [
      labelled("income.total"),
      labelled("income.general"),
      labelled("income.fund"),
      labelled("income.state_capital"),
      labelled("income.special_account"),
      labelled("income.unit"),
      labelled("income.other"),
      labelled("income.carryover"),
    ],
    "收入",
  );
}

export default defineTopic({
  kind: "income",
  title: () => "收入",
  needs: "document",
  answer: income,
});
