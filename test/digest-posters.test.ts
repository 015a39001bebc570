import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackPoster } from "../src/adapters/slack/poster.js";
import { startChatAdapters } from "../src/adapters/start.js";
import { telegramPoster } from "../src/adapters/telegram/poster.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/lifecycle/log.js";
import type { Reply } from "../src/reply/reply.js";
import { startFakeSlackApi } from "./fakes/slack-api.js";
import { startFakeTelegramApi } from "./fakes/telegram-api.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

const REPLY: Reply = {
  heading: "预算周报 · 容东 · 2024-03-04",
  text: ["收入总计：19243.37 万元"],
  table: {
    columns: [
      { header: "预算数最大的项目", align: "left" },
      { header: "预算数（万元）", align: "right" },
    ],
    rows: [["后勤保障", "961.30"]],
  },
  actions: [{ label: "下一页", command: "/budget 容东 --page 2", kind: "page" }],
  sources: [{ file: "000_30685518d77b763b.txt", section: "后勤保障绩效目标表", line: 4762 }],
};

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.close());

describe("posters", () => {
  it("Slack: posts the native table in attachments, and falls back to code blocks when the workspace rejects it", async () => {
    const calls: Array<Record<string, unknown>> = [];
    const client = {
      chat: {
        postMessage: async (args: Record<string, unknown>) => {
          calls.push(args);
          if (calls.length === 1)
            throw Object.assign(new Error("An API error occurred: invalid_attachments"), {
              data: { error: "invalid_attachments" },
            });
          return { ok: true };
        },
      },
    };
    await slackPoster(client as never).post("C1", REPLY);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.channel).toBe("C1");
    expect(JSON.stringify(calls[0]?.attachments)).toContain('"type":"table"');
    expect(calls[1]?.attachments).toBeUndefined();
    expect(JSON.stringify(calls[1]?.blocks)).toContain("961.30");
  });

  it("Telegram: sends HTML messages to numeric chat ids, without buttons", async () => {
    const sent: Array<{ chat: unknown; text: string; other: unknown }> = [];
    const api = {
      sendMessage: async (chat: unknown, text: string, other: unknown) => {
        sent.push({ chat, text, other });
        return {};
      },
    };
    await telegramPoster(api as never).post("-1001234", REPLY);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.chat).toBe(-1001234);
    expect(sent[0]?.other).toEqual({ parse_mode: "HTML" });
    expect(sent[0]?.text).toContain("961.30");
    await telegramPoster(api as never).post("@budget_channel", REPLY);
    expect(sent[1]?.chat).toBe("@budget_channel");
  });

  it("the running adapters expose posters over their own clients", async () => {
    const slackApi = await startFakeSlackApi();
    const tgApi = await startFakeTelegramApi();
    const config = loadConfig({
      PORT: "0",
      SLACK_BOT_TOKEN: "xoxb-adapter",
      SLACK_SIGNING_SECRET: "s",
      SLACK_API_URL: slackApi.apiUrl,
      TELEGRAM_BOT_TOKEN: tgApi.token,
      TELEGRAM_API_ROOT: tgApi.apiRoot,
    });
    const adapters = await startChatAdapters(config, bot.core, silentLogger);
    try {
      const posters = Object.fromEntries(adapters.map((a) => [a.poster?.platform, a.poster]));
      await posters.slack?.post("C7", REPLY);
      await posters.telegram?.post("42", REPLY);
      expect((await slackApi.waitForCall("chat.postMessage")).body.channel).toBe("C7");
      const msg = await tgApi.waitForCall("sendMessage", (c) => String(c.payload.text).includes("961.30"));
      expect(Number(msg.payload.chat_id)).toBe(42);
    } finally {
      for (const a of adapters) await a.stop();
      await slackApi.close();
      await tgApi.close();
    }
  });
});
