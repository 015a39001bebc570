/**
 * 项目支出: the 支出总表's (or the 情况说明's) 项目支出 total and the 绩效目标表's projects, paged, each
 * citing its own place; with what the 情况说明 says the 绩效目标 cover.
 */
import { cellOf, factOf, rowNamed, tableOf } from "../../domain/lookup.js";
import { sumFen } from "../../domain/money.js";
import { sourceAt } from "../../domain/places.js";
import type { Source } from "../../domain/types.js";
import type { Reply } from "../../reply/reply.js";
import { finish, heading } from "../finish.js";
import { paginate } from "../format.js";
import { missing } from "../lines.js";
import { performanceCoverage } from "../narrative-parts.js";
import { anyPlaced } from "../sources.js";
import { type DocumentInput, defineTopic } from "../topic.js";
import { fieldValue, moneyTable, sumCell } from "../units.js";

function projectSpending(input: DocumentInput<"project">): Reply {
  const { doc } = input;
  const expense = tableOf(doc, "支出总表");
  const totalFig =
    cellOf(rowNamed(expense, /^合计$/), /^项目支出$/) ?? factOf(doc, "expense.project")?.figure ?? null;
  const coverage = performanceCoverage(doc);
  if (doc.projects.length === 0 && !totalFig) {
    if (coverage.fields.length === 0) return missing(input, "项目支出");
    const reply = { heading: heading(doc, "项目支出"), fields: coverage.fields };
    return finish(input, reply, { sources: coverage.sources, figures: coverage.figures });
  }
  const sorted = [...doc.projects].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const paged = paginate(sorted, input.page, input.commandFor, input.pageSize);
  const sum = sumFen(doc.projects.map((p) => p.budget?.fen ?? null));
  const reply: Reply = {
    heading: heading(doc, "项目支出"),
    fields: [
      {
        label: "项目支出合计（预算表/情况说明）",
        value: fieldValue(totalFig, [totalFig, ...paged.rows.map((p) => p.budget)]),
      },
    ],
    table: moneyTable(
      [
        { header: "序号", align: "right" },
        { header: "项目", align: "left" },
        { header: "预算数", align: "right" },
      ],
      paged.rows.map((p) => [p.seq === null ? "—" : String(p.seq), p.name, { figure: p.budget ?? null }]),
      doc.projects.length
        ? [
            [
              "—",
              `绩效目标表合计（${doc.projects.length} 个）`,
              sumCell(
                sum,
                doc.projects.map((p) => p.budget),
                doc.file,
              ),
            ],
          ]
        : undefined,
    ),
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
    notes: ["项目详情：/project <项目名>"],
  };
  reply.fields = [...(reply.fields ?? []), ...coverage.fields];
  return finish(input, reply, {
    sources: [
      totalFig?.source,
      ...coverage.sources,
      // Each project shown cites its own place when the document has places; else the first.
      ...((all: Source[]) => (anyPlaced(all) ? all : all.slice(0, 1)))(
        paged.rows.map((p): Source => {
          const file = p.budget?.source.file ?? doc.file;
          if (file === doc.file) return sourceAt(doc, "绩效目标表", p.line);
          const place = p.budget?.source.place;
          return place
            ? { file, section: "绩效目标表", line: p.line, place }
            : { file, section: "绩效目标表", line: p.line };
        }),
      ),
    ],
    figures: [totalFig, ...paged.rows.map((p) => p.budget)],
    notice: paged.notice,
  });
}

export default defineTopic({
  kind: "project",
  title: () => "项目支出",
  needs: "document",
  answer: projectSpending,
});
