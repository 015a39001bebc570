import { z } from "zod";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import { normalizeDigits } from "../src/domain/money.js";

export default defineCommand({
  name: "remove",
  summary: "删除一个已导入的文件（编号见 /documents），答案随即不再使用它",
  usage: "/remove <编号>",
  examples: ["/remove 12"],
  aliases: ["删除文件"],
  adminOnly: true,
  args: z.object({
    id: z.number({ message: "请给出文件编号，例如 /remove 12（编号见 /documents）" }).int().positive(),
  }),
  parse: (text) => {
    const m = /^(?:#|编号)?\s*(\d+)$/.exec(normalizeDigits(text.trim()));
    return { id: m ? Number(m[1]) : undefined };
  },
  run: async ({ args, services }) => {
    const docs = services.documents;
    if (!docs) throw new UserError("此处没有数据库，无法删除文件");
    const removed = await docs.remove(args.id);
    if (!removed) throw new UserError(`没有编号为 ${args.id} 的文件`, ["编号见 /documents <单位>"]);
    const year = removed.year === null ? "" : ` ${removed.year}年`;
    return {
      heading: `已删除文件（编号 ${removed.id}）：${removed.file}`,
      text: [
        `${removed.department.name}${year}${removed.basis === "final" ? "决算" : "预算"}的答案不再使用该文件`,
      ],
      kind: "answer",
    };
  },
});
