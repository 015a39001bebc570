/**
 * A weekly post in flight when its process ends (crash, SIGTERM): the next run must not post the
 * same summary twice where the platform can tell, and must say it may repeat where it cannot.
 * The crash is simulated deterministically: the first runner's post reaches the fake platform and
 * then never returns, so its claim stays `claimed` with the send recorded as in flight.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Poster, Posters } from "../src/adapters/contract.js";
import { postersFromConfig } from "../src/adapters/posters.js";
import { silentLogger } from "../src/lifecycle/log.js";
import { createDigestRunner, MAY_REPEAT_NOTE } from "../src/scheduler/digest-runner.js";
import { getRun, insertSubscription } from "../src/store/sqlite/subscriptions.js";
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeFeishuApi, startFakeFeishuApi } from "./fakes/feishu-api.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "./fakes/telegram-api.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

const RONGDONG = "河北雄安新区容东管理委员会";
const t = (local: string) => new Date(`${local}+08:00`);
const PERIOD = "2024-03-04T01:00:00.000Z"; // Monday 09:00 Beijing time
const LEASE_MS = 60 * 60_000;

let bot: TestBot;
let slackApi: FakeSlackApi;
let tgApi: FakeTelegramApi;
let feishuApi: FakeFeishuApi;
let posters: Posters;

beforeEach(async () => {
  bot = await startTestBot({ clock: () => t("2024-03-04T09:00:00") });
  slackApi = await startFakeSlackApi();
  tgApi = await startFakeTelegramApi();
  feishuApi = await startFakeFeishuApi();
  posters = await postersFromConfig(
    {
      SLACK_BOT_TOKEN: "xoxb-digest",
      SLACK_API_URL: slackApi.apiUrl,
      TELEGRAM_BOT_TOKEN: tgApi.token,
      TELEGRAM_API_ROOT: tgApi.apiRoot,
      FEISHU_APP_ID: FAKE_APP_ID,
      FEISHU_APP_SECRET: FAKE_APP_SECRET,
      FEISHU_DOMAIN: feishuApi.domain,
    },
    { retries: 0 },
  );
});
afterEach(async () => {
  bot.close();
  await slackApi.close();
  await tgApi.close();
  await feishuApi.close();
});

function subscribe(platform: string, chatId: string): number {
  return insertSubscription(bot.core.db, {
    platform,
    chatId,
    teamId: platform === "slack" ? "T1" : null,
    departments: [RONGDONG],
    schedule: "0 9 * * 1",
    timezone: "Asia/Shanghai",
    createdBy: "U1",
    createdAt: "2024-03-01T02:00:00.000Z",
  }).id;
}

/** A poster whose process "dies" right after the platform took the post: it never returns. */
function dyingAfterSend(p: Poster): Poster {
  return {
    ...p,
    post: async (chatId, reply, key) => {
      await p.post(chatId, reply, key);
      await new Promise<never>(() => {});
    },
  };
}

function runner(owner: string, over: Posters, leaseMs = LEASE_MS) {
  return createDigestRunner({
    store: bot.core.store,
    services: bot.core.services,
    posters: over,
    clock: () => t("2024-03-04T09:00:00"),
    log: silentLogger,
    owner,
    policy: { leaseMs },
  });
}

/** Run the slot in a process that dies mid-post; resolves once the platform has the post. */
async function dieMidPost(
  platform: "slack" | "telegram" | "feishu",
  sent: () => Promise<unknown>,
): Promise<void> {
  const poster = posters[platform] as Poster;
  void runner("dead", { [platform]: dyingAfterSend(poster) }).runDue({ at: t("2024-03-04T09:00:00") });
  await sent();
}

describe("a weekly post in flight when its process ended", () => {
  it("Slack: the next run finds the post by its metadata and does not post it again", async () => {
    const id = subscribe("slack", "C1");
    await dieMidPost("slack", () => slackApi.waitForCall("chat.postMessage"));
    expect(getRun(bot.core.db, id, PERIOD)).toMatchObject({ status: "claimed", sendingAt: PERIOD });
    const outcome = await runner("next", posters).runDue({ at: t("2024-03-04T10:30:00") });
    expect(outcome).toMatchObject([{ status: "posted" }]);
    expect(slackApi.callsOf("conversations.history")).toHaveLength(1);
    expect(slackApi.callsOf("chat.postMessage")).toHaveLength(1);
    expect(getRun(bot.core.db, id, PERIOD)?.status).toBe("posted");
  });

  it("Slack: a post the channel does not hold is sent again, without the may-repeat note", async () => {
    const id = subscribe("slack", "C1");
    // The process died after recording the send as in flight, before the message left.
    const silent: Poster = { ...(posters.slack as Poster), post: () => new Promise<never>(() => {}) };
    void runner("dead", { slack: silent }).runDue({ at: t("2024-03-04T09:00:00") });
    await new Promise((r) => setImmediate(r));
    expect(getRun(bot.core.db, id, PERIOD)?.sendingAt).toBe(PERIOD);
    expect(await runner("next", posters).runDue({ at: t("2024-03-04T10:30:00") })).toMatchObject([
      { status: "posted" },
    ]);
    const posted = slackApi.callsOf("chat.postMessage");
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]?.body)).not.toContain(MAY_REPEAT_NOTE);
  });

  it("Telegram cannot tell: the summary is sent again and says it may repeat", async () => {
    const id = subscribe("telegram", "42");
    await dieMidPost("telegram", () => tgApi.waitForCall("sendMessage"));
    const first = tgApi.callsOf("sendMessage").length;
    expect(await runner("next", posters).runDue({ at: t("2024-03-04T10:30:00") })).toMatchObject([
      { status: "posted" },
    ]);
    const again = tgApi.callsOf("sendMessage").slice(first);
    expect(again.length).toBeGreaterThan(0);
    expect(String(again[0]?.payload.text)).toContain(MAY_REPEAT_NOTE);
    expect(
      tgApi
        .callsOf("sendMessage")
        .slice(0, first)
        .map((c) => String(c.payload.text)),
    ).not.toContain(MAY_REPEAT_NOTE);
    expect(getRun(bot.core.db, id, PERIOD)?.status).toBe("posted");
  });

  it("Feishu within its uuid hour: the summary is sent again with the same uuids, which Feishu drops", async () => {
    const id = subscribe("feishu", "oc_chat1");
    await dieMidPost("feishu", () => feishuApi.waitForDelivered((m) => m.target === "oc_chat1"));
    const delivered = feishuApi.delivered.length;
    // A short lease: the claim is taken over 20 minutes later, inside Feishu's hour.
    expect(await runner("next", posters, 10 * 60_000).runDue({ at: t("2024-03-04T09:20:00") })).toMatchObject(
      [{ status: "posted" }],
    );
    // The text card is not delivered again; the chart (issue 21), sent only once a post is
    // recorded, follows for the first time as one image message.
    expect(feishuApi.delivered.slice(delivered).map((m) => m.msgType)).toEqual(["image"]);
    expect(JSON.stringify(feishuApi.calls)).not.toContain(MAY_REPEAT_NOTE);
    expect(getRun(bot.core.db, id, PERIOD)?.status).toBe("posted");
  });
});
