/**
 * Issue 16: 飞书, 钉钉 and 企业微信 wait for their answers in flight only as long as the shutdown
 * allows (`stop(ms)` → the one drain of src/lifecycle/in-flight.ts), not a fixed drain of their own.
 * Started from configuration against their fakes, stopped with a deadline; every drain records the
 * bound it was given.
 */
import { describe, expect, it, vi } from "vitest";
import { startChatAdapters, stopChatAdapters } from "../src/adapters/start.js";
import { loadConfig } from "../src/config.js";
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeDingtalkApi } from "./fakes/dingtalk-api.js";
import { FAKE_APP_ID, FAKE_APP_SECRET, startFakeFeishuApi } from "./fakes/feishu-api.js";
import { recordingLog } from "./fakes/stub-dispatcher.js";
import { FAKE_BOT_ID, FAKE_BOT_SECRET, startFakeWecomApi } from "./fakes/wecom-api.js";
import { startTestBot } from "./helpers/test-bot.js";

/** The bound of every drain, in call order. */
const drains: Array<number | undefined> = vi.hoisted(() => []);

vi.mock("../src/lifecycle/in-flight.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/lifecycle/in-flight.js")>();
  return {
    ...real,
    inFlight: () => {
      const t = real.inFlight();
      return {
        track: <T>(p: Promise<T>) => t.track(p),
        get size() {
          return t.size;
        },
        drain: (ms?: number) => {
          drains.push(ms);
          return t.drain(ms);
        },
      };
    },
  };
});

describe("stopping the Chinese platforms", () => {
  it("passes the shutdown's deadline to the drain of 飞书, 钉钉 and 企业微信", async () => {
    const bot = await startTestBot();
    const feishu = await startFakeFeishuApi();
    const dingtalk = await startFakeDingtalkApi();
    const wecom = await startFakeWecomApi();
    const config = loadConfig({
      PORT: "0",
      FEISHU_APP_ID: FAKE_APP_ID,
      FEISHU_APP_SECRET: FAKE_APP_SECRET,
      FEISHU_DOMAIN: feishu.domain,
      DINGTALK_CLIENT_ID: FAKE_CLIENT_ID,
      DINGTALK_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      DINGTALK_API_URL: dingtalk.apiUrl,
      DINGTALK_GATEWAY_URL: dingtalk.gatewayUrl,
      WECOM_BOT_ID: FAKE_BOT_ID,
      WECOM_BOT_SECRET: FAKE_BOT_SECRET,
      WECOM_WS_URL: wecom.wsUrl,
    });
    const { log } = recordingLog();
    try {
      const running = await startChatAdapters(config, bot.core, log);
      expect(running.map((r) => r.name)).toEqual(["feishu-ws", "dingtalk-stream", "wecom-ws"]);
      drains.length = 0;
      await stopChatAdapters(running, log, 1234);
      expect(drains).toEqual([1234, 1234, 1234]);
    } finally {
      await feishu.close();
      await dingtalk.close();
      await wecom.close();
      bot.close();
    }
  });
});
