import { z } from "zod";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import { chatOf, describeDepartments, subscriptionsOf } from "../src/digest/chat.js";
import { describeSchedule } from "../src/digest/schedule.js";
import { normalizeDigits } from "../src/domain/money.js";

export default defineCommand({
  name: "unsubscribe",
  summary: "退订本频道的一个预算周报订阅",
  usage: "/unsubscribe <编号>",
  examples: ["/unsubscribe 3"],
  aliases: ["退订"],
  adminOnly: true,
  args: z.object({
    id: z
      .number({ message: "请给出订阅编号，例如 /unsubscribe 3（编号见 /subscriptions）" })
      .int()
      .positive(),
  }),
  parse: (text) => {
    const m = /^(?:#|编号)?\s*(\d+)$/.exec(normalizeDigits(text.trim()));
    return { id: m ? Number(m[1]) : undefined };
  },
  run: async ({ args, services, invocation }) => {
    const chat = chatOf(invocation);
    const svc = subscriptionsOf(services);
    const sub = (await svc.forChat(chat)).find((s) => s.id === args.id);
    if (!sub || !(await svc.remove(args.id, chat))) {
      const ids = (await svc.forChat(chat)).map((s) => s.id);
      throw new UserError(`本频道没有编号为 ${args.id} 的订阅`, [
        ids.length ? `本频道的订阅编号：${ids.join("、")}（/subscriptions 查看）` : "本频道还没有订阅",
      ]);
    }
    return {
      heading: `已退订（编号 ${sub.id}）`,
      fields: [
        { label: "单位", value: describeDepartments(sub) },
        { label: "时间", value: describeSchedule(sub.schedule, sub.timezone) },
      ],
      kind: "answer",
    };
  },
});
