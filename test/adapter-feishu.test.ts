/**
 * The Feishu adapter with a stub dispatcher against the fake Feishu platform on 127.0.0.1, the
 * HTTP callback checks, the card renderer's limits and the platform's configuration rules.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createFeishuApp, feishuClient, feishuPoster, messageText } from "../src/adapters/feishu/app.js";
import { checkFeishuRequest, feishuSignature } from "../src/adapters/feishu/callback.js";
import { cardBytes, FEISHU_CONTINUED, renderFeishu } from "../src/adapters/feishu/render.js";
import { createSharedHttpServer } from "../src/adapters/http-server.js";
import { loadConfig, parseConfig } from "../src/config.js";
import { FEISHU_CARD_MAX_BYTES, FEISHU_TABLE_PAGE_SIZE_MAX } from "../src/platforms/limits.js";
import type { Reply } from "../src/reply/reply.js";
import {
  encryptBody,
  FAKE_APP_ID,
  FAKE_APP_SECRET,
  FAKE_BOT_OPEN_ID,
  messageEvent,
  startFakeFeishuApi,
} from "./fakes/feishu-api.js";
import {
  ENCRYPT_KEY,
  type FeishuHarness,
  startFeishuHarness,
  VERIFICATION_TOKEN,
} from "./fakes/feishu-harness.js";
import { recordingLog, STUB_CSV, stubDispatcher, stubHeading } from "./fakes/stub-dispatcher.js";
import { isPng, PNG_SIGNATURE } from "./helpers/chart-spec.js";

let h: FeishuHarness | undefined;
afterEach(async () => {
  expect(h?.lines.filter((l) => l.level === "error") ?? []).toEqual([]);
  await h?.stop();
  h = undefined;
});

const cardText = (c: unknown) => JSON.stringify(c);

describe("Feishu messages", () => {
  it("treats a bare line in a 1:1 chat as /budget and ignores group chatter that does not @-mention the bot", async () => {
    const { dispatcher, seen } = stubDispatcher();
    h = await startFeishuHarness(dispatcher);
    await h.fake.pushEvent(
      messageEvent({ text: "大家好", chatType: "group", mentionBot: false, messageId: "om_chat" }),
    );
    await h.fake.pushEvent(
      messageEvent({ text: "容东 2024", chatType: "p2p", messageId: "om_p2p", chatId: "oc_p2p" }),
    );
    const answer = await h.fake.waitForDelivered((m) => m.target === "om_p2p");
    expect(cardText(answer.content)).toContain(stubHeading("/budget 容东 2024"));
    expect(seen).toEqual([
      {
        text: "/budget 容东 2024",
        platform: "feishu",
        userId: "ou_user1",
        chatId: "oc_p2p",
        teamId: "tenant-1",
      },
    ]);
    expect(h.fake.delivered.filter((m) => m.target === "om_chat")).toEqual([]);
  });

  it("sends an exported CSV as a file message after uploading it with im.v1.file.create", async () => {
    const { dispatcher } = stubDispatcher();
    h = await startFeishuHarness(dispatcher);
    await h.fake.pushEvent(messageEvent({ text: "/budget 容东 导出", messageId: "om_csv" }));
    const file = await h.fake.waitForDelivered((m) => m.target === "om_csv" && m.msgType === "file");
    expect(file.content).toEqual({ file_key: "file_v2_1" });
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.uploads[0]?.fileType).toBe("stream");
    expect(h.fake.uploads[0]?.fileName).toBe("budget.csv");
    expect(h.fake.uploads[0]?.data.toString("utf8")).toBe(STUB_CSV);
  });

  it("sends a reply's chart as an image message after its card, uploaded with im.v1.image.create (issue 21)", async () => {
    const { dispatcher } = stubDispatcher();
    h = await startFeishuHarness(dispatcher);
    await h.fake.pushEvent(messageEvent({ text: "/budget 政协 三公 历年 图表", messageId: "om_chart" }));
    const image = await h.fake.waitForDelivered((m) => m.target === "om_chart" && m.msgType === "image");
    expect(image.content).toEqual({ image_key: "img_v3_1" });
    expect(h.fake.delivered.filter((m) => m.target === "om_chart").map((m) => m.msgType)).toEqual([
      "interactive",
      "image",
    ]);
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.uploads[0]?.fileType).toBe("message");
    expect(isPng(h.fake.uploads[0]?.data)).toBe(true);
  });

  it("answers the url_verification challenge, encrypted, and refuses one with the wrong token", async () => {
    const { dispatcher } = stubDispatcher();
    h = await startFeishuHarness(dispatcher, { mode: "http" });
    const challenge = { type: "url_verification", challenge: "abc123", token: VERIFICATION_TOKEN };
    const ok = await h.post(JSON.stringify(encryptBody(challenge, ENCRYPT_KEY)), {
      "content-type": "application/json",
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: "abc123" });
    const bad = await h.post(JSON.stringify(encryptBody({ ...challenge, token: "other" }, ENCRYPT_KEY)), {
      "content-type": "application/json",
    });
    expect(bad.status).toBe(401);
  });

  it("shows button commands as text when card callbacks cannot reach the bot (no Encrypt Key)", async () => {
    const fake = await startFakeFeishuApi();
    const { dispatcher } = stubDispatcher();
    const { log, lines } = recordingLog();
    const app = createFeishuApp({
      appId: FAKE_APP_ID,
      appSecret: FAKE_APP_SECRET,
      mode: "ws",
      domain: fake.domain,
      dispatcher,
      log,
      http: createSharedHttpServer(),
    });
    try {
      await app.start();
      await fake.waitForConnection();
      await fake.pushEvent(messageEvent({ text: "容东", messageId: "om_hint" }));
      const answer = await fake.waitForDelivered((m) => m.target === "om_hint");
      expect(cardText(answer.content)).not.toContain('"tag":"button"');
      expect(cardText(answer.content)).toContain("下一页：/budget 容东 --page 2");
      expect(lines.filter((l) => l.level === "error")).toEqual([]);
    } finally {
      await app.stop();
      await fake.close();
    }
  });

  it("posts a weekly summary once even when the same post is retried (message uuid)", async () => {
    const fake = await startFakeFeishuApi();
    try {
      const client = feishuClient({
        appId: FAKE_APP_ID,
        appSecret: FAKE_APP_SECRET,
        domain: fake.domain,
        log: recordingLog().log,
      });
      const poster = feishuPoster(client);
      const reply: Reply = { heading: "预算周报", text: ["收入总计：19243.37 万元"] };
      await poster.post("oc_week", reply, "1:2024-03-04T01:00:00.000Z");
      await poster.post("oc_week", reply, "1:2024-03-04T01:00:00.000Z");
      await poster.post("oc_week", reply, "1:2024-03-11T01:00:00.000Z");
      const creates = fake.calls.filter((c) => c.path === "/open-apis/im/v1/messages");
      expect(creates).toHaveLength(3);
      expect(creates[0]?.query.receive_id_type).toBe("chat_id");
      expect(fake.delivered.map((m) => m.target)).toEqual(["oc_week", "oc_week"]);

      // A summary's chart: an image message in the same chat.
      expect(await poster.image?.("oc_week", { png: PNG_SIGNATURE, fileName: "c.png", title: "图" })).toBe(
        true,
      );
      expect(fake.delivered.at(-1)).toMatchObject({ target: "oc_week", msgType: "image" });
      expect(isPng(fake.uploads.at(-1)?.data)).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it("reads the text of a message without the bot's mention, keeping other people's as @name", () => {
    const message = {
      content: JSON.stringify({ text: "@_user_1 容东 2024 问 @_user_2" }),
      mentions: [
        { key: "@_user_1", name: "预算机器人", id: { open_id: FAKE_BOT_OPEN_ID } },
        { key: "@_user_2", name: "张三", id: { open_id: "ou_other" } },
      ],
    };
    expect(messageText(message, FAKE_BOT_OPEN_ID)).toEqual({ text: "容东 2024 问 @张三", mentioned: true });
    expect(
      messageText({ ...message, mentions: [message.mentions[1] as never] }, FAKE_BOT_OPEN_ID).mentioned,
    ).toBe(false);
    // A rich-text (post) message: its text runs and @-mentions, whatever the locale wrapping.
    const post = {
      message_type: "post",
      content: JSON.stringify({
        zh_cn: {
          title: "",
          content: [
            [
              { tag: "at", user_id: "@_user_1", user_name: "预算机器人" },
              { tag: "text", text: "容东 2024" },
            ],
            [{ tag: "text", text: "三公" }],
          ],
        },
      }),
      mentions: [message.mentions[0] as never],
    };
    expect(messageText(post, FAKE_BOT_OPEN_ID)).toEqual({ text: "容东 2024 三公", mentioned: true });
  });
});

describe("Feishu HTTP callback checks", () => {
  const now = new Date("2024-03-04T01:00:00Z");
  const ts = String(Math.floor(now.getTime() / 1000));
  const secrets = { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN };
  const raw = JSON.stringify(encryptBody(messageEvent({ text: "容东" }), ENCRYPT_KEY));
  const headers = (t: string, sig = feishuSignature(t, "n1", ENCRYPT_KEY, raw)) => ({
    "x-lark-request-timestamp": t,
    "x-lark-request-nonce": "n1",
    "x-lark-signature": sig,
  });

  it("accepts a signed request within the window and decrypts its body", () => {
    const r = checkFeishuRequest(headers(ts), raw, secrets, now);
    expect(r.ok).toBe(true);
    expect(r.ok && (r.body.header as { event_type: string }).event_type).toBe("im.message.receive_v1");
  });

  it("refuses a bad signature, a missing one, an old or future timestamp, and a wrong verification token", () => {
    expect(checkFeishuRequest(headers(ts, "0".repeat(64)), raw, secrets, now)).toEqual({
      ok: false,
      reason: "bad signature",
    });
    expect(checkFeishuRequest({}, raw, secrets, now)).toEqual({ ok: false, reason: "unsigned" });
    const old = String(Number(ts) - 301);
    expect(checkFeishuRequest(headers(old), raw, secrets, now)).toEqual({
      ok: false,
      reason: "stale timestamp",
    });
    const future = String(Number(ts) + 301);
    expect(checkFeishuRequest(headers(future), raw, secrets, now)).toEqual({
      ok: false,
      reason: "stale timestamp",
    });
    const otherToken = JSON.stringify(encryptBody(messageEvent({ text: "容东", token: "x" }), ENCRYPT_KEY));
    const h2 = { ...headers(ts), "x-lark-signature": feishuSignature(ts, "n1", ENCRYPT_KEY, otherToken) };
    expect(checkFeishuRequest(h2, otherToken, secrets, now)).toEqual({
      ok: false,
      reason: "verification token mismatch",
    });
  });
});

describe("Feishu cards", () => {
  const bigTable = (rows: number): Reply => ({
    heading: "项目列表",
    table: {
      columns: [
        { header: "项目", align: "left" },
        { header: "预算数（万元）", align: "right" },
      ],
      rows: Array.from({ length: rows }, (_, i) => [
        `第${i + 1}个项目：社区综合服务设施运行维护经费`,
        `${i + 1}.00`,
      ]),
      totals: [["合计", "999.00"]],
    },
    sources: [{ file: "000_x.txt", section: "项目表", line: 1 }],
    actions: [{ label: "下一页", command: "/project 社区 --page 2", kind: "page" }],
  });

  it("renders a native table with money right-aligned as exact text, ten rows a page", () => {
    const [card] = renderFeishu(bigTable(3));
    const table = card?.body.elements.find((e) => e.tag === "table") as {
      page_size: number;
      columns: Array<{ horizontal_align: string; data_type: string }>;
      rows: Array<Record<string, string>>;
    };
    expect(table.columns.map((c) => c.horizontal_align)).toEqual(["left", "right"]);
    expect(table.columns.every((c) => c.data_type === "text")).toBe(true);
    expect(table.rows.at(-1)).toEqual({ c0: "合计", c1: "999.00" });
    expect(renderFeishu(bigTable(30))[0]?.body.elements.find((e) => e.tag === "table")?.page_size).toBe(
      FEISHU_TABLE_PAGE_SIZE_MAX,
    );
  });

  it("splits a table too large for one card into continuation cards below 30 KB, dropping no row", () => {
    const reply = bigTable(2000);
    const cards = renderFeishu(reply);
    expect(cards.length).toBeGreaterThan(1);
    for (const c of cards) expect(cardBytes(c)).toBeLessThanOrEqual(FEISHU_CARD_MAX_BYTES);
    expect(cards[1]?.header.title.content).toBe(`项目列表${FEISHU_CONTINUED}`);
    const rows = cards.flatMap((c) =>
      c.body.elements
        .filter((e) => e.tag === "table")
        .flatMap((e) => e.rows as Array<Record<string, string>>),
    );
    expect(rows).toHaveLength(2001);
    expect(rows[1999]?.c1).toBe("2000.00");
    // Sources and buttons ride on the last card only.
    expect(cardText(cards.at(-1))).toContain('"tag":"button"');
    expect(cardText(cards[0])).not.toContain('"tag":"button"');
  });
});

describe("Feishu configuration", () => {
  it("starts only with APP_ID and APP_SECRET, and checks the mode's requirements at start-up", () => {
    expect(() => loadConfig({ FEISHU_APP_ID: FAKE_APP_ID })).toThrow(/FEISHU_APP_SECRET/);
    expect(() => loadConfig({ FEISHU_APP_ID: "cli_short", FEISHU_APP_SECRET: "s" })).toThrow(/16 位十六进制/);
    expect(() =>
      loadConfig({ FEISHU_APP_ID: FAKE_APP_ID, FEISHU_APP_SECRET: "s", FEISHU_MODE: "http" }),
    ).toThrow(/FEISHU_ENCRYPT_KEY/);
    expect(() => loadConfig({ FEISHU_MODE: "socket" })).toThrow(/FEISHU_MODE/);
    const c = parseConfig({ FEISHU_APP_ID: FAKE_APP_ID, FEISHU_APP_SECRET: "s" });
    expect(c.FEISHU_MODE).toBe("ws");
    expect(c.FEISHU_DOMAIN).toBeUndefined();
  });
});
