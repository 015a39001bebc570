/**
 * A 功能分类/经济分类 subject by name or code (卫生健康, 210, 差旅费): every table row it names, with the
 * 年初预算数 and execution rate beside a 决算's figure; else the sentences stating it (原文列示).
 */
import { cellOf } from "../../domain/lookup.js";
import { squash } from "../../domain/text.js";
import type { Figure, StandardRow, StandardTable } from "../../domain/types.js";
import type { Reply } from "../../reply/reply.js";
import { executionRate } from "../final-accounts.js";
import { finish, heading, retitle } from "../finish.js";
import { clip, paginate } from "../format.js";
import { statedAnswer, statedHits } from "../stated.js";
import { tableSource } from "../table-reply.js";
import { type DocumentInput, defineTopic } from "../topic.js";
import { moneyTable } from "../units.js";

/** The figure a subject hit shows: its 合计 cell, else its first. */
function subjectFigure(r: StandardRow): Figure | null {
  return Object.hasOwn(r.values, "合计") ? (r.values.合计 ?? null) : (Object.values(r.values)[0] ?? null);
}

function subject(input: DocumentInput<"subject">): Reply {
  const text = input.topic.text;
  const q = squash(text);
  const hits: Array<{ t: StandardTable; r: StandardRow }> = [];
  for (const t of input.doc.tables) {
    for (const r of t.rows)
      if (r.code === q || (q.length >= 2 && squash(r.name).includes(q))) hits.push({ t, r });
  }
  if (hits.length === 0) {
    const stated = statedAnswer({
      doc: input.doc,
      word: text,
      heading: heading(input.doc, `“${text}”（原文列示）`),
      page: input.page,
      commandFor: input.commandFor,
      pageSize: input.pageSize,
    });
    if (stated) {
      stated.heading = retitle(
        stated.heading,
        statedHits(input.doc, text).map((h) => h.figure),
      );
      // The stated answer's sources already cite their places: keep them as they are.
      return { ...finish(input, stated, { sources: [], figures: [] }), sources: stated.sources };
    }
    return {
      // The word matched nothing: it is named in the text, never in the heading.
      heading: heading(input.doc, "科目查询"),
      text: [
        `预算表中没有名称或编码含“${clip(text)}”的科目。`,
        "可用科目：收入、支出、基本支出、项目支出、三公、机关运行经费、政府采购、资产，或功能/经济分类名称、编码",
      ],
      kind: "error",
    };
  }
  const paged = paginate(hits, input.page, input.commandFor, input.pageSize);
  // A 决算 table printing 年初预算数 beside the actual (一般公共预算财政拨款支出决算表): both, and the rate.
  const final = input.doc.basis === "final";
  const planOf = (r: StandardRow) => cellOf(r, /^(年初预算数|预算数)$/);
  const withPlan = final && paged.rows.some(({ r }) => planOf(r));
  const reply: Reply = {
    heading: heading(input.doc, `科目“${clip(text)}”`),
    table: moneyTable(
      [
        { header: "表", align: "left" },
        { header: "编码", align: "left" },
        { header: "科目", align: "left" },
        { header: final ? "决算数" : "合计", align: "right" },
        ...(withPlan
          ? [
              { header: "年初预算数", align: "right" as const },
              { header: "执行率", align: "right" as const },
            ]
          : []),
      ],
      paged.rows.map(({ t, r }) => [
        t.kind,
        r.code ?? "—",
        r.side ? `${r.side}：${r.name}` : r.name,
        { figure: subjectFigure(r) },
        ...(withPlan ? [{ figure: planOf(r) }, executionRate(subjectFigure(r), planOf(r)) ?? "—"] : []),
      ]),
    ),
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
  };
  return finish(input, reply, {
    // Each hit cites the row it shows (its page, for a table spread over pages), else its table.
    sources: paged.rows.map(({ t, r }) => subjectFigure(r)?.source ?? tableSource(t, input.doc)),
    figures: paged.rows.map(({ r }) => subjectFigure(r)),
    notice: paged.notice,
  });
}

export default defineTopic({
  kind: "subject",
  title: (t) => t.text,
  needs: "document",
  answer: subject,
});
