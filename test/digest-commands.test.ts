import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore } from "../src/app.js";
import type { Invocation } from "../src/commands/types.js";
import { silentLogger } from "../src/lifecycle/log.js";
import type { Reply } from "../src/reply/reply.js";
import { listSubscriptions } from "../src/store/sqlite/subscriptions.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-03-01T10:00:00+08:00") });
});
afterAll(() => bot.close());

const slack = (text: string, chatId = "C1", userId = "U1"): Invocation => ({
  text,
  platform: "slack",
  userId,
  chatId,
  teamId: "T1",
});
const field = (r: Reply, label: string) => r.fields?.find((f) => f.label === label)?.value;

describe("/subscribe, /subscriptions, /unsubscribe", () => {
  it("subscribes the channel to 容东 on the default Monday 09:00 Beijing time and stores platform, chat and team", async () => {
    const r = await bot.core.dispatcher.dispatch(slack("/subscribe 容东"));
    expect(r.kind).toBe("answer");
    expect(r.heading).toBe("已订阅预算周报（编号 1）");
    expect(field(r, "单位")).toBe("容东");
    expect(field(r, "时间")).toBe("每周一 09:00（北京时间）");
    expect(field(r, "下次推送")).toBe("2024-03-04 09:00");
    expect(listSubscriptions(bot.core.db)).toEqual([
      {
        id: 1,
        platform: "slack",
        chatId: "C1",
        teamId: "T1",
        departments: ["河北雄安新区容东管理委员会"],
        schedule: "0 9 * * 1",
        timezone: "Asia/Shanghai",
        createdBy: "U1",
        createdAt: "2024-03-01T02:00:00.000Z",
      },
    ]);
    const again = await bot.core.dispatcher.dispatch(slack("/subscribe 容东管委会"));
    expect(again.heading).toBe("本频道已有相同的订阅（编号 1）");
  });

  it("takes several departments and a schedule in Chinese, and lists the channel's subscriptions with the next run", async () => {
    const r = await bot.core.dispatcher.dispatch(slack("/subscribe 容东 白沟 每周五 17:30"));
    expect(field(r, "单位")).toBe("容东、保定白沟新城");
    expect(field(r, "时间")).toBe("每周五 17:30（北京时间）");
    const list = await bot.core.dispatcher.dispatch(slack("/subscriptions"));
    expect(list.table?.rows).toEqual([
      ["1", "容东", "每周一 09:00（北京时间）", "2024-03-04 09:00"],
      ["2", "容东、保定白沟新城", "每周五 17:30（北京时间）", "2024-03-01 17:30"],
    ]);
    const elsewhere = await bot.core.dispatcher.dispatch(slack("/subscriptions", "C2"));
    expect(elsewhere.heading).toBe("本频道还没有预算周报订阅");
  });

  it("refuses a bad cron expression, an ambiguous department and a console chat with a clear message", async () => {
    const bad = await bot.core.dispatcher.dispatch(slack("/subscribe 容东 0 25 * * 1"));
    expect(bad.kind).toBe("error");
    expect(bad.heading).toContain("时间表“0 25 * * 1”无效");
    const many = await bot.core.dispatcher.dispatch(slack("/subscribe 管委会"));
    expect(many.heading).toContain("匹配到 2 个单位");
    const console = await bot.core.dispatcher.dispatch({
      text: "/subscribe 容东",
      platform: "console",
      userId: "me",
      chatId: "console",
    });
    expect(console.kind).toBe("error");
    expect(console.heading).toContain("Slack 频道或 Telegram 群组");
  });

  it("unsubscribes only the channel's own subscriptions", async () => {
    const foreign = await bot.core.dispatcher.dispatch(slack("/unsubscribe 1", "C2"));
    expect(foreign.kind).toBe("error");
    expect(foreign.heading).toBe("本频道没有编号为 1 的订阅");
    const ok = await bot.core.dispatcher.dispatch(slack("/unsubscribe 1"));
    expect(ok.heading).toBe("已退订（编号 1）");
    expect(listSubscriptions(bot.core.db).map((s) => s.id)).toEqual([2]);
    const missing = await bot.core.dispatcher.dispatch(slack("/unsubscribe"));
    expect(missing.heading).toContain("请给出订阅编号");
  });

  it("lets only ADMIN_USERS subscribe and unsubscribe, while anyone may list", async () => {
    const core = createCore({
      store: bot.core.store,
      log: silentLogger,
      clock: () => new Date("2024-03-01T10:00:00+08:00"),
      isAdmin: (inv) => inv.userId === "UBOSS",
    });
    const refused = await core.dispatcher.dispatch(slack("/subscribe 行宫东"));
    expect(refused.heading).toBe("/subscribe 仅限管理员使用");
    expect((await core.dispatcher.dispatch(slack("/unsubscribe 2"))).heading).toBe(
      "/unsubscribe 仅限管理员使用",
    );
    expect((await core.dispatcher.dispatch(slack("/subscriptions"))).table?.rows).toHaveLength(1);
    const boss = await core.dispatcher.dispatch(slack("/subscribe 行宫东 每天 08:00", "C1", "UBOSS"));
    expect(boss.heading).toBe("已订阅预算周报（编号 3）");
  });
});
