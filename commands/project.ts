import { z } from "zod";
import { asCsvExport, exportAction, takeExport } from "../src/answers/export.js";
import { clip } from "../src/answers/format.js";
import { projectDetail, projectList } from "../src/answers/project.js";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import { parseYearWord, splitQueryWords } from "../src/query/budget-query.js";
import { takePage } from "../src/query/page.js";
import { resolveDepartment } from "../src/query/resolve.js";

const Args = z.union([
  z.object({ id: z.number().int().positive() }),
  z.object({
    keywords: z.string().min(1, "请给出项目关键词，例如 /project 后勤保障"),
    department: z.string().optional(),
    year: z.number().int().optional(),
    page: z.number().int(),
    exportCsv: z.boolean(),
  }),
]);

export default defineCommand({
  name: "project",
  summary: "按名称、用途、目标或指标搜索项目，显示预算数与详情",
  usage: "/project <关键词> [单位] [年度] [导出] | /project #编号",
  examples: ["/project 后勤保障", "/project 物业 容东 2024", "/project #12"],
  aliases: ["项目"],
  args: Args,
  parse: (text, services) => {
    const { exportCsv, rest: withoutExport } = takeExport(text);
    const { page, rest } = takePage(withoutExport);
    const id = /^#(\d+)$/.exec(rest.trim());
    if (id) return { id: Number(id[1]) };
    const words = splitQueryWords(rest);
    const keywords: string[] = [];
    let department: string | undefined;
    let year: number | undefined;
    words.forEach((w, i) => {
      const y = parseYearWord(w);
      if (i > 0 && y && year === undefined) {
        year = y.kind === "absolute" ? y.year : services.clock().getFullYear() + y.offset;
        return;
      }
      if (i > 0 && department === undefined && services.lexicon().resolve(w).kind !== "none") {
        department = resolveDepartment(services.lexicon(), w, "project").name;
        return;
      }
      keywords.push(w);
    });
    return { keywords: keywords.join(" "), department, year, page, exportCsv };
  },
  run: async ({ args, services }) => {
    if ("id" in args) {
      const ref = await services.catalog.project(args.id);
      if (!ref) throw new UserError(`没有编号为 #${args.id} 的项目`);
      return projectDetail(ref, await services.catalog.procurementFor(ref));
    }
    const { catalog } = services;
    const ids = await catalog.searchProjectIds(args.keywords, {
      department: args.department,
      year: args.year,
      limit: 500,
    });
    if (ids.length === 0) {
      throw new UserError(`没有找到与“${clip(args.keywords)}”相关的项目`, [
        "可换个关键词，或去掉单位/年度限制",
      ]);
    }
    const [only] = ids.length === 1 ? await catalog.projectsByIds(ids) : [];
    if (only) return projectDetail(only, await catalog.procurementFor(only));
    const suffix = [args.department, args.year].filter(Boolean).join(" ");
    const base = `/project ${args.keywords}${suffix ? ` ${suffix}` : ""}`;
    const reply = await projectList({
      query: args.keywords,
      ids,
      load: (page) => catalog.projectsByIds(page),
      // One grouped query instead of a search per year.
      sums: await catalog.projectSumsByYear(ids),
      page: args.page,
      commandFor: (p) => `${base} --page ${p}`,
      pageSize: args.exportCsv ? Number.POSITIVE_INFINITY : undefined,
    });
    if (args.exportCsv) return asCsvExport(reply, "projects.csv");
    if (reply.page) reply.actions = [...(reply.actions ?? []), exportAction(base)];
    return reply;
  },
});
