import { z } from "zod";
import { budgetAnswer } from "../src/answers/budget.js";
import { asCsvExport, exportAction, exportFileName, takeExport } from "../src/answers/export.js";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import { parseBudgetQuery } from "../src/query/budget-query.js";
import { normalizeQuery } from "../src/query/normalize.js";
import { takePage } from "../src/query/page.js";
import { resolveDepartment, resolveYearNoted } from "../src/query/resolve.js";
import { topicWord } from "../src/query/topics.js";
import { unusedNotes } from "../src/query/unused.js";

/** How 预算 / 决算 are named in replies. */
const BASIS_WORD = { budget: "预算", final: "决算" } as const;

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
    const bases = await services.catalog.bases(dept.name, year);
    if (q.basis && bases.length > 0 && !bases.includes(q.basis)) {
      throw new UserError(`${dept.name} ${year ?? ""}年 没有${BASIS_WORD[q.basis]}文件`, [
        `已收录：${bases.map((b) => `${year ?? ""}年${BASIS_WORD[b]}`).join("、")}`,
      ]);
    }
    const doc = await services.catalog.disclosure(dept.name, year, q.basis ?? undefined);
    if (!doc) throw new UserError(`${dept.name} ${year ?? ""}年 的文件未找到，请重新导入`);
    const basis = doc.basis ?? "budget";
    // The 决算 word stays in every follow-up line (paging, export) so they show the same document.
    const basisWord = basis === "final" ? "决算" : "";
    const base = `/budget ${dept.name} ${year ?? ""} ${basisWord} ${topicWord(q.topic)}`
      .replace(/\s+/g, " ")
      .trim();
    const reply = budgetAnswer({
      doc,
      topic: q.topic,
      page: args.page,
      commandFor: (p) => `${base} --page ${p}`,
      expandCommand: (code) => `${base} ${code}`,
      findings: await services.findings(doc),
      pageSize: args.exportCsv ? Number.POSITIVE_INFINITY : undefined,
      budgetDoc:
        basis === "final" && bases.includes("budget")
          ? ((await services.catalog.disclosure(dept.name, year, "budget")) ?? undefined)
          : undefined,
    });
    const said = [...(yearNote ? [yearNote] : []), ...unusedNotes(q.unused)];
    if (said.length) reply.notes = [...said, ...(reply.notes ?? [])];
    const other = bases.find((b) => b !== basis);
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
