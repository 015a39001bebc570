/**
 * Departments ranked by one figure for a year (排名, 对比 单位A 单位B): each department's figure
 * with its share of the total and its source, those not stating it listed apart (未列示, 不适用),
 * never ranked as 0, always with its chart (answers/trends/).
 */
import { BASIS_WORD } from "../gather.js";
import type { Reply } from "../../reply/reply.js";
import { acrossDepartments, measureLabel, rankingReply } from "../trends/index.js";
import { defineTopic } from "../topic.js";

export default defineTopic({
  kind: "ranking",
  title: (t) => measureLabel(t.measure),
  needs: "departments",
  answer: (input): Reply => {
    const basis = input.basis ?? "budget";
    const reply = rankingReply(acrossDepartments(input.docs, input.topic.measure, { year: input.year, basis }));
    // A department holding only the other basis for the year is named, never silently dropped.
    const other = input.docs.filter((d) => (d.basis ?? "budget") !== basis);
    if (other.length)
      reply.notes = [
        `${input.year}年仅有${BASIS_WORD[basis === "final" ? "budget" : "final"]}、未参与${BASIS_WORD[basis]}排名：${[
          ...new Set(other.map((d) => d.department.name ?? d.file)),
        ].join("、")}`,
        ...(reply.notes ?? []),
      ];
    return reply;
  },
});
