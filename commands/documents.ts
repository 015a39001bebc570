import { z } from "zod";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import type { DocumentEntry, Services } from "../src/commands/services.js";
import { formatZoned } from "../src/digest/schedule.js";
import { normalizeDigits } from "../src/domain/money.js";
import { resolveDepartment } from "../src/query/resolve.js";
import type { Reply } from "../src/reply/reply.js";

/** A time as the chat reads it: `2026-12-08 10:05` in the summaries' time zone. */
function localTime(iso: string, services: Services): string {
  return formatZoned(new Date(iso), services.subscriptions?.timezone ?? "Asia/Shanghai");
}

/** Who sent a document: `telegram 用户 123（群 -100…）`, or the command line. */
function senderOf(e: DocumentEntry): string {
  const s = e.source;
  if (!s) return "命令行导入";
  return `${s.platform} 用户 ${s.userId}（会话 ${s.chatId}）`;
}

export default defineCommand({
  name: "documents",
  summary: "列出单位某年度答案所依据的文件、发送人和时间",
  usage: "/documents <单位> [年度]",
  examples: ["/documents 容东 2024"],
  aliases: ["文件"],
  args: z.object({
    department: z.string().min(1, "请给出单位名称，例如 /documents 容东 2024"),
    year: z.number().int().nullable(),
  }),
  parse: (text) => {
    const t = normalizeDigits(text.trim());
    const m = /(?:^|\s)((?:19|20)\d\d)\s*年?(?=\s|$)/.exec(t);
    const department = (m ? t.replace(m[0], " ") : t).trim();
    return { department, year: m ? Number(m[1]) : null };
  },
  run: async ({ args, services }): Promise<Reply> => {
    const docs = services.documents;
    if (!docs) throw new UserError("此处没有数据库，无法列出文件");
    const dept = resolveDepartment(services.lexicon(), args.department, (name) =>
      `/documents ${name} ${args.year ?? ""}`.trim(),
    );
    const entries = await docs.ofDepartment(dept.name, args.year);
    const when = args.year === null ? "" : ` ${args.year}年`;
    if (entries.length === 0) {
      throw new UserError(`${dept.name}${when} 没有已导入的文件`, [
        dept.years.length ? `已有年度：${dept.years.join("、")}` : "该单位没有已导入的文件",
      ]);
    }
    return {
      heading: `${dept.name}${when} 的文件（${entries.length} 个）`,
      table: {
        columns: [
          { header: "编号", align: "right" },
          { header: "年度", align: "right" },
          { header: "类别", align: "left" },
          { header: "发送", align: "left" },
          { header: "时间", align: "left" },
          { header: "文件", align: "left" },
        ],
        rows: entries.map((e) => [
          String(e.info.id),
          e.info.year === null ? "未列示" : String(e.info.year),
          e.info.basis === "final" ? "决算" : "预算",
          senderOf(e),
          localTime(e.source?.at ?? e.info.ingestedAt, services),
          e.info.file,
        ]),
      },
      notes: ["管理员可用 /remove <编号> 删除一个文件，答案随即不再使用它"],
      kind: "answer",
    };
  },
});
