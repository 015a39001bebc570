import { z } from "zod";
import { answerTopic, needsOf } from "../src/answers/answer.js";
import { asCsvExport, exportAction, exportFileName, takeExport } from "../src/answers/export.js";
import { BASIS_WORD, gather, type Wanted } from "../src/answers/gather.js";
import type { TopicNeeds } from "../src/answers/topic.js";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import type { DisclosureBasis } from "../src/domain/types.js";
import { parseBudgetQuery } from "../src/query/budget-query.js";
import type { DepartmentEntry } from "../src/query/department.js";
import { normalizeQuery } from "../src/query/normalize.js";
import { takePage } from "../src/query/page.js";
import { resolveDepartment, resolveYearNoted } from "../src/query/resolve.js";
import { topicWord } from "../src/query/topics.js";
import { unusedNotes } from "../src/query/unused.js";

/** What to read for a topic's need, from the department and year the question resolved to. */
function wantedFor(
  needs: TopicNeeds,
  dept: DepartmentEntry,
  year: number | null,
  basis: DisclosureBasis | undefined,
): Wanted {
  switch (needs) {
    case "document":
      return { needs, department: dept.name, year, basis };
    case "years":
      return { needs, department: dept.name, years: dept.years, basis };
    case "departments":
      if (year === null) throw new UserError("请给出年度，例如 /budget 三公 2024 排名");
      return { needs, year, basis };
  }
}

const Args = z.object({
  text: z.string().min(1, "请给出单位名称，例如 /budget 容东 2024 三公"),
  page: z.number().int(),
  exportCsv: z.boolean(),
});

export default defineCommand({
  name: "budget",
  summary: "查询单位某年度预算，可指定科目（如 三公、收入、支出、项目、政府采购、资产）",
  usage: "/budget <单位> [年度] [科目] [导出]",
  examples: [
    "/budget 容东 2024 三公",
    "/budget 行宫东 2021",
    "/budget 容东 卫生健康",
    "/budget 容东 基本支出",
  ],
  aliases: ["预算"],
  args: Args,
  parse: (text) => {
    const { exportCsv, rest: withoutExport } = takeExport(text);
    const { page, rest } = takePage(withoutExport);
    return { text: rest, page, exportCsv };
  },
  run: async ({ args, services }) => {
    const q = parseBudgetQuery(args.text, services.lexicon());
    const dept = resolveDepartment(
      services.lexicon(),
      q.department,
      (name) =>
        `/budget ${normalizeQuery(args.text).replace(q.department, ` ${name} `)}`.replace(/\s+/g, " ").trim(),
      q.year?.kind === "absolute" ? q.year.year : undefined,
    );
    const { year, note: yearNote } = resolveYearNoted(dept, q.year, services.clock());
    const gathered = await gather(wantedFor(needsOf(q.topic.kind), dept, year, q.basis ?? undefined), {
      catalog: services.catalog,
      findings: (doc) => services.findings(doc),
    });
    // The basis answered: the document's (one document), else the one asked for.
    const basis = (gathered.needs === "document" ? gathered.doc.basis : q.basis) ?? "budget";
    // The 决算 word stays in every follow-up line (paging, export) so they show the same document.
    const basisWord = basis === "final" ? "决算" : "";
    const base = `/budget ${dept.name} ${year ?? ""} ${basisWord} ${topicWord(q.topic)}`
      .replace(/\s+/g, " ")
      .trim();
    const reply = answerTopic(q.topic, gathered, {
      page: args.page,
      commandFor: (p) => `${base} --page ${p}`,
      expandCommand: (code) => `${base} ${code}`,
      pageSize: args.exportCsv ? Number.POSITIVE_INFINITY : undefined,
    });
    const said = [...(yearNote ? [yearNote] : []), ...unusedNotes(q.unused)];
    if (said.length) reply.notes = [...said, ...(reply.notes ?? [])];
    // The other basis stored for the department-year (one document), named with its line.
    const other = gathered.needs === "document" ? gathered.bases?.find((b) => b !== basis) : undefined;
    if (other) {
      const line = `/budget ${dept.name} ${year ?? ""} ${BASIS_WORD[other]} ${topicWord(q.topic)}`
        .replace(/\s+/g, " ")
        .trim();
      reply.notes = [
        ...(reply.notes ?? []),
        `本回答为${year ?? ""}年${BASIS_WORD[basis]}；另有${year ?? ""}年${BASIS_WORD[other]}：${line}`,
      ];
    }
    if (args.exportCsv)
      return asCsvExport(
        reply,
        exportFileName(dept.name, `${year ?? ""}年${BASIS_WORD[basis]}`, topicWord(q.topic) || "总览"),
      );
    // Paged lists and classified tables (opened at the 类 level) offer every row as CSV.
    const classified = q.topic.kind === "income" || q.topic.kind === "expense" || q.topic.kind === "basic";
    if (reply.page || (classified && reply.table && reply.kind === "answer"))
      reply.actions = [...(reply.actions ?? []), exportAction(base)];
    return reply;
  },
});
