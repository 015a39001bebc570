/**
 * Charts in chat (issue 21), the shared parts: a chart drawn and handed to the platform after the
 * text, failures logged once and never costing the answer; the weekly summary's chart posted
 * after its text by the digest runner (Poster.image), and by the Telegram and Slack posters.
 */

import { webApi } from "@slack/bolt";
import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { slackPoster } from "../src/adapters/slack/poster.js";
import { telegramPoster } from "../src/adapters/telegram/poster.js";
import type { ChartImage } from "../src/platforms/poster.js";
import { drawChart, sendChart } from "../src/scheduler/chart-image.js";
import { createDigestRunner } from "../src/scheduler/digest-runner.js";
import { insertSubscription } from "../src/store/sqlite/subscriptions.js";
import { startFakeSlackApi } from "./fakes/slack-api.js";
import { recordingLog } from "./fakes/stub-dispatcher.js";
import { startFakeTelegramApi, type TelegramFilePart } from "./fakes/telegram-api.js";
import { BROKEN_CHART, isPng, ZX_SANGONG_CHART } from "./helpers/chart-spec.js";
import { recordingPoster } from "./helpers/recording-poster.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

// The weekly summary as built today, with a chart of real figures (the digest's own chart is r21b's).
vi.mock("../src/digest/summary.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/digest/summary.js")>();
  const { ZX_SANGONG_CHART: chart } = await import("./helpers/chart-spec.js");
  return {
    ...real,
    buildDigest: async (...args: Parameters<typeof real.buildDigest>) => ({
      ...(await real.buildDigest(...args)),
      chart,
    }),
  };
});

describe("sendChart", () => {
  it("draws the chart as a PNG named budget-chart.png with the chart's title", async () => {
    const sent: ChartImage[] = [];
    const { log, lines } = recordingLog();
    await sendChart(ZX_SANGONG_CHART, async (img) => void sent.push(img), log, "test");
    expect(sent).toHaveLength(1);
    expect(isPng(sent[0]?.png)).toBe(true);
    expect(sent[0]?.fileName).toBe("budget-chart.png");
    expect(sent[0]?.title).toBe(ZX_SANGONG_CHART.title);
    expect(lines).toEqual([]);
  });

  it("logs a chart that cannot be drawn once and sends nothing", async () => {
    const send = vi.fn(async () => true);
    const { log, lines } = recordingLog();
    await sendChart(BROKEN_CHART, send, log, "test");
    expect(send).not.toHaveBeenCalled();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ["error", "test: chart not drawn, the answer went as text only"],
    ]);
    expect(await drawChart(BROKEN_CHART, log, "test")).toBeNull();
  });

  it("logs a refused image once without throwing, and a target without images as info", async () => {
    const { log, lines } = recordingLog();
    await sendChart(ZX_SANGONG_CHART, () => Promise.reject(new Error("boom")), log, "test");
    await sendChart(ZX_SANGONG_CHART, async () => false, log, "test");
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ["error", "test: chart not sent, the answer went as text only"],
      ["info", "test: this target cannot carry images, the chart's table went as text"],
    ]);
  });
});

describe("weekly summary with a chart", () => {
  let bot: TestBot;
  const at = new Date("2024-03-04T09:00:00+08:00");
  beforeEach(async () => {
    bot = await startTestBot({ clock: () => at });
  });
  afterEach(() => bot.close());

  function subscribe(platform: string) {
    insertSubscription(bot.core.db, {
      platform,
      chatId: "C1",
      teamId: "T1",
      departments: ["河北雄安新区容东管理委员会"],
      schedule: "0 9 * * 1",
      timezone: "Asia/Shanghai",
      createdBy: "U1",
      createdAt: "2024-03-01T02:00:00.000Z",
    });
  }

  it("posts the chart after the text where the poster shows images", async () => {
    subscribe("slack");
    const poster = recordingPoster("slack");
    const order: string[] = [];
    const post = poster.post.bind(poster);
    poster.post = async (...a) => {
      await post(...a);
      order.push("text");
    };
    poster.image = async (chatId, img) => {
      expect(chatId).toBe("C1");
      expect(isPng(img.png)).toBe(true);
      order.push("chart");
      return true;
    };
    const { log, lines } = recordingLog();
    const run = (p = poster) =>
      createDigestRunner({
        store: bot.core.store,
        services: bot.core.services,
        posters: { slack: p },
        clock: () => at,
        log,
      }).runDue();
    expect((await run())[0]?.status).toBe("posted");
    expect(order).toEqual(["text", "chart"]);
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("counts a summary whose chart the platform refused as posted, logging the chart once", async () => {
    subscribe("slack");
    const poster = recordingPoster("slack");
    poster.image = () => Promise.reject(new Error("upload refused"));
    const { log, lines } = recordingLog();
    const runner = createDigestRunner({
      store: bot.core.store,
      services: bot.core.services,
      posters: { slack: poster },
      clock: () => at,
      log,
    });
    expect((await runner.runDue())[0]?.status).toBe("posted");
    expect(poster.posts).toHaveLength(1);
    expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
      "digest slack: chart not sent, the answer went as text only",
    ]);
  });
});

describe("posters send a summary's chart", () => {
  const image = async () => (await drawChart(ZX_SANGONG_CHART, recordingLog().log, "t")) as ChartImage;

  it("Telegram: sendPhoto with the PNG and the title as caption", async () => {
    const fake = await startFakeTelegramApi();
    try {
      const poster = telegramPoster(new Api(fake.token, { apiRoot: fake.apiRoot }));
      expect(await poster.image?.("-100123", await image())).toBe(true);
      const call = await fake.waitForCall("sendPhoto");
      expect(call.payload.chat_id).toBe("-100123");
      expect(call.payload.caption).toBe(ZX_SANGONG_CHART.title);
      expect(isPng((call.payload.photo as TelegramFilePart).bytes)).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it("Slack: files.uploadV2 into the channel", async () => {
    const fake = await startFakeSlackApi();
    try {
      const client = new webApi.WebClient("xoxb-test", {
        slackApiUrl: fake.apiUrl,
        retryConfig: { retries: 0 },
        logLevel: webApi.LogLevel.ERROR,
      });
      expect(await slackPoster(client).image?.("C9", await image())).toBe(true);
      const complete = await fake.waitForCall("files.completeUploadExternal");
      expect(complete.body.channel_id).toBe("C9");
      expect(isPng(fake.uploads[0]?.data)).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
