/**
 * Issue 16, in process: the shared HTTP server's guard (405, a handler's fault logged with a
 * reference and answered 500 while the others go on, 503 once stopping), the process-level guard,
 * and platforms that start without their API (one Chinese line with host and reason, retries).
 */
import { EventEmitter } from "node:events";
import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createDingtalkApp } from "../src/adapters/dingtalk/app.js";
import { createFeishuApp } from "../src/adapters/feishu/app.js";
import { createSharedHttpServer, type SharedHttpServer } from "../src/adapters/http-server.js";
import { createSlackApp, type SlackApp } from "../src/adapters/slack/app.js";
import { createTelegramBot } from "../src/adapters/telegram/bot.js";
import { createWecomApp } from "../src/adapters/wecom/app.js";
import { installProcessGuard } from "../src/lifecycle/process-guard.js";
import { ApiRefusal, connectionProblem } from "../src/platforms/network-problem.js";
import { FAKE_CLIENT_ID } from "./fakes/dingtalk-api.js";
import { FAKE_APP_ID, startFakeFeishuApi } from "./fakes/feishu-api.js";
import { closeServer, listenLoopback, waitUntil } from "./fakes/http.js";
import { formBody, signSlackRequest } from "./fakes/sign.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import { type LogLine, recordingLog, stubDispatcher } from "./fakes/stub-dispatcher.js";
import { FAKE_BOT_ID, startFakeWecomApi } from "./fakes/wecom-api.js";

/** No stack frame ("    at f (file.ts:1:2)") in any message line. */
function expectNoStack(lines: LogLine[]): void {
  for (const l of lines) expect(l.msg).not.toMatch(/\n|\bat .*:\d+/);
}

describe("the shared HTTP server's guard", () => {
  let http: SharedHttpServer | undefined;
  afterEach(async () => {
    await http?.close(0);
    http = undefined;
  });

  it("answers 405 to other methods, 500 with a reference to a handler that throws or rejects, and goes on", async () => {
    const { log, lines } = recordingLog();
    http = createSharedHttpServer({ log });
    http.mount("/sync", () => {
      throw new TypeError("Cannot read properties of null (reading 'ssl_check')");
    });
    http.mount("/async", async () => {
      throw new Error("rejected inside a handler");
    });
    http.mount("/ok", (_req, res) => {
      res.writeHead(200).end("ok");
    });
    http.mount("/both", (_req, res) => void res.writeHead(200).end("ok"), { methods: ["GET", "POST"] });
    const port = await http.listen(0);
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;

    const get = await fetch(url("/ok"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await fetch(url("/ok"), { method: "HEAD" })).status).toBe(405);
    expect((await fetch(url("/both"))).status).toBe(200);

    for (const path of ["/sync", "/async"]) {
      const res = await fetch(url(path), { method: "POST", body: "{}" });
      expect(res.status).toBe(500);
      const { ref } = (await res.json()) as { ref: string };
      expect(ref).toMatch(/^[0-9a-f]{8}$/);
      const line = lines.find((l) => l.level === "error" && l.extra?.ref === ref);
      expect(line?.msg).toBe(`处理 HTTP 请求时出错（参考编号 ${ref}）`);
      expect(line?.extra?.path).toBe(path);
    }
    expectNoStack(lines);
    expect((await fetch(url("/ok"), { method: "POST" })).status).toBe(200);
  });

  it("stops accepting on shutdown but lets the request being served finish", async () => {
    http = createSharedHttpServer({ log: recordingLog().log });
    let finish: (() => void) | undefined;
    http.mount("/slow", (_req, res) => {
      finish = () => res.writeHead(200).end("done");
    });
    http.mount("/ok", (_req, res) => void res.writeHead(200).end("ok"));
    const port = await http.listen(0);
    const slow = fetch(`http://127.0.0.1:${port}/slow`, { method: "POST" });
    await waitUntil(() => (finish ? true : undefined), "the slow request");
    http.stopAccepting();
    let settled = false;
    const settling = http.settle(60_000).then((all) => {
      settled = true;
      return all;
    });
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    finish?.();
    expect(await (await slow).text()).toBe("done");
    expect(await settling).toBe(true);
  });
});

describe("the process guard", () => {
  it("logs an unhandled rejection and an uncaught exception with a reference and keeps going; a burst is fatal", () => {
    const target = new EventEmitter();
    const { log, lines } = recordingLog();
    let fatal = 0;
    const remove = installProcessGuard({
      log,
      onFatal: () => fatal++,
      maxFaults: 3,
      windowMs: 1000,
      clock: () => 0,
      target: target as unknown as NodeJS.Process,
    });
    target.emit("unhandledRejection", new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    target.emit("uncaughtException", new Error("one bad request"));
    expect(fatal).toBe(0);
    const faults = lines.filter((l) => l.level === "error");
    expect(faults).toHaveLength(2);
    expect(faults[0]?.msg).toMatch(/^未处理的异步错误，已记录，继续服务（参考编号 [0-9a-f]{8}）$/);
    expect(faults[0]?.extra?.error).toBe("TypeError: Cannot read properties of null (reading 'ssl_check')");
    expectNoStack(lines);
    for (let i = 0; i < 3; i++) target.emit("uncaughtException", new Error("again"));
    expect(fatal).toBe(1);
    remove();
    expect(target.listenerCount("uncaughtException")).toBe(0);
  });
});

describe("a platform started without its API", () => {
  let fake: FakeSlackApi | undefined;
  let slack: SlackApp | undefined;
  afterEach(async () => {
    await slack?.stop(0);
    await fake?.close();
    slack = undefined;
    fake = undefined;
  });

  it("Slack with a wrong token: one Chinese line with host and reason, 503 meanwhile, then retries and answers", async () => {
    fake = await startFakeSlackApi();
    fake.authError = "invalid_auth";
    const { log, lines } = recordingLog();
    const { dispatcher } = stubDispatcher();
    slack = createSlackApp({
      botToken: "xoxb-wrong",
      signingSecret: "s",
      port: 0,
      apiUrl: fake.apiUrl,
      dispatcher,
      log,
      retryConfig: { retries: 0 },
      retryDelayMs: 20,
    });
    const { port } = await slack.start();
    const host = new URL(fake.url).host;
    const first = lines.find((l) => l.level === "error");
    expect(first?.msg).toMatch(
      new RegExp(`^Slack 无法连接 ${host}：凭据无效（invalid_auth），\\d+ 秒后重试$`),
    );
    const body = formBody({
      command: "/budget",
      text: "容东",
      team_id: "T1",
      channel_id: "C1",
      user_id: "U1",
      response_url: fake.responseUrl("r1"),
      trigger_id: "t1",
    });
    const post = () =>
      fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest("s", body) },
        body,
      });
    expect((await post()).status).toBe(503);
    // Never silent: every retry says so.
    await waitUntil(() => lines.find((l) => l.msg.startsWith("Slack 仍无法连接")), "a retry line");
    fake.authError = undefined;
    await waitUntil(() => lines.find((l) => l.msg === `Slack 已连接 ${host}`), "the connected line");
    expect((await post()).status).toBe(200);
    await fake.waitForResponse((r) => r.id === "r1");
    expect(lines.filter((l) => l.level === "error")).toHaveLength(1);
    expectNoStack(lines);
  });

  it("Telegram without connectivity: one Chinese line naming the host and the reason, no stack, start returns", async () => {
    // A port that refuses: listen, note it, close.
    const probe = createServer();
    const port = await listenLoopback(probe);
    await closeServer(probe);
    const { log, lines } = recordingLog();
    const { dispatcher } = stubDispatcher();
    const tg = createTelegramBot({
      token: "123:abc",
      apiRoot: `http://127.0.0.1:${port}`,
      dispatcher,
      log,
      autoRetry: false,
      retryDelayMs: 60_000,
    });
    expect((await tg.start()).mode).toBe("polling");
    const errors = lines.filter((l) => l.level === "error");
    expect(errors.map((l) => l.msg)).toEqual([
      `Telegram 无法连接 127.0.0.1:${port}：连接被拒绝（ECONNREFUSED），60 秒后重试`,
    ]);
    expectNoStack(lines);
    await tg.stop(0);
  });

  it("飞书 with a wrong secret: one Chinese line with host and reason, then retries, no long connection", async () => {
    const fake = await startFakeFeishuApi();
    const { log, lines } = recordingLog();
    const { dispatcher } = stubDispatcher();
    const app = createFeishuApp({
      appId: FAKE_APP_ID,
      appSecret: "wrong-secret",
      mode: "ws",
      domain: fake.domain,
      dispatcher,
      log,
      retryDelayMs: 20,
    });
    try {
      expect((await app.start()).mode).toBe("ws");
      const host = new URL(fake.domain).host;
      await waitUntil(() => lines.find((l) => l.msg.startsWith("飞书 仍无法连接")), "a retry line");
      expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
        `飞书 无法连接 ${host}：凭据无效（10014 app secret invalid），1 秒后重试`,
      ]);
      expectNoStack(lines);
    } finally {
      await app.stop(0);
      await fake.close();
    }
  });

  it("钉钉 without connectivity: one Chinese line naming the host and the reason, then retries", async () => {
    const probe = createServer();
    const port = await listenLoopback(probe);
    await closeServer(probe);
    const { log, lines } = recordingLog();
    const { dispatcher } = stubDispatcher();
    const app = createDingtalkApp({
      clientId: FAKE_CLIENT_ID,
      clientSecret: "s",
      mode: "stream",
      apiUrl: `http://127.0.0.1:${port}`,
      gatewayUrl: `http://127.0.0.1:${port}/v1.0/gateway/connections/open`,
      dispatcher,
      log,
      retryDelayMs: 20,
    });
    try {
      expect((await app.start()).mode).toBe("stream");
      await waitUntil(() => lines.find((l) => l.msg.startsWith("钉钉 仍无法连接")), "a retry line");
      expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
        `钉钉 无法连接 127.0.0.1:${port}：连接被拒绝（ECONNREFUSED），1 秒后重试`,
      ]);
      // The Stream connection waits for the credentials check.
      expect(app.stream).toBeUndefined();
      expectNoStack(lines);
    } finally {
      await app.stop(0);
    }
  });

  it("企业微信 with a wrong secret: one Chinese line with host and reason, then retries", async () => {
    const fake = await startFakeWecomApi();
    const { log, lines } = recordingLog();
    const { dispatcher } = stubDispatcher();
    const app = createWecomApp({
      botId: FAKE_BOT_ID,
      secret: "wrong-secret",
      wsUrl: fake.wsUrl,
      dispatcher,
      log,
      retryDelayMs: 20,
    });
    try {
      expect((await app.start()).mode).toBe("ws");
      const host = new URL(fake.wsUrl).host;
      await waitUntil(() => lines.find((l) => l.msg.startsWith("企业微信 仍无法连接")), "a retry line");
      expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
        `企业微信 无法连接 ${host}：凭据无效（40001 invalid secret），1 秒后重试`,
      ]);
      expect(fake.authenticated()).toBe(0);
      expectNoStack(lines);
    } finally {
      await app.stop(0);
      await fake.close();
    }
  });

  it("names the reason of common failures in Chinese", () => {
    expect(
      connectionProblem(new ApiRefusal("x", { status: 400, code: "InvalidAuthentication", text: "bad" })),
    ).toBe("凭据无效（InvalidAuthentication bad）");
    expect(connectionProblem(new ApiRefusal("x", { status: 503 }))).toBe("平台拒绝（HTTP 503）");
    expect(connectionProblem({ code: "slack_webapi_platform_error", data: { error: "invalid_auth" } })).toBe(
      "凭据无效（invalid_auth）",
    );
    expect(connectionProblem({ error_code: 401, description: "Unauthorized" })).toBe(
      "凭据无效（401 Unauthorized）",
    );
    expect(
      connectionProblem(Object.assign(new TypeError("fetch failed"), { cause: { code: "ENOTFOUND" } })),
    ).toBe("无法解析域名（ENOTFOUND）");
    expect(connectionProblem(new TypeError("fetch failed"))).toBe("连接失败（TypeError）");
  });
});
