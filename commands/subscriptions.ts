import { z } from "zod";
import { defineCommand } from "../src/commands/define.js";
import { chatOf, describeDepartments, subscriptionsOf } from "../src/digest/chat.js";
import { describeSchedule, formatZoned, nextSlot } from "../src/digest/schedule.js";

export default defineCommand({
  name: "subscriptions",
  summary: "列出本频道的预算周报订阅（编号、单位、时间、下次推送）",
  usage: "/subscriptions",
  examples: ["/subscriptions"],
  aliases: ["订阅列表"],
  args: z.object({}),
  parse: () => ({}),
  run: async ({ services, invocation }) => {
    const chat = chatOf(invocation);
    const subs = await subscriptionsOf(services).forChat(chat);
    if (subs.length === 0) {
      return {
        heading: "本频道还没有预算周报订阅",
        text: ["订阅：/subscribe [单位 …] [每周一 09:00]"],
        kind: "answer",
      };
    }
    const now = services.clock();
    return {
      heading: `本频道的预算周报订阅（${subs.length} 个）`,
      table: {
        columns: [
          { header: "编号", align: "right" },
          { header: "单位", align: "left" },
          { header: "时间", align: "left" },
          { header: "下次推送", align: "left" },
        ],
        rows: subs.map((s) => {
          const next = nextSlot(s.schedule, s.timezone, now);
          return [
            String(s.id),
            describeDepartments(s),
            describeSchedule(s.schedule, s.timezone),
            next ? formatZoned(next, s.timezone) : "不再推送",
          ];
        }),
      },
      notes: ["退订：/unsubscribe <编号>"],
      kind: "answer",
    };
  },
});
