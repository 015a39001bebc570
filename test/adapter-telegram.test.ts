/**
 * The Telegram adapter driven through the real grammY bot (runner long polling, and the webhook
 * callback) against a fake Bot API on 127.0.0.1, with a stub dispatcher. Nothing leaves the machine.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADAPTER_FAILURE_TEXT } from "../src/adapters/common.js";
import { createTelegramBot, type TelegramBot } from "../src/adapters/telegram/bot.js";
import type { Invocation } from "../src/commands/types.js";
import { waitUntil } from "./fakes/http.js";
import {
  type LogLine,
  recordingLog,
  STUB_CSV,
  stubDispatcher,
  stubHeading,
} from "./fakes/stub-dispatcher.js";
import {
  type FakeTelegramApi,
  startFakeTelegramApi,
  type TelegramApiCall,
  type TelegramFilePart,
} from "./fakes/telegram-api.js";
import { isPng, ZX_SANGONG_CHART } from "./helpers/chart-spec.js";

const CHAT = { id: 777, type: "private", first_name: "测试" };
const USER = { id: 555, is_bot: false, first_name: "测试" };

interface Harness {
  fake: FakeTelegramApi;
  tg: TelegramBot;
  seen: Invocation[];
  lines: LogLine[];
  port?: number;
}

let h: Harness;
let messageId = 10;

/** A message update with a bot_command entity at offset 0 (grammY's bot.command needs it). */
function commandUpdate(text: string, chat = CHAT): Record<string, unknown> {
  messageId += 1;
  const command = text.split(" ")[0] ?? text;
  return {
    message: {
      message_id: messageId,
      date: 1_700_000_000,
      chat,
      from: USER,
      text,
      entities: [{ type: "bot_command", offset: 0, length: command.length }],
    },
  };
}

/** A callback_query update for a button on message `onMessage`. */
function callbackUpdate(id: string, data: string, onMessage: number): Record<string, unknown> {
  return {
    callback_query: {
      id,
      from: USER,
      chat_instance: "ci-1",
      data,
      message: { message_id: onMessage, date: 1_700_000_000, chat: CHAT, text: "旧消息" },
    },
  };
}

/** The first button's callback_data in a recorded sendMessage. */
function firstCallbackData(call: TelegramApiCall): string {
  const markup = call.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> };
  const data = markup.inline_keyboard[0]?.[0]?.callback_data;
  if (!data) throw new Error("no button");
  return data;
}

const textOf = (c: TelegramApiCall) => String(c.payload.text ?? "");

async function startHarness(webhook?: { url: string; secret: string; port: number }): Promise<Harness> {
  const fake = await startFakeTelegramApi();
  const { dispatcher, seen } = stubDispatcher();
  const { log, lines } = recordingLog();
  const tg = createTelegramBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    webhook,
    dispatcher,
    log,
    autoRetry: false,
  });
  const { port } = await tg.start();
  return { fake, tg, seen, lines, port };
}

afterEach(async () => {
  await h.tg.stop();
  await h.fake.close();
});

describe("Telegram long polling", () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it("registers the command list with setMyCommands", async () => {
    const call = await h.fake.waitForCall("setMyCommands");
    expect(call.payload.commands).toEqual([
      { command: "budget", description: "查询单位某年度预算" },
      { command: "project", description: "查询项目绩效目标" },
      { command: "help", description: "查看全部命令" },
    ]);
  });

  it("answers /project 后勤保障 from getUpdates with an HTML sendMessage carrying the stub's answer", async () => {
    h.fake.pushUpdate(commandUpdate("/project 后勤保障"));
    const sent = await h.fake.waitForCall("sendMessage");
    expect(sent.payload.chat_id).toBe(777);
    expect(sent.payload.parse_mode).toBe("HTML");
    expect(textOf(sent)).toContain(stubHeading("/project 后勤保障"));
    expect(firstCallbackData(sent)).toMatch(/^p:[A-Za-z0-9_-]{8}$/);
    expect(h.seen).toEqual([
      { text: "/project 后勤保障", platform: "telegram", userId: "555", chatId: "777" },
    ]);
    expect(h.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("runs a pressed button's stored command, edits the message and answers the callback query", async () => {
    h.fake.pushUpdate(commandUpdate("/budget 容东 2024"));
    const sent = await h.fake.waitForCall("sendMessage");
    const token = firstCallbackData(sent);
    h.fake.pushUpdate(callbackUpdate("cb-1", token, 501));
    const edited = await h.fake.waitForCall("editMessageText");
    expect(edited.payload.chat_id).toBe(777);
    expect(edited.payload.message_id).toBe(501);
    expect(textOf(edited)).toContain(stubHeading("/budget 容东 2024 --page 2"));
    const answered = await h.fake.waitForCall("answerCallbackQuery");
    expect(answered.payload.callback_query_id).toBe("cb-1");
    expect(h.seen[1]?.text).toBe("/budget 容东 2024 --page 2");
  });

  it("tolerates 'message is not modified' when a button re-renders the same page", async () => {
    h.fake.pushUpdate(commandUpdate("/budget 容东"));
    const token = firstCallbackData(await h.fake.waitForCall("sendMessage"));
    h.fake.failNext(
      "editMessageText",
      400,
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same",
    );
    h.fake.pushUpdate(callbackUpdate("cb-2", token, 502));
    await h.fake.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === "cb-2");
    // Same chat: this update runs only after the button's handling has finished.
    h.fake.pushUpdate(commandUpdate("/help"));
    await h.fake.waitForCall("sendMessage", (c) => textOf(c).includes(stubHeading("/help")));
    expect(h.fake.callsOf("sendMessage").map(textOf)).not.toContain(ADAPTER_FAILURE_TEXT);
    expect(h.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("answers an unknown button token with a notice and runs nothing", async () => {
    h.fake.pushUpdate(callbackUpdate("cb-3", "p:unknown0", 503));
    const answered = await h.fake.waitForCall("answerCallbackQuery");
    expect(answered.payload.text).toBe("按钮已失效，请重新发送命令");
    expect(h.seen).toHaveLength(0);
  });

  it("sends an exported CSV with sendDocument", async () => {
    h.fake.pushUpdate(commandUpdate("/budget 容东 导出"));
    const doc = await h.fake.waitForCall("sendDocument");
    expect(doc.payload.chat_id).toBe("777");
    expect(doc.payload.document).toEqual({
      filename: "budget.csv",
      content: STUB_CSV,
      bytes: expect.any(Buffer),
    });
  });

  it("sends a reply's chart as a PNG photo after the text, in the same chat (issue 21)", async () => {
    h.fake.pushUpdate(commandUpdate("/budget 政协 三公 历年 图表"));
    const photo = await h.fake.waitForCall("sendPhoto");
    const methods = h.fake.calls.map((c) => c.method).filter((m) => m.startsWith("send"));
    expect(methods).toEqual(["sendMessage", "sendPhoto"]);
    expect(photo.payload.chat_id).toBe("777");
    expect(photo.payload.caption).toBe(ZX_SANGONG_CHART.title);
    const file = photo.payload.photo as TelegramFilePart;
    expect(file.filename).toBe("budget-chart.png");
    expect(isPng(file.bytes)).toBe(true);
    expect(h.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("keeps the text answer when sendPhoto is refused, logging it once and telling the chat nothing of it", async () => {
    h.fake.failNext("sendPhoto", 400, "Bad Request: PHOTO_INVALID_DIMENSIONS");
    h.fake.pushUpdate(commandUpdate("/budget 图表"));
    await h.fake.waitForCall("sendPhoto");
    await waitUntil(() => h.lines.find((l) => l.msg.includes("chart not sent")), "the failure line");
    expect(h.fake.callsOf("sendMessage").map(textOf)).toEqual([
      expect.stringContaining(stubHeading("/budget 图表")),
    ]);
    expect(h.lines.filter((l) => l.level === "error")).toHaveLength(1);
  });

  it("treats /start like /help", async () => {
    h.fake.pushUpdate(commandUpdate("/start"));
    await h.fake.waitForCall("sendMessage");
    expect(h.seen[0]?.text).toBe("/help");
  });
});

describe("Telegram webhook", () => {
  beforeEach(async () => {
    h = await startHarness({ url: "https://bot.example.test/tg/hook", secret: "right-secret", port: 0 });
  });

  /** POST an update to the local webhook server. */
  function postUpdate(update: Record<string, unknown>, secret: string): Promise<Response> {
    return fetch(`http://127.0.0.1:${h.port}/tg/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify({ update_id: 90_001, ...update }),
    });
  }

  it("registers the webhook with its secret token", async () => {
    const call = await h.fake.waitForCall("setWebhook");
    expect(call.payload.url).toBe("https://bot.example.test/tg/hook");
    expect(call.payload.secret_token).toBe("right-secret");
  });

  it("answers 401 to a wrong secret and dispatches nothing", async () => {
    const res = await postUpdate(commandUpdate("/budget 容东"), "wrong-secret");
    expect(res.status).toBe(401);
    expect(h.seen).toHaveLength(0);
    expect(h.fake.callsOf("sendMessage")).toHaveLength(0);
  });

  it("handles an update with the right secret", async () => {
    const res = await postUpdate(commandUpdate("/budget 容东"), "right-secret");
    expect(res.status).toBe(200);
    const sent = await h.fake.waitForCall("sendMessage");
    expect(textOf(sent)).toContain(stubHeading("/budget 容东"));
  });
});
