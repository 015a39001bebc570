/**
 * End to end: a subscription made through the real Bolt receiver (signed slash command) or the
 * real grammY bot (getUpdates) against fake platform APIs, then `bot digest run-due --at …` run
 * in-process with an environment pointing at the fakes and the test database posts the summary.
 */
import { createServer } from "node:http";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import digestCli from "../src/cli/digest.js";
import type { CliIO } from "../src/cli/types.js";
import { listRuns } from "../src/store/sqlite/subscriptions.js";
import { closeServer, listenLoopback } from "./fakes/http.js";
import { startFakeSlackApi } from "./fakes/slack-api.js";
import { startSlackHarness } from "./fakes/slack-harness.js";
import { commandUpdate, startTelegramHarness } from "./fakes/telegram-harness.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

const _SECRET = "digest-signing-secret";
const MONDAY_0900 = "2024-03-04T09:00:00+08:00";

let bot: TestBot;
beforeEach(async () => {
  // The subscription is made on Friday 2024-03-01 10:00 Beijing time.
  bot = await startTestBot({ clock: () => new Date("2024-03-01T10:00:00+08:00") });
});
afterEach(() => bot.close());

/** Run `bot digest …` in-process; returns the exit code and what it printed. */
async function digest(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    write: (t) => out.push(t),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { BUDGET_DB: join(bot.dir, "budget.db"), BUDGET_DATA_DIR: join(bot.dir, "none"), ...env },
    cwd: bot.dir,
  };
  const code = await digestCli.run(args, io);
  return { code, out, err };
}

describe("weekly summary on Slack", () => {
  it("subscribes with a signed /subscribe 容东, then run-due posts chat.postMessage to the channel once", async () => {
    const h = await startSlackHarness(bot.core.dispatcher, "xoxb-digest");
    const { fake } = h;
    try {
      const res = await h.slash("/subscribe", "容东", { responseId: "sub", channel: "C0DIGEST" });
      expect(res.status).toBe(200);
      const confirm = await fake.waitForResponse((r) => r.id === "sub");
      expect(JSON.stringify(confirm.body)).toContain("已订阅预算周报（编号 1）");

      const env = { SLACK_BOT_TOKEN: "xoxb-digest", SLACK_API_URL: fake.apiUrl };
      const early = await digest(["run-due", "--at", "2024-03-04T08:59:00+08:00"], env);
      expect(early.code).toBe(0);
      expect(early.out).toEqual(["订阅 1 · slack C0DIGEST · 容东 · 尚无到期的推送"]);
      expect(fake.callsOf("chat.postMessage")).toEqual([]);

      const run = await digest(["run-due", "--at", MONDAY_0900], env);
      expect(run.code).toBe(0);
      expect(run.out).toEqual([
        "订阅 1 · slack C0DIGEST · 容东 · 2024-03-04 09:00 档 · 已推送（第 1 次尝试）",
      ]);
      const posts = fake.callsOf("chat.postMessage");
      expect(posts).toHaveLength(1);
      const post = posts[0]?.body ?? {};
      expect(post.channel).toBe("C0DIGEST");
      expect(posts[0]?.authorization).toBe("Bearer xoxb-digest");
      expect(String(post.text)).toContain("预算周报 · 河北雄安新区容东管理委员会 · 2024-03-04");
      expect(String(post.text)).toContain("收入总计：19,243.37 万元");
      // The five largest projects ride as a native table block in the attachment.
      const table = JSON.stringify(post.attachments);
      expect(table).toContain('"type":"table"');
      expect(table).toContain("容东片区安置房物业服务费项目");
      expect(table).toContain("4,385.67");

      const twice = await digest(["run-due", "--at", "2024-03-04T09:05:00+08:00"], env);
      expect(twice.code).toBe(0);
      expect(twice.out).toEqual(["订阅 1 · slack C0DIGEST · 容东 · 2024-03-04 09:00 档 · 已推送过，跳过"]);
      expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
      expect(listRuns(bot.core.db)).toMatchObject([
        { subscriptionId: 1, period: "2024-03-04T01:00:00.000Z", status: "posted", attempts: 1 },
      ]);
    } finally {
      await h.stop();
    }
  });

  it("exits 1 and records Slack's error when the post is refused, and posts on a later run", async () => {
    await bot.core.dispatcher.dispatch({
      text: "/subscribe 容东",
      platform: "slack",
      userId: "U1",
      chatId: "C9",
      teamId: "T1",
    });
    // A Slack that refuses: the bot is not in the channel yet.
    const refusing = createServer((_req, res) => {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ok: false, error: "not_in_channel" }));
    });
    const refusingPort = await listenLoopback(refusing);
    let down: Awaited<ReturnType<typeof digest>>;
    try {
      down = await digest(["run-due", "--at", MONDAY_0900], {
        SLACK_BOT_TOKEN: "xoxb-digest",
        SLACK_API_URL: `http://127.0.0.1:${refusingPort}/api/`,
      });
    } finally {
      await closeServer(refusing);
    }
    expect(down.code).toBe(1);
    expect(down.out).toEqual([
      "订阅 1 · slack C9 · 容东 · 2024-03-04 09:00 档 · 推送失败（第 1 次）：An API error occurred: not_in_channel；2024-03-04 09:01 后重试",
    ]);
    expect(listRuns(bot.core.db)).toMatchObject([
      {
        status: "failed",
        attempts: 1,
        error: "An API error occurred: not_in_channel",
        nextAttemptAt: "2024-03-04T01:01:00.000Z",
      },
    ]);

    const fake = await startFakeSlackApi();
    try {
      const env = { SLACK_BOT_TOKEN: "xoxb-digest", SLACK_API_URL: fake.apiUrl };
      const waiting = await digest(["run-due", "--at", "2024-03-04T09:00:30+08:00"], env);
      expect(waiting.out[0]).toContain("上次失败（1 次）");
      expect(fake.callsOf("chat.postMessage")).toEqual([]);
      const retry = await digest(["run-due", "--at", "2024-03-04T09:01:00+08:00"], env);
      expect(retry.code).toBe(0);
      expect(retry.out[0]).toContain("已推送（第 2 次尝试）");
      expect(fake.callsOf("chat.postMessage").map((c) => c.body.channel)).toEqual(["C9"]);
    } finally {
      await fake.close();
    }
  });

  it("previews a subscription or a department as text without posting", async () => {
    await bot.core.dispatcher.dispatch({
      text: "/subscribe 容东",
      platform: "slack",
      userId: "U1",
      chatId: "C1",
      teamId: "T1",
    });
    const byId = await digest(["preview", "1", "--at", MONDAY_0900], {});
    expect(byId.code).toBe(0);
    const text = byId.out.join("\n");
    expect(text).toContain("预算周报 · 河北雄安新区容东管理委员会 · 2024-03-04");
    expect(text).toContain("后勤保障");
    expect(text).toContain("订阅编号 1，退订：/unsubscribe 1");
    const byName = await digest(["preview", "行宫东", "--at", MONDAY_0900], {});
    expect(byName.out.join("\n")).toContain("收入总计：6,460.99 万元");
    const unknown = await digest(["preview", "火星", "--at", MONDAY_0900], {});
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toBe("没有找到单位“火星”");
    expect(listRuns(bot.core.db)).toEqual([]);
  });
});

describe("weekly summary on Telegram", () => {
  it("subscribes through a getUpdates /subscribe message, then run-due posts sendMessage to that chat", async () => {
    const h = await startTelegramHarness(bot.core.dispatcher);
    const { fake, tg } = h;
    try {
      fake.pushUpdate(
        commandUpdate("/subscribe 容东 每周一 09:00", { id: -1001234, type: "supergroup", title: "财务群" }),
      );
      const confirm = await fake.waitForCall("sendMessage", (c) => String(c.payload.text).includes("已订阅"));
      expect(String(confirm.payload.text)).toContain("编号 1");
    } finally {
      await tg.stop();
    }
    try {
      const before = fake.callsOf("sendMessage").length;
      const run = await digest(["run-due", "--at", MONDAY_0900], {
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
      });
      expect(run.code).toBe(0);
      expect(run.out).toEqual([
        "订阅 1 · telegram -1001234 · 容东 · 2024-03-04 09:00 档 · 已推送（第 1 次尝试）",
      ]);
      const sent = fake.callsOf("sendMessage").slice(before);
      expect(sent.length).toBeGreaterThan(0);
      expect(
        sent.every((c) => Number(c.payload.chat_id) === -1001234 && c.payload.parse_mode === "HTML"),
      ).toBe(true);
      const all = sent.map((c) => String(c.payload.text)).join("\n");
      expect(all).toContain("预算周报 · 河北雄安新区容东管理委员会 · 2024-03-04");
      expect(all).toContain("19,243.37");
      expect(all).toContain("容东片区安置房物业服务费项目");
      expect(sent.some((c) => c.payload.reply_markup !== undefined)).toBe(false);

      const twice = await digest(["run-due", "--at", MONDAY_0900], {
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
      });
      expect(twice.out[0]).toContain("已推送过，跳过");
      expect(fake.callsOf("sendMessage").length).toBe(before + sent.length);
    } finally {
      await fake.close();
    }
  });
});
