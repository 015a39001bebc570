import { z } from "zod";
import { checkReply } from "../src/answers/check.js";
import { ruleReport } from "../src/checks/index.js";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import { parseYearWord, splitQueryWords } from "../src/query/budget-query.js";
import { takePage } from "../src/query/page.js";
import { resolveDepartment, resolveYear } from "../src/query/resolve.js";

const ROUNDING_WORDS = ["尾差", "全部", "--all"];

export default defineCommand({
  name: "check",
  summary: "核对预算/决算文件自身是否一致（目录、单位年度、说明与数字、表内表间、三公等）",
  usage: "/check <单位> [年度] [决算] [尾差]",
  examples: ["/check 容东 2024", "/check 行宫东", "/check 容东 尾差"],
  aliases: ["核对"],
  args: z.object({
    department: z.string().min(1, "请给出单位名称，例如 /check 容东 2024"),
    year: z.string().optional(),
    rounding: z.boolean(),
    /** "决算" checks the year's 决算 instead of its 预算. */
    final: z.boolean(),
    page: z.number().int(),
  }),
  parse: (text) => {
    const { page, rest } = takePage(text);
    const words = splitQueryWords(rest);
    const rounding = words.some((w) => ROUNDING_WORDS.includes(w));
    const year = words.find((w) => parseYearWord(w));
    const final = words.includes("决算");
    const dept = words
      .filter((w) => !ROUNDING_WORDS.includes(w) && w !== year && w !== "决算" && w !== "预算")
      .join(" ");
    return { department: dept, year, rounding, final, page };
  },
  run: async ({ args, services }) => {
    const dept = resolveDepartment(services.lexicon(), args.department, "check");
    const year = resolveYear(dept, args.year ? parseYearWord(args.year) : null, services.clock());
    const basis = args.final ? "final" : (await services.catalog.bases(dept.name, year))[0];
    const doc = await services.catalog.disclosure(dept.name, year, basis);
    if (!doc || (doc.basis ?? "budget") !== (basis ?? "budget")) {
      throw new UserError(`${dept.name} ${year ?? ""}年 的${args.final ? "决算" : ""}文件未找到，请重新导入`);
    }
    const base = `/check ${dept.name} ${year ?? ""}${basis === "final" ? " 决算" : ""}${args.rounding ? " 尾差" : ""}`;
    return checkReply(doc, await services.catalog.findings(doc), {
      page: args.page,
      includeRounding: args.rounding,
      commandFor: (p) => `${base} --page ${p}`,
      report: ruleReport(doc),
    });
  },
});
