/**
 * One figure of one department across years (历年, 趋势, 对比, 2017-2019, 近三年): a column per
 * year and basis, the exact change and percentage, each figure cited to its own document and
 * page, always with its bars-by-year chart (answers/trends/).
 */
import type { Reply } from "../../reply/reply.js";
import { acrossYears, measureLabel, yearsReply } from "../trends/index.js";
import { defineTopic } from "../topic.js";

export default defineTopic({
  kind: "years",
  title: (t) => measureLabel(t.measure),
  needs: "years",
  answer: (input): Reply => {
    if (input.docs.length === 0)
      return { heading: `${input.department} ${input.title} 历年`, text: ["未收录该单位的文件"], kind: "answer" };
    return yearsReply(acrossYears(input.docs, input.topic.measure));
  },
});
