/**
 * `npm start` with DingTalk and WeCom configured: both start from configuration alone in one
 * process (the registry, config schemas and the shared context), are listed by name and mode,
 * and answer through their fake platforms; DingTalk's HTTP mode shares the one HTTP server.
 */
import { describe, expect, it } from "vitest";
import { startChatAdapters, stopChatAdapters } from "../src/adapters/start.js";
import { loadConfig } from "../src/config.js";
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  robotMessage,
  startFakeDingtalkApi,
} from "./fakes/dingtalk-api.js";
import { recordingLog } from "./fakes/stub-dispatcher.js";
import { FAKE_BOT_ID, FAKE_BOT_SECRET, startFakeWecomApi, textMessage } from "./fakes/wecom-api.js";
import { startTestBot } from "./helpers/test-bot.js";

describe("starting the Chinese platforms from configuration", () => {
  it("starts DingTalk (Stream mode) and WeCom in one process, logs which, and both answer", async () => {
    const bot = await startTestBot();
    const dingtalk = await startFakeDingtalkApi();
    const wecom = await startFakeWecomApi();
    const config = loadConfig({
      PORT: "0",
      DINGTALK_CLIENT_ID: FAKE_CLIENT_ID,
      DINGTALK_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      DINGTALK_API_URL: dingtalk.apiUrl,
      DINGTALK_GATEWAY_URL: dingtalk.gatewayUrl,
      WECOM_BOT_ID: FAKE_BOT_ID,
      WECOM_BOT_SECRET: FAKE_BOT_SECRET,
      WECOM_WS_URL: wecom.wsUrl,
    });
    const { log, lines } = recordingLog();
    const running = await startChatAdapters(config, bot.core, log);
    try {
      expect(running.map((r) => r.name)).toEqual(["dingtalk-stream", "wecom-ws"]);
      expect(lines.filter((l) => l.msg.endsWith("adapter started")).map((l) => l.extra?.mode)).toEqual([
        "dingtalk-stream",
        "wecom-ws",
      ]);
      await dingtalk.waitForConnection();
      await wecom.waitForAuth();
      await dingtalk.pushRobotMessage(robotMessage(dingtalk, { text: "容东 2024 三公", session: "s_start" }));
      expect((await dingtalk.waitForDelivered((m) => m.target === "s_start")).text).toContain("公务接待费");
      const reqId = wecom.pushMessage(textMessage({ text: "容东 2024 三公" }));
      const answer = await wecom.waitForFrame(
        (f) =>
          f.headers.req_id === reqId && (f.body as { stream?: { finish?: boolean } }).stream?.finish === true,
      );
      expect(JSON.stringify(answer.body)).toContain("公务接待费");
    } finally {
      await stopChatAdapters(running, log);
      await dingtalk.close();
      await wecom.close();
      bot.close();
    }
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("mounts DingTalk's HTTP callback on the shared server when DINGTALK_MODE=http", async () => {
    const bot = await startTestBot();
    const dingtalk = await startFakeDingtalkApi();
    const config = loadConfig({
      PORT: "0",
      DINGTALK_CLIENT_ID: FAKE_CLIENT_ID,
      DINGTALK_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      DINGTALK_API_URL: dingtalk.apiUrl,
      DINGTALK_MODE: "http",
    });
    const { log } = recordingLog();
    const running = await startChatAdapters(config, bot.core, log);
    try {
      expect(running.map((r) => r.name)).toEqual(["dingtalk-http", "http"]);
      const port = running.find((r) => r.name === "http")?.port;
      const res = await fetch(`http://127.0.0.1:${port}/dingtalk/events`, { method: "POST", body: "{}" });
      expect(res.status).toBe(401);
    } finally {
      await stopChatAdapters(running, log);
      await dingtalk.close();
      bot.close();
    }
  });
});
