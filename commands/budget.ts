import { z } from "zod";
import { answerTopic, needsOf } from "../src/answers/answer.js";
import { chartAction, documentChart } from "../src/answers/chart.js";
import { asCsvExport, exportAction, exportFileName, takeExport } from "../src/answers/export.js";
import { BASIS_WORD, gather, type Wanted } from "../src/answers/gather.js";
import type { TopicNeeds } from "../src/answers/topic.js";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import type { Disclosure, DisclosureBasis } from "../src/domain/types.js";
import { type BudgetQuery, parseBudgetQuery } from "../src/query/budget-query.js";
import type { DepartmentEntry } from "../src/query/department.js";
import { normalizeQuery } from "../src/query/normalize.js";
import { takePage } from "../src/query/page.js";
import { resolveDepartment, resolveYearNoted } from "../src/query/resolve.js";
import { rankingYear, yearsAsked } from "../src/query/span.js";
import { type Topic, topicWord } from "../src/query/topics.js";
import type { Reply } from "../src/reply/reply.js";
import type { Services } from "../src/commands/services.js";
import { unusedNotes } from "../src/query/unused.js";

/** What to read for a one-department topic, from the department and year the question resolved to. */
function wantedFor(
  needs: Exclude<TopicNeeds, "departments">,
  dept: DepartmentEntry,
  year: number | null,
  basis: DisclosureBasis | undefined,
  years: readonly number[],
): Wanted {
  return needs === "document"
    ? { needs, department: dept.name, year, basis }
    : { needs, department: dept.name, years, basis };
}

/** A chat line with the fragment the user typed replaced by a department's full name. */
function lineWith(text: string, fragment: string, name: string): string {
  return `/budget ${normalizeQuery(text).replace(fragment, ` ${name} `)}`.replace(/\s+/g, " ").trim();
}

/** 排名 / 对比 单位A 单位B: the named departments (or every one) ranked by one figure for a year. */
async function rankingAnswer(
  q: BudgetQuery,
  topic: Extract<Topic, { kind: "ranking" }>,
  args: { text: string; page: number },
  services: Services,
): Promise<Reply> {
  const lexicon = services.lexicon();
  const named =
    q.departments.length >= 2
      ? q.departments.map((f) => resolveDepartment(lexicon, f, (name) => lineWith(args.text, f, name)))
      : [];
  const { year, note } = rankingYear(q.year, named.length ? named : lexicon.all(), named.length > 0, services.clock());
  const gathered = await gather(
    {
      needs: "departments",
      year,
      basis: q.basis ?? undefined,
      ...(named.length ? { departments: named.map((d) => d.name) } : {}),
    },
    // A ranking shows no ⚠ notes: the consistency checks of every department's document are not run.
    { catalog: services.catalog, findings: () => [] },
  );
  const base = `/budget ${named.map((d) => d.name).join(" ")} ${year} ${q.basis === "final" ? "决算" : ""} ${topicWord(topic)}`
    .replace(/\s+/g, " ")
    .trim();
  const reply = answerTopic(topic, gathered, { page: args.page, commandFor: (p) => `${base} --page ${p}` });
  const lacking = named.filter((d) => !d.years.includes(year));
  const said = [
    ...(note ? [note] : []),
    ...(lacking.length ? [`未收录 ${year} 年的文件：${lacking.map((d) => d.name).join("、")}`] : []),
    ...unusedNotes(q.unused),
  ];
  if (said.length) reply.notes = [...said, ...(reply.notes ?? [])];
  return reply;
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
    "/budget 容东 三公 历年",
    "/budget 三公 2024 排名",
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
    const from = { catalog: services.catalog, findings: (doc: Disclosure) => services.findings(doc) };
    if (q.topic.kind === "ranking") return rankingAnswer(q, q.topic, args, services);
    const fragment = q.department as string;
    const needs = needsOf(q.topic.kind) === "years" ? "years" : "document";
    const dept = resolveDepartment(
      services.lexicon(),
      fragment,
      (name) => lineWith(args.text, fragment, name),
      q.year?.kind === "absolute" && needs === "document" ? q.year.year : undefined,
    );
    const span = q.topic.kind === "years" ? yearsAsked(dept, q.topic) : null;
    const { year, note: yearNote } = span
      ? { year: null, note: span.note }
      : resolveYearNoted(dept, q.year, services.clock());
    const gathered = await gather(
      wantedFor(needs, dept, year, q.basis ?? undefined, span?.years ?? []),
      from,
    );
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
    // A picture where one helps: drawn when asked for (图), else offered as the 图表 button.
    const chart = gathered.needs === "document" ? documentChart(q.topic, gathered.doc) : null;
    if (chart && reply.kind === "answer" && !args.exportCsv) {
      if (q.chart) reply.chart = chart;
      else reply.actions = [...(reply.actions ?? []), chartAction(base)];
    }
    return reply;
  },
});
