/**
 * End to end on Feishu: the real @larksuiteoapi/node-sdk (WSClient long connection, EventDispatcher,
 * Client) against a fake Feishu platform on 127.0.0.1, driving the real dispatcher over the seed
 * disclosures in SQLite; then `bot digest run-due` posting the weekly summary through the SDK.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeDedupe } from "../src/adapters/dedupe.js";
import digestCli from "../src/cli/digest.js";
import { listRuns } from "../src/store/sqlite/subscriptions.js";
import { cardActionEvent, FAKE_APP_ID, FAKE_APP_SECRET, messageEvent } from "./fakes/feishu-api.js";
import { type FeishuHarness, startFeishuHarness } from "./fakes/feishu-harness.js";
import { chartingDispatcher, isPng } from "./helpers/chart-spec.js";
import { botCliIO } from "./helpers/cli-io.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

let bot: TestBot;
let h: FeishuHarness | undefined;
beforeEach(async () => {
  // Subscriptions are made on Friday 2024-03-01 10:00 Beijing time.
  bot = await startTestBot({ clock: () => new Date("2024-03-01T10:00:00+08:00") });
});
afterEach(async () => {
  // No path of these tests should make the adapter (or the SDK) log an error, stopping included.
  // Clean up first, so that one failing test does not leave its app running into the next.
  const logged = h?.lines ?? [];
  await h?.stop();
  h = undefined;
  bot.close();
  expect(logged.filter((l) => l.level === "error")).toEqual([]);
});

/** Every text inside a delivered card. */
const cardText = (content: unknown) => JSON.stringify(content);

describe("Feishu end to end", () => {
  it("answers an @-mention /budget 容东 2024 三公 in a group over the long connection with a card showing 5.00 and 公务接待费", async () => {
    h = await startFeishuHarness(bot.core.dispatcher, { dedupe: storeDedupe(bot.core.store.deliveries) });
    const ev = messageEvent({ text: "/budget 容东 2024 三公", messageId: "om_q1" });
    const ack = await h.fake.pushEvent(ev);
    expect(ack.code).toBe(200);
    const answer = await h.fake.waitForDelivered((m) => m.target === "om_q1", "the reply card");
    expect(answer.how).toBe("reply");
    expect(answer.msgType).toBe("interactive");
    const text = cardText(answer.content);
    expect(text).toContain("公务接待费");
    expect(text).toContain("5.00");
    expect(text).toContain("000_30685518d77b763b.txt");
    // A native card 2.0 table, and the answer replies with an idempotency uuid.
    expect((answer.content as { schema: string }).schema).toBe("2.0");
    expect(text).toContain('"tag":"table"');
    expect(answer.uuid).toMatch(/^bb[0-9a-f]+$/);
    // The SDK fetched a tenant token and sent it.
    const replyCall = h.fake.calls.find((c) => c.path === "/open-apis/im/v1/messages/om_q1/reply");
    expect(replyCall?.authorization).toBe("Bearer t-fake-tenant-token");
  });

  it("sends the chart of an answer as an image message (uploaded with im.v1.image.create) after the card (issue 21)", async () => {
    h = await startFeishuHarness(chartingDispatcher(bot.core.dispatcher));
    await h.fake.pushEvent(messageEvent({ text: "/budget 容东 2024 三公 图表", messageId: "om_chart" }));
    const image = await h.fake.waitForDelivered((m) => m.target === "om_chart" && m.msgType === "image");
    const mine = h.fake.delivered.filter((m) => m.target === "om_chart");
    expect(mine.map((m) => m.msgType)).toEqual(["interactive", "image"]);
    expect(cardText(mine[0]?.content)).toContain("公务接待费");
    expect((image.content as { image_key: string }).image_key).toMatch(/^img_v3_/);
    expect(isPng(h.fake.uploads[0]?.data)).toBe(true);
  });

  it("answers a redelivered event once, also after a restart of the adapter on the same database", async () => {
    h = await startFeishuHarness(bot.core.dispatcher, { dedupe: storeDedupe(bot.core.store.deliveries) });
    const ev = messageEvent({ text: "容东 2024 三公", messageId: "om_dup", eventId: "ev_dup_1" });
    await h.fake.pushEvent(ev);
    await h.fake.waitForDelivered((m) => m.target === "om_dup");
    await h.fake.pushEvent(ev);
    await h.fake.pushEvent(messageEvent({ text: "容东", messageId: "om_mark1" }));
    await h.fake.waitForDelivered((m) => m.target === "om_mark1");
    expect(h.fake.delivered.filter((m) => m.target === "om_dup")).toHaveLength(1);
    await h.stop();
    // A new process (new adapter, same SQLite file) gets the same event again.
    h = await startFeishuHarness(bot.core.dispatcher, { dedupe: storeDedupe(bot.core.store.deliveries) });
    await h.fake.pushEvent(ev);
    const marker = messageEvent({ text: "容东 2024", messageId: "om_after" });
    await h.fake.pushEvent(marker);
    await h.fake.waitForDelivered((m) => m.target === "om_after");
    expect(h.fake.delivered.filter((m) => m.target === "om_dup")).toEqual([]);
    expect(h.lines.filter((l) => l.msg === "feishu: duplicate delivery ignored")).toHaveLength(1);
  });

  it("updates the answer card when its page button is pressed (signed card callback over HTTP)", async () => {
    h = await startFeishuHarness(bot.core.dispatcher);
    await h.fake.pushEvent(messageEvent({ text: "/project 社区", messageId: "om_list" }));
    const list = await h.fake.waitForDelivered((m) => m.target === "om_list");
    const elements = (list.content as { body: { elements: Array<Record<string, unknown>> } }).body.elements;
    const next = elements.find(
      (e) => e.tag === "button" && (e.text as { content: string }).content === "下一页",
    );
    expect(next).toBeDefined();
    const value = ((next?.behaviors ?? []) as Array<{ value: unknown }>)[0]?.value;
    const res = await h.callback(cardActionEvent({ value, messageId: list.id }));
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("toast");
    const patched = await h.fake.waitForDelivered(
      (m) => m.how === "patch" && m.target === list.id,
      "the patch",
    );
    expect(cardText(patched.content)).toContain("第 2/");
  });

  it("refuses a forged and a stale HTTP callback with 401 and answers neither", async () => {
    h = await startFeishuHarness(bot.core.dispatcher, { mode: "http" });
    const forged = await h.callback(messageEvent({ text: "/budget 容东", messageId: "om_forged" }), {
      signWith: "not-the-key",
    });
    expect(forged.status).toBe(401);
    const stale = await h.callback(messageEvent({ text: "/budget 容东", messageId: "om_stale" }), {
      timestampSec: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(stale.status).toBe(401);
    // The same request correctly signed and fresh is answered.
    const ok = await h.callback(messageEvent({ text: "/budget 容东 2024 三公", messageId: "om_ok" }));
    expect(ok.status).toBe(200);
    const answer = await h.fake.waitForDelivered((m) => m.target === "om_ok");
    expect(cardText(answer.content)).toContain("公务接待费");
    expect(h.fake.delivered.filter((m) => m.target === "om_forged" || m.target === "om_stale")).toEqual([]);
  });

  it("answers an HTTP event retried with a fresh signature once, and a card click delivered twice once", async () => {
    h = await startFeishuHarness(bot.core.dispatcher, {
      mode: "http",
      dedupe: storeDedupe(bot.core.store.deliveries),
    });
    const ev = messageEvent({ text: "/project 社区", messageId: "om_retry", eventId: "ev_http_retry" });
    expect((await h.callback(ev)).status).toBe(200);
    const list = await h.fake.waitForDelivered((m) => m.target === "om_retry");
    // Feishu's retry: same event_id, new timestamp, nonce and signature.
    expect((await h.callback(ev)).status).toBe(200);
    const elements = (list.content as { body: { elements: Array<Record<string, unknown>> } }).body.elements;
    const next = elements.find((e) => e.tag === "button");
    const value = ((next?.behaviors ?? []) as Array<{ value: unknown }>)[0]?.value;
    const click = cardActionEvent({ value, messageId: list.id, eventId: "ev_click_1" });
    expect((await h.callback(click)).status).toBe(200);
    expect((await h.callback(click)).status).toBe(200);
    await h.fake.waitForDelivered((m) => m.how === "patch" && m.target === list.id);
    // A later message proves the duplicates were handled (and dropped) before it.
    expect((await h.callback(messageEvent({ text: "容东", messageId: "om_last" }))).status).toBe(200);
    await h.fake.waitForDelivered((m) => m.target === "om_last");
    expect(h.fake.delivered.filter((m) => m.target === "om_retry")).toHaveLength(1);
    expect(h.fake.delivered.filter((m) => m.how === "patch")).toHaveLength(1);
    expect(h.lines.filter((l) => l.msg === "feishu: duplicate delivery ignored")).toHaveLength(2);
  });

  it("subscribes a group with /subscribe 容东, then digest run-due posts the summary to the chat once", async () => {
    h = await startFeishuHarness(bot.core.dispatcher);
    await h.fake.pushEvent(
      messageEvent({ text: "/subscribe 容东", messageId: "om_sub", chatId: "oc_budget" }),
    );
    const confirm = await h.fake.waitForDelivered((m) => m.target === "om_sub");
    expect(cardText(confirm.content)).toContain("已订阅预算周报（编号 1）");

    const { io, out } = botCliIO(bot, {
      FEISHU_APP_ID: FAKE_APP_ID,
      FEISHU_APP_SECRET: FAKE_APP_SECRET,
      FEISHU_DOMAIN: h.fake.domain,
    });
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:00:00+08:00"], io)).toBe(0);
    expect(out).toEqual(["订阅 1 · feishu oc_budget · 容东 · 2024-03-04 09:00 档 · 已推送（第 1 次尝试）"]);
    const toChat = h.fake.delivered.filter((m) => m.how === "create" && m.target === "oc_budget");
    // The summary's chart (issue 21) follows the card as an image message.
    expect(toChat.map((m) => m.msgType)).toEqual(["interactive", "image"]);
    const posts = toChat.filter((m) => m.msgType === "interactive");
    expect(posts).toHaveLength(1);
    expect(cardText(posts[0]?.content)).toContain("预算周报 · 河北雄安新区容东管理委员会 · 2024-03-04");
    expect(cardText(posts[0]?.content)).toContain("19243.37");
    expect(posts[0]?.uuid).toMatch(/^bb/);

    out.length = 0;
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:05:00+08:00"], io)).toBe(0);
    expect(out[0]).toContain("已推送过，跳过");
    expect(h.fake.delivered.filter((m) => m.how === "create" && m.target === "oc_budget")).toHaveLength(2);
    expect(listRuns(bot.core.db).map((r) => r.status)).toEqual(["posted"]);
  });
});
