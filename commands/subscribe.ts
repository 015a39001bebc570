import { z } from "zod";
import { defineCommand } from "../src/commands/define.js";
import { UserError } from "../src/commands/errors.js";
import {
  chatOf,
  describeDepartments,
  resolveDepartmentNames,
  subscribeNotesFor,
  subscriptionsOf,
} from "../src/digest/chat.js";
import {
  describeSchedule,
  extractSchedule,
  formatZoned,
  nextSlot,
  validateSchedule,
} from "../src/digest/schedule.js";

export default defineCommand({
  name: "subscribe",
  summary: "在本频道订阅预算周报，可指定单位和推送时间（不写时间则用默认时间）",
  usage: "/subscribe [单位 …] [每周一 09:00 | 每天 08:00 | cron 表达式]",
  examples: [
    "/subscribe 容东",
    "/subscribe 容东 白沟 每周五 17:30",
    "/subscribe 每天 08:00",
    "/subscribe 容东 0 9 * * 1",
  ],
  aliases: ["订阅"],
  adminOnly: true,
  args: z.object({ departments: z.string(), schedule: z.string().nullable() }),
  parse: (text) => {
    const { schedule, rest } = extractSchedule(text);
    return { departments: rest, schedule: schedule?.cron ?? null };
  },
  run: async ({ args, services, invocation }) => {
    const chat = chatOf(invocation);
    const svc = subscriptionsOf(services);
    const now = services.clock();
    const departments = resolveDepartmentNames(services.lexicon(), args.departments, "subscribe");
    const schedule = args.schedule ?? svc.defaultSchedule;
    validateSchedule(schedule, svc.timezone, now);
    const { subscription: sub, created } = await svc.create({
      ...chat,
      teamId: chat.teamId ?? null,
      departments,
      schedule,
      timezone: svc.timezone,
      createdBy: invocation.userId,
      createdAt: now.toISOString(),
    });
    const next = nextSlot(sub.schedule, sub.timezone, now);
    if (!next) throw new UserError(`时间表“${sub.schedule}”不会再触发`);
    const notes = [`查看本频道的订阅：/subscriptions　退订：/unsubscribe ${sub.id}`];
    notes.push(...subscribeNotesFor(chat.platform));
    return {
      heading: created ? `已订阅预算周报（编号 ${sub.id}）` : `本频道已有相同的订阅（编号 ${sub.id}）`,
      fields: [
        { label: "单位", value: describeDepartments(sub) },
        { label: "时间", value: describeSchedule(sub.schedule, sub.timezone) },
        { label: "下次推送", value: formatZoned(next, sub.timezone) },
      ],
      notes,
      kind: "answer",
    };
  },
});
