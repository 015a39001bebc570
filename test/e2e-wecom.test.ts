/**
 * End to end on WeCom: the real @wecom/aibot-node-sdk (WSClient long connection) against a fake
 * 智能机器人 server on 127.0.0.1, driving the real dispatcher over the seed disclosures in SQLite;
 * then `bot digest run-due` posting the weekly summary over the long connection (a chat that ran
 * /subscribe) and to a group robot webhook registered with `bot digest subscribe`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Dedupe, storeDedupe } from "../src/adapters/dedupe.js";
import { createWecomApp, messageText, type WecomApp } from "../src/adapters/wecom/app.js";
import { wecomPoster } from "../src/adapters/wecom/poster.js";
import { parseButtonKey, renderWecom } from "../src/adapters/wecom/render.js";
import digestCli from "../src/cli/digest.js";
import manifestCli from "../src/cli/manifest.js";
import { WECOM_WEBHOOK_MARKDOWN_MAX_BYTES } from "../src/platforms/limits.js";
import type { ChartImage } from "../src/platforms/poster.js";
import { listRuns, listSubscriptions } from "../src/store/sqlite/subscriptions.js";
import { type LogLine, recordingLog } from "./fakes/stub-dispatcher.js";
import {
  cardEvent,
  FAKE_BOT_ID,
  FAKE_BOT_SECRET,
  FAKE_WEBHOOK_KEY,
  type FakeWecomApi,
  startFakeWecomApi,
  textMessage,
  type WecomClientFrame,
} from "./fakes/wecom-api.js";
import { chartingDispatcher, isPng, ZX_SANGONG_CHART } from "./helpers/chart-spec.js";
import { botCliIO } from "./helpers/cli-io.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

/** When the CLI registrations are made (the Friday before the first weekly slot). */
const MADE_AT = "2024-03-01T10:00:00+08:00";

let bot: TestBot;
let fake: FakeWecomApi;
let app: WecomApp | undefined;
let lines: LogLine[] = [];
beforeEach(async () => {
  bot = await startTestBot({ clock: () => new Date(MADE_AT) });
  fake = await startFakeWecomApi();
});
afterEach(async () => {
  // Clean up first, so that one failing test does not leave its app running into the next.
  const logged = lines;
  await app?.stop();
  app = undefined;
  lines = [];
  await fake.close();
  bot.close();
  expect(logged.filter((l) => l.level === "error")).toEqual([]);
});

async function startApp(dedupe?: Dedupe, dispatcher = bot.core.dispatcher): Promise<WecomApp> {
  const rec = recordingLog();
  lines = rec.lines;
  const a = createWecomApp({
    botId: FAKE_BOT_ID,
    secret: FAKE_BOT_SECRET,
    wsUrl: fake.wsUrl,
    dispatcher,
    log: rec.log,
    dedupe,
    reconnectMs: 10,
  });
  await a.start();
  return a;
}

/** The markdown content of a reply or active message frame. */
function contentOf(f: WecomClientFrame): string {
  const b = f.body as { stream?: { content?: string }; markdown?: { content?: string } };
  return b.stream?.content ?? b.markdown?.content ?? "";
}

const answerTo = (reqId: string) =>
  fake.waitForFrame(
    (f) =>
      f.cmd === "aibot_respond_msg" &&
      f.headers.req_id === reqId &&
      (f.body as { stream?: { finish?: boolean } }).stream?.finish === true,
    "the finished answer",
  );

describe("WeCom end to end", () => {
  it("answers an @-mention /budget 容东 2024 三公 in a group with a markdown stream reply showing 5.00 and 公务接待费", async () => {
    app = await startApp(storeDedupe(bot.core.store.deliveries));
    await fake.waitForAuth();
    const reqId = fake.pushMessage(textMessage({ text: "/budget 容东 2024 三公", msgid: "m_q1" }));
    const answer = await answerTo(reqId);
    const text = contentOf(answer);
    expect(text).toContain("公务接待费");
    expect(text).toContain("5.00");
    expect(text).toContain("000_30685518d77b763b.txt");
    // A markdown pipe table.
    expect(text).toMatch(/^\| .+ \|$/m);
    expect(Buffer.byteLength(text, "utf8")).toBeLessThanOrEqual(20480);
  });

  it("lets an answer still waiting for its ack finish when the app stops, instead of cancelling it", async () => {
    await fake.close();
    fake = await startFakeWecomApi({ ackDelayMs: 300 });
    app = await startApp();
    await fake.waitForAuth();
    const reqId = fake.pushMessage(textMessage({ text: "/budget 容东 2024 三公" }));
    expect(contentOf(await answerTo(reqId))).toContain("公务接待费");
    // The server has the answer but has not acknowledged it: stopping now must not cancel it.
    await app.stop();
    app = undefined;
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
  });
  it("answers a 1:1 message without a mention, to the user", async () => {
    app = await startApp();
    await fake.waitForAuth();
    const reqId = fake.pushMessage(textMessage({ text: "容东 2024 三公", single: true, userid: "lisi" }));
    expect(contentOf(await answerTo(reqId))).toContain("公务接待费");
  });

  it("answers a redelivered message (same msgid twice) once, also after a restart on the same database", async () => {
    app = await startApp(storeDedupe(bot.core.store.deliveries));
    await fake.waitForAuth();
    const msg = textMessage({ text: "容东 2024 三公", msgid: "m_dup" });
    const first = fake.pushMessage(msg);
    await answerTo(first);
    const second = fake.pushMessage(msg);
    await answerTo(fake.pushMessage(textMessage({ text: "容东" })));
    await app.stop();
    app = await startApp(storeDedupe(bot.core.store.deliveries));
    await fake.waitForAuth(2);
    const third = fake.pushMessage(msg);
    await answerTo(fake.pushMessage(textMessage({ text: "容东 2024" })));
    const answered = (id: string) => fake.frames.filter((f) => f.headers.req_id === id);
    expect(answered(first).length).toBeGreaterThan(0);
    expect(answered(second)).toEqual([]);
    expect(answered(third)).toEqual([]);
    expect(lines.filter((l) => l.msg === "wecom: duplicate delivery ignored")).toHaveLength(1);
  });

  it("offers paging as template card buttons and updates the card when 下一页 is pressed", async () => {
    app = await startApp(storeDedupe(bot.core.store.deliveries));
    await fake.waitForAuth();
    const reqId = fake.pushMessage(textMessage({ text: "/project 社区", chatid: "wrPaging" }));
    const answer = await answerTo(reqId);
    expect(answer.body.msgtype).toBe("stream_with_template_card");
    const card = answer.body.template_card as {
      task_id: string;
      button_list: Array<{ text: string; key: string }>;
      main_title: { desc?: string };
    };
    expect(card.main_title.desc).toContain("第 1/");
    const next = card.button_list.find((b) => b.text === "下一页");
    expect(next).toBeDefined();
    expect(parseButtonKey(next?.key ?? "")?.kind).toBe("page");
    const click = cardEvent({
      key: next?.key ?? "",
      taskId: card.task_id,
      chatid: "wrPaging",
      msgid: "ev_click",
    });
    const evReq = fake.pushCardEvent(click);
    const update = await fake.waitForFrame(
      (f) => f.cmd === "aibot_respond_update_msg" && f.headers.req_id === evReq,
      "the card update",
    );
    expect(update.body.response_type).toBe("update_template_card");
    const updated = update.body.template_card as { task_id: string; main_title: { desc?: string } };
    expect(updated.task_id).toBe(card.task_id);
    expect(updated.main_title.desc).toContain("第 2/");
    const page2 = await fake.waitForFrame(
      (f) => f.cmd === "aibot_send_msg" && f.body.chatid === "wrPaging",
      "the second page",
    );
    expect(contentOf(page2)).toContain("第 2/");
    // The same click delivered twice is handled once.
    fake.pushCardEvent(click);
    await answerTo(fake.pushMessage(textMessage({ text: "容东" })));
    expect(fake.frames.filter((f) => f.cmd === "aibot_respond_update_msg")).toHaveLength(1);
  });

  it("sends an exported CSV as a file uploaded over the long connection", async () => {
    app = await startApp();
    await fake.waitForAuth();
    const reqId = fake.pushMessage(textMessage({ text: "/project 社区 导出" }));
    const file = await fake.waitForFrame(
      (f) => f.cmd === "aibot_respond_msg" && f.headers.req_id === reqId && f.body.msgtype === "file",
      "the file reply",
    );
    expect((file.body.file as { media_id: string }).media_id).toBe("media_1");
    expect(fake.uploads[0]?.filename).toMatch(/\.csv$/);
    expect(fake.uploads[0]?.data.toString("utf8")).toContain("社区");
  });

  it("sends a reply's chart as an image uploaded over the long connection, after the markdown answer (issue 21)", async () => {
    app = await startApp(undefined, chartingDispatcher(bot.core.dispatcher));
    await fake.waitForAuth();
    const reqId = fake.pushMessage(textMessage({ text: "/budget 容东 2024 三公 图表" }));
    const image = await fake.waitForFrame(
      (f) => f.cmd === "aibot_respond_msg" && f.headers.req_id === reqId && f.body.msgtype === "image",
      "the image reply",
    );
    const replies = fake.frames.filter((f) => f.cmd === "aibot_respond_msg" && f.headers.req_id === reqId);
    expect(contentOf(replies[0] as WecomClientFrame)).toContain("公务接待费");
    expect(replies.at(-1)).toBe(image);
    expect((image.body.image as { media_id: string }).media_id).toBe("media_1");
    expect(fake.uploads[0]?.type).toBe("image");
    expect(isPng(fake.uploads[0]?.data)).toBe(true);
  });

  it("posts a summary's chart to a group robot webhook as an image message (base64 + md5), and to a chat over the long connection", async () => {
    const poster = wecomPoster({
      credentials: { botId: FAKE_BOT_ID, secret: FAKE_BOT_SECRET, wsUrl: fake.wsUrl },
    });
    const { drawChart } = await import("../src/scheduler/chart-image.js");
    const image = await drawChart(ZX_SANGONG_CHART, recordingLog().log, "wecom");
    expect(image).not.toBeNull();
    expect(await poster.image?.(fake.webhook, image as ChartImage)).toBe(true);
    expect(fake.webhookPosts.map((p) => p.msgtype)).toEqual(["image"]);
    expect(isPng(fake.webhookPosts[0]?.image)).toBe(true);
    expect(await poster.image?.("wrBudget", image as ChartImage)).toBe(true);
    const sent = fake.frames.find((f) => f.cmd === "aibot_send_msg" && f.body.chatid === "wrBudget");
    expect(sent?.body.msgtype).toBe("image");
    expect(isPng(fake.uploads[0]?.data)).toBe(true);
    // Above the webhook's 2 MB the table stays as text: no image is posted.
    const big = { ...(image as ChartImage), png: Buffer.alloc(2 * 1024 * 1024 + 1) };
    expect(await poster.image?.(fake.webhook, big)).toBe(false);
    expect(fake.webhookPosts).toHaveLength(1);
  });

  it("subscribes a group with /subscribe 容东, then digest run-due posts the summary over the long connection once", async () => {
    app = await startApp();
    await fake.waitForAuth();
    const reqId = fake.pushMessage(textMessage({ text: "/subscribe 容东", chatid: "wrBudget" }));
    expect(contentOf(await answerTo(reqId))).toContain("已订阅预算周报（编号 1）");
    await app.stop();
    app = undefined;
    const { io, out } = botCliIO(bot, {
      WECOM_BOT_ID: FAKE_BOT_ID,
      WECOM_BOT_SECRET: FAKE_BOT_SECRET,
      WECOM_WS_URL: fake.wsUrl,
    });
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:00:00+08:00"], io)).toBe(0);
    expect(out).toEqual(["订阅 1 · wecom wrBudget · 容东 · 2024-03-04 09:00 档 · 已推送（第 1 次尝试）"]);
    const sent = fake.frames.filter((f) => f.cmd === "aibot_send_msg" && f.body.chatid === "wrBudget");
    // The summary's chart (issue 21) follows the text as an image message.
    expect(sent.map((f) => f.body.msgtype)).toEqual(["markdown", "image"]);
    const posts = sent.filter((f) => f.body.msgtype === "markdown");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.msgtype).toBe("markdown");
    expect(contentOf(posts[0] as WecomClientFrame)).toContain(
      "预算周报 · 河北雄安新区容东管理委员会 · 2024-03-04",
    );
    expect(contentOf(posts[0] as WecomClientFrame)).toContain("19243.37");
    out.length = 0;
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:05:00+08:00"], io)).toBe(0);
    expect(out[0]).toContain("已推送过，跳过");
    expect(fake.frames.filter((f) => f.cmd === "aibot_send_msg")).toHaveLength(2);
  });

  it("registers a group robot webhook from the CLI, never shows its key, and run-due posts markdown_v2 once", async () => {
    const { io, out } = botCliIO(bot, {});
    expect(await digestCli.run(["subscribe", "wecom", fake.webhook, "容东", "--at", MADE_AT], io)).toBe(0);
    expect(out[0]).toMatch(
      /^已登记：订阅 1 · wecom http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/webhook\/send\?key=…e0f9 · 容东 · /,
    );
    expect(listSubscriptions(bot.core.db)[0]?.chatId).toContain(FAKE_WEBHOOK_KEY);
    expect(await digestCli.run(["list"], io)).toBe(0);
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:00:00+08:00"], io)).toBe(0);
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:05:00+08:00"], io)).toBe(0);
    expect(out.join("\n")).not.toContain(FAKE_WEBHOOK_KEY);
    expect(out[2]).toContain("已推送（第 1 次尝试）");
    expect(out[3]).toContain("已推送过，跳过");
    expect(fake.webhookPosts.length).toBeGreaterThan(0);
    // The text as markdown_v2, then the summary's chart (issue 21) as one image message.
    expect(
      fake.webhookPosts.filter((p) => p.msgtype !== "image").every((p) => p.msgtype === "markdown_v2"),
    ).toBe(true);
    expect(fake.webhookPosts.filter((p) => p.msgtype === "image")).toHaveLength(1);
    const all = fake.webhookPosts.map((p) => p.content).join("\n");
    expect(all).toContain("预算周报 · 河北雄安新区容东管理委员会");
    expect(all).toMatch(/^\| .+ \|$/m);
    expect(listRuns(bot.core.db).map((r) => r.status)).toEqual(["posted"]);
    // A second registration of the same webhook and departments is the same subscription.
    out.length = 0;
    expect(await digestCli.run(["subscribe", "wecom", fake.webhook, "容东", "--at", MADE_AT], io)).toBe(0);
    expect(out[0]).toMatch(/^已存在相同订阅：订阅 1 /);
    // An admin removes it again from the CLI.
    out.length = 0;
    expect(await digestCli.run(["unsubscribe", "1"], io)).toBe(0);
    expect(out[0]).toMatch(
      /^已删除订阅 1 · wecom http:\/\/127\.0\.0\.1:\d+\/cgi-bin\/webhook\/send\?key=…e0f9 · 容东$/,
    );
    expect(listSubscriptions(bot.core.db)).toEqual([]);
    expect(await digestCli.run(["unsubscribe", "1"], io)).toBe(1);
  });

  it("refuses a webhook without key and a 加签 secret WeCom robots do not have", async () => {
    const { io, out } = botCliIO(bot, {});
    expect(
      await digestCli.run(["subscribe", "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"], io),
    ).toBe(2);
    expect(await digestCli.run(["subscribe", "wecom", fake.webhook, "--secret", "SECx"], io)).toBe(2);
    expect(out).toEqual([
      "ERR 企业微信群机器人 webhook 地址应含 key（形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…）",
      "ERR 企业微信群机器人没有加签密钥，请去掉 --secret",
    ]);
  });

  it("prints the admin-console steps with bot manifest wecom", async () => {
    const { io, out } = botCliIO(bot, {});
    expect(await manifestCli.run(["wecom"], io)).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("智能机器人");
    expect(text).toContain("WECOM_BOT_ID");
    expect(text).toContain("digest subscribe wecom");
    expect(text).toContain("/budget — ");
  });
});

describe("WeCom text and rendering", () => {
  it("removes the leading @-mention of a group message and keeps the rest", () => {
    expect(messageText("@预算机器人 /budget 容东 2024")).toBe("/budget 容东 2024");
    expect(messageText("@预算机器人　容东")).toBe("容东");
    expect(messageText("容东 @张三")).toBe("容东 @张三");
  });

  it("splits a long webhook summary into markdown_v2 messages below 4096 bytes, table header repeated", async () => {
    const reply = await bot.ask("/project 社区");
    const rows = reply.table?.rows ?? [];
    expect(rows.length).toBeGreaterThan(0);
    const big = {
      ...reply,
      table: reply.table && { ...reply.table, rows: Array.from({ length: 30 }, () => rows).flat() },
    };
    const parts = renderWecom(big, "webhook");
    expect(parts.length).toBeGreaterThan(1);
    // The table is split: at least two parts carry table rows, so the header check below runs.
    expect(parts.filter((p) => /^\| /m.test(p)).length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(WECOM_WEBHOOK_MARKDOWN_MAX_BYTES);
      // Every part with table rows starts its table with the header and the alignment row.
      if (/^\| /m.test(p)) expect(p).toMatch(/^\| .+ \|\n\|( -{3}:? \|)+$/m);
    }
    expect(parts[1]).toContain("（续）");
  });
});
