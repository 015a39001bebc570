/**
 * End to end: the real Bolt HTTP receiver and the real grammY bot, each against a fake platform
 * API on 127.0.0.1, driving the real dispatcher over the five seed disclosures in SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withAccessControl } from "../src/adapters/start.js";
import { startSlackHarness } from "./fakes/slack-harness.js";
import type { TelegramFilePart } from "./fakes/telegram-api.js";
import { commandUpdate, PRIVATE_CHAT, startTelegramHarness, USER } from "./fakes/telegram-harness.js";
import { isPng } from "./helpers/chart-spec.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.close());

describe("Slack end to end", () => {
  it("answers a signed /budget 容东 2024 三公 at the response URL with 5.00 and 公务接待费; a forged one gets 401 and no post", async () => {
    const h = await startSlackHarness(bot.core.dispatcher);
    try {
      const res = await h.slash("/budget", "容东 2024 三公", { responseId: "ok" });
      expect(res.status).toBe(200);
      const answer = await h.fake.waitForResponse((r) => r.id === "ok");
      const all = JSON.stringify(answer.body);
      expect(all).toContain("公务接待费");
      expect(all).toContain("5.00");
      expect(all).toContain("000_30685518d77b763b.txt");
      expect(answer.body.response_type).toBe("ephemeral");

      // The private answer offers "分享到频道"; pressing it posts the same answer in the channel.
      const buttons = (
        answer.body.blocks as Array<{
          type: string;
          elements?: Array<{ action_id: string; value: string; text: { text: string } }>;
        }>
      )
        .filter((b) => b.type === "actions")
        .flatMap((b) => b.elements ?? []);
      const share = buttons.find((b) => b.text.text === "分享到频道");
      expect(share?.value).toBe("/budget 容东 2024 三公");
      expect((await h.click(share as { action_id: string; value: string }, "shared")).status).toBe(200);
      const shared = await h.fake.waitForResponse((r) => r.id === "shared");
      expect(shared.body.response_type).toBe("in_channel");
      expect(JSON.stringify(shared.body)).toContain("公务接待费");
      expect(JSON.stringify(shared.body)).not.toContain("分享到频道");

      const bad = await h.slash("/budget", "容东 2024 三公", {
        responseId: "forged",
        secret: "wrong-secret",
      });
      expect(bad.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(h.fake.responses.filter((r) => r.id === "forged")).toEqual([]);
    } finally {
      await h.stop();
    }
  });

  it("uploads the chart of an answer as a PNG file in the channel after the text (issue 21)", async () => {
    const h = await startSlackHarness(bot.core.dispatcher);
    try {
      await h.slash("/budget", "容东 2024 三公 图表", { responseId: "chart" });
      const complete = await h.fake.waitForCall("files.completeUploadExternal");
      const answer = h.fake.responses.find((r) => r.id === "chart");
      expect(JSON.stringify(answer?.body)).toContain("公务接待费");
      // The chart is the answer's own (issue 21: 图表 asks /budget for it), titled by the answer.
      expect(complete.body.files).toEqual([
        { id: expect.any(String), title: expect.stringMatching(/容东.*三公/) },
      ]);
      expect(isPng(h.fake.uploads[0]?.data)).toBe(true);
    } finally {
      await h.stop();
    }
  });

  it("refuses a team outside ALLOWED_SLACK_TEAMS with a clear message", async () => {
    const d = withAccessControl(
      { ALLOWED_SLACK_TEAMS: ["T9"], ALLOWED_TELEGRAM_CHATS: [] },
      bot.core.dispatcher,
    );
    const r = await d.dispatch({
      text: "/budget 容东",
      platform: "slack",
      userId: "U1",
      chatId: "C1",
      teamId: "T1",
    });
    expect(r.kind).toBe("error");
    expect(r.heading).toContain("未获授权");
  });
});

describe("Telegram end to end", () => {
  it("answers /project 后勤保障 through getUpdates → sendMessage, and a page button edits the message", async () => {
    const h = await startTelegramHarness(bot.core.dispatcher);
    const { fake } = h;
    try {
      fake.pushUpdate(commandUpdate("/project 后勤保障"));
      const sent = await fake.waitForCall("sendMessage", (c) =>
        String(c.payload.text).includes("后勤保障项目"),
      );
      const text = String(sent.payload.text);
      expect(text).toContain("13660024P00448510003Y");
      expect(text).toContain("961.30");
      expect(text).toContain("13660023P004485100019");
      expect(text).toContain("56.00");

      fake.pushUpdate(commandUpdate("/project 社区"));
      const list = await fake.waitForCall("sendMessage", (c) => String(c.payload.text).includes("社区"));
      const markup = list.payload.reply_markup as {
        inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
      };
      const next = markup.inline_keyboard.flat().find((b) => b.text === "下一页");
      expect(next).toBeDefined();
      fake.pushUpdate({
        callback_query: {
          id: "cq1",
          from: USER,
          chat_instance: "ci",
          data: next?.callback_data,
          message: { message_id: 501, date: 1_700_000_002, chat: PRIVATE_CHAT, text: "旧" },
        },
      });
      const edit = await fake.waitForCall("editMessageText");
      expect(String(edit.payload.text)).toContain("第 2/");
      await fake.waitForCall("answerCallbackQuery");
    } finally {
      await h.stop();
    }
  });

  it("sends the chart of an answer as a photo (sendPhoto with a PNG body) after its text (issue 21)", async () => {
    const h = await startTelegramHarness(bot.core.dispatcher);
    try {
      h.fake.pushUpdate(commandUpdate("/budget 容东 2024 三公 图表"));
      const photo = await h.fake.waitForCall("sendPhoto");
      const sends = h.fake.calls.filter((c) => c.method.startsWith("send"));
      expect(sends.map((c) => c.method)).toEqual(["sendMessage", "sendPhoto"]);
      expect(String(sends[0]?.payload.text)).toContain("公务接待费");
      expect(photo.payload.chat_id).toBe(String(PRIVATE_CHAT.id));
      expect(isPng((photo.payload.photo as TelegramFilePart).bytes)).toBe(true);
    } finally {
      await h.stop();
    }
  });
});
