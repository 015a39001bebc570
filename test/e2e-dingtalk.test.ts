/**
 * End to end on DingTalk: our Stream client and the HTTP callback against a fake DingTalk platform
 * on 127.0.0.1, driving the real dispatcher over the seed disclosures in SQLite; then
 * `bot digest run-due` posting the weekly summary to a group that ran /subscribe (OpenAPI) and to
 * a group robot webhook registered with `bot digest subscribe` (加签).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Dedupe, storeDedupe } from "../src/adapters/dedupe.js";
import { createDingtalkApp, csvMessages, type DingtalkApp } from "../src/adapters/dingtalk/app.js";
import { dingtalkPoster } from "../src/adapters/dingtalk/poster.js";
import { renderDingtalk } from "../src/adapters/dingtalk/render.js";
import { dingtalkSign } from "../src/adapters/dingtalk/sign.js";
import { createSharedHttpServer, type SharedHttpServer } from "../src/adapters/http-server.js";
import digestCli from "../src/cli/digest.js";
import manifestCli from "../src/cli/manifest.js";
import { DINGTALK_MARKDOWN_MAX_BYTES } from "../src/platforms/limits.js";
import { webhookTarget } from "../src/platforms/webhook-target.js";
import { listRuns, listSubscriptions } from "../src/store/sqlite/subscriptions.js";
import {
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_ROBOT_SECRET,
  FAKE_ROBOT_TOKEN,
  type FakeDingtalkApi,
  robotMessage,
  startFakeDingtalkApi,
} from "./fakes/dingtalk-api.js";
import { type LogLine, recordingLog } from "./fakes/stub-dispatcher.js";
import { chartingDispatcher, isPng, PNG_SIGNATURE } from "./helpers/chart-spec.js";
import { botCliIO } from "./helpers/cli-io.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

/** When the CLI registrations are made (the Friday before the first weekly slot). */
const MADE_AT = "2024-03-01T10:00:00+08:00";

/** A running DingTalk adapter against the fake. */
interface Harness {
  fake: FakeDingtalkApi;
  app: DingtalkApp;
  http: SharedHttpServer;
  port: number | null;
  lines: LogLine[];
  stop(): Promise<void>;
}

async function startHarness(
  bot: TestBot,
  opts: {
    mode?: "stream" | "http";
    dedupe?: Dedupe;
    fake?: FakeDingtalkApi;
    dispatcher?: TestBot["core"]["dispatcher"];
  } = {},
): Promise<Harness> {
  const fake = opts.fake ?? (await startFakeDingtalkApi());
  const http = createSharedHttpServer();
  const { log, lines } = recordingLog();
  const app = createDingtalkApp({
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    mode: opts.mode ?? "stream",
    apiUrl: fake.apiUrl,
    oapiUrl: fake.apiUrl,
    gatewayUrl: fake.gatewayUrl,
    dispatcher: opts.dispatcher ?? bot.core.dispatcher,
    log,
    dedupe: opts.dedupe,
    http,
    backoffMs: 10,
  });
  await app.start();
  const port = await http.listen(0);
  return {
    fake,
    app,
    http,
    port,
    lines,
    stop: async () => {
      await app.stop();
      await http.close();
    },
  };
}

let bot: TestBot;
let h: Harness | undefined;
let fakes: FakeDingtalkApi[] = [];
beforeEach(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-03-01T10:00:00+08:00") });
});
afterEach(async () => {
  // Clean up first, so that one failing test does not leave its app running into the next.
  const logged = h?.lines ?? [];
  await h?.stop();
  h = undefined;
  for (const f of fakes) await f.close();
  fakes = [];
  bot.close();
  expect(logged.filter((l) => l.level === "error")).toEqual([]);
});

async function harness(opts: Parameters<typeof startHarness>[1] = {}): Promise<Harness> {
  const fake = opts.fake ?? (await startFakeDingtalkApi());
  if (!fakes.includes(fake)) fakes.push(fake);
  return startHarness(bot, { ...opts, fake });
}

/** POST a callback to /dingtalk/events, signed with `secret` at `timestamp` (ms). */
function callback(
  port: number | null,
  body: Record<string, unknown>,
  o: { secret?: string; timestamp?: number } = {},
) {
  const timestamp = String(o.timestamp ?? Date.now());
  return fetch(`http://127.0.0.1:${port}/dingtalk/events`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      timestamp,
      sign: dingtalkSign(timestamp, o.secret ?? FAKE_CLIENT_SECRET),
    },
    body: JSON.stringify(body),
  });
}

describe("DingTalk end to end", () => {
  it("answers an @-mention /budget 容东 2024 三公 in a group over Stream mode through the sessionWebhook, with 5.00 and 公务接待费", async () => {
    h = await harness({ dedupe: storeDedupe(bot.core.store.deliveries) });
    await h.fake.waitForConnection();
    const ack = await h.fake.pushRobotMessage(
      robotMessage(h.fake, { text: "/budget 容东 2024 三公", msgId: "m_q1", session: "s_q1" }),
    );
    // The callback frame is acknowledged at once with the ack frame.
    expect(ack.code).toBe(200);
    expect(ack.message).toBe("OK");
    expect(JSON.parse(ack.data ?? "{}")).toEqual({ response: null });
    const answer = await h.fake.waitForDelivered((m) => m.target === "s_q1", "the answer");
    expect(answer.msgtype).toBe("markdown");
    expect(answer.text).toContain("公务接待费");
    expect(answer.text).toContain("5.00");
    expect(answer.text).toContain("000_30685518d77b763b.txt");
    // No markdown tables on DingTalk: the table is a monospace block.
    expect(answer.text).toContain("```");
    expect(answer.text).not.toMatch(/^\|/m);
  });

  it("sends a reply's chart as the app robot's image message (media upload, sampleImageMsg) after the markdown answer, to the group or the user (issue 21)", async () => {
    h = await harness({ dispatcher: chartingDispatcher(bot.core.dispatcher) });
    await h.fake.waitForConnection();
    await h.fake.pushRobotMessage(
      robotMessage(h.fake, {
        text: "/budget 容东 2024 三公 图表",
        session: "s_chart",
        conversationId: "cidChart==",
      }),
    );
    const image = await h.fake.waitForDelivered((m) => m.msgtype === "sampleImageMsg", "the image");
    expect(image).toMatchObject({ how: "group", target: "cidChart==" });
    expect(h.fake.delivered.map((m) => m.msgtype)).toEqual(["markdown", "sampleImageMsg"]);
    expect(h.fake.delivered[0]?.text).toContain("公务接待费");
    expect(isPng(h.fake.media.get(image.text))).toBe(true);
    // In a 1:1 chat the image goes to the user who asked.
    await h.fake.pushRobotMessage(
      robotMessage(h.fake, { text: "/budget 容东 2024 三公 图表", session: "s_one", group: false }),
    );
    const single = await h.fake.waitForDelivered((m) => m.how === "user", "the 1:1 image");
    expect(single).toMatchObject({ target: "staff001", msgtype: "sampleImageMsg" });
    expect(isPng(h.fake.media.get(single.text))).toBe(true);
  });

  it("posts a summary's chart to a /subscribe'd group as an image, and leaves a group robot webhook with the table as text", async () => {
    const fake = await startFakeDingtalkApi();
    fakes.push(fake);
    const poster = dingtalkPoster({
      clientId: FAKE_CLIENT_ID,
      clientSecret: FAKE_CLIENT_SECRET,
      apiUrl: fake.apiUrl,
      oapiUrl: fake.apiUrl,
    });
    const image = {
      png: Buffer.concat([PNG_SIGNATURE, Buffer.from("chart")]),
      fileName: "c.png",
      title: "图",
    };
    expect(await poster.image?.("cidWeek==", image)).toBe(true);
    expect(fake.delivered).toEqual([
      expect.objectContaining({ how: "group", target: "cidWeek==", msgtype: "sampleImageMsg" }),
    ]);
    expect(await poster.image?.(webhookTarget(fake.robotWebhook, FAKE_ROBOT_SECRET), image)).toBe(false);
    expect(fake.delivered).toHaveLength(1);
  });

  it("ignores a group message that does not @-mention the robot", async () => {
    h = await harness();
    await h.fake.waitForConnection();
    await h.fake.pushRobotMessage(robotMessage(h.fake, { text: "容东 2024", atBot: false, session: "s_no" }));
    await h.fake.pushRobotMessage(
      robotMessage(h.fake, { text: "容东 2024", group: false, session: "s_p2p" }),
    );
    await h.fake.waitForDelivered((m) => m.target === "s_p2p");
    expect(h.fake.delivered.filter((m) => m.target === "s_no")).toEqual([]);
  });

  it("answers a redelivered message (same msgId twice) once, also after a restart on the same database", async () => {
    h = await harness({ dedupe: storeDedupe(bot.core.store.deliveries) });
    await h.fake.waitForConnection();
    const msg = robotMessage(h.fake, { text: "容东 2024 三公", msgId: "m_dup", session: "s_dup" });
    await h.fake.pushRobotMessage(msg);
    await h.fake.waitForDelivered((m) => m.target === "s_dup");
    expect((await h.fake.pushRobotMessage(msg)).code).toBe(200);
    await h.fake.pushRobotMessage(robotMessage(h.fake, { text: "容东", session: "s_mark" }));
    await h.fake.waitForDelivered((m) => m.target === "s_mark");
    expect(h.fake.delivered.filter((m) => m.target === "s_dup")).toHaveLength(1);
    const fake = h.fake;
    await h.stop();
    h = await harness({ dedupe: storeDedupe(bot.core.store.deliveries), fake });
    await fake.waitForConnection(2);
    await fake.pushRobotMessage(msg);
    await fake.pushRobotMessage(robotMessage(fake, { text: "容东 2024", session: "s_after" }));
    await fake.waitForDelivered((m) => m.target === "s_after");
    expect(fake.delivered.filter((m) => m.target === "s_dup")).toHaveLength(1);
    expect(h.lines.filter((l) => l.msg === "dingtalk: duplicate delivery ignored")).toHaveLength(1);
  });

  it("shows paging as commands to type (DingTalk robot buttons are links), and the next page answers", async () => {
    h = await harness();
    await h.fake.waitForConnection();
    await h.fake.pushRobotMessage(robotMessage(h.fake, { text: "/project 社区", session: "s_list" }));
    const list = await h.fake.waitForDelivered((m) => m.target === "s_list");
    const hint = /下一页：(\/project [^\n]+)/.exec(list.text);
    expect(hint).not.toBeNull();
    const next = (hint?.[1] ?? "").replace(/\\(.)/g, "$1");
    await h.fake.pushRobotMessage(robotMessage(h.fake, { text: next, session: "s_page2" }));
    const page2 = await h.fake.waitForDelivered((m) => m.target === "s_page2");
    expect(page2.text).toContain("第 2/");
  });

  it("refuses a forged and a stale HTTP callback with 401 and answers a fresh signed one", async () => {
    h = await harness({ mode: "http" });
    const forged = await callback(
      h.port,
      robotMessage(h.fake, { text: "/budget 容东", session: "s_forged" }),
      {
        secret: "not-the-secret",
      },
    );
    expect(forged.status).toBe(401);
    const stale = await callback(h.port, robotMessage(h.fake, { text: "/budget 容东", session: "s_stale" }), {
      timestamp: Date.now() - 2 * 60 * 60_000,
    });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(`http://127.0.0.1:${h.port}/dingtalk/events`, {
      method: "POST",
      body: "{}",
    });
    expect(unsigned.status).toBe(401);
    const ok = await callback(
      h.port,
      robotMessage(h.fake, { text: "/budget 容东 2024 三公", session: "s_ok" }),
    );
    expect(ok.status).toBe(200);
    const answer = await h.fake.waitForDelivered((m) => m.target === "s_ok");
    expect(answer.text).toContain("公务接待费");
    expect(h.fake.delivered.filter((m) => m.target === "s_forged" || m.target === "s_stale")).toEqual([]);
  });

  it("answers an HTTP callback retried with the same msgId once", async () => {
    h = await harness({ mode: "http", dedupe: storeDedupe(bot.core.store.deliveries) });
    const msg = robotMessage(h.fake, { text: "容东 2024 三公", msgId: "m_http", session: "s_http" });
    expect((await callback(h.port, msg)).status).toBe(200);
    expect((await callback(h.port, msg)).status).toBe(200);
    await h.fake.waitForDelivered((m) => m.target === "s_http");
    expect((await callback(h.port, robotMessage(h.fake, { text: "容东", session: "s_last" }))).status).toBe(
      200,
    );
    await h.fake.waitForDelivered((m) => m.target === "s_last");
    expect(h.fake.delivered.filter((m) => m.target === "s_http")).toHaveLength(1);
  });

  it("answers SYSTEM ping, reconnects on SYSTEM disconnect and after a refused gateway, and leaves no timer after stop", async () => {
    h = await harness();
    await h.fake.waitForConnection();
    const pong = await h.fake.system("ping", JSON.stringify({ opaque: "x1" }));
    expect(pong?.code).toBe(200);
    expect(pong?.data).toBe(JSON.stringify({ opaque: "x1" }));
    // The gateway announces a disconnect and refuses the first reconnect: the client backs off and retries.
    h.fake.refuseGateway(1);
    await h.fake.system("disconnect");
    await h.fake.waitForConnection(2);
    expect(h.fake.gatewayCalls()).toBe(3);
    await h.fake.pushRobotMessage(robotMessage(h.fake, { text: "容东 2024", session: "s_again" }));
    await h.fake.waitForDelivered((m) => m.target === "s_again");
    expect(h.app.stream?.pendingTimers()).toBe(1); // the keep-alive of the one live connection
    await h.stop();
    expect(h.app.stream?.pendingTimers()).toBe(0);
    expect(h.app.stream?.connected).toBe(false);
    // Nothing reconnects after stop.
    await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.connections()).toBe(2);
    expect(h.lines.filter((l) => l.msg.startsWith("钉钉 Stream 网关无法连接 127.0.0.1:"))).toHaveLength(1);
    // The refused gateway attempt is expected here; the other assertions above covered it.
    h.lines.length = 0;
  });

  it("subscribes a group with /subscribe 容东, then digest run-due posts the summary through the OpenAPI once", async () => {
    h = await harness();
    await h.fake.waitForConnection();
    await h.fake.pushRobotMessage(
      robotMessage(h.fake, { text: "/subscribe 容东", conversationId: "cidBudget==", session: "s_sub" }),
    );
    const confirm = await h.fake.waitForDelivered((m) => m.target === "s_sub");
    expect(confirm.text).toContain("已订阅预算周报（编号 1）");
    const { io, out } = botCliIO(bot, {
      DINGTALK_CLIENT_ID: FAKE_CLIENT_ID,
      DINGTALK_CLIENT_SECRET: FAKE_CLIENT_SECRET,
      DINGTALK_API_URL: h.fake.apiUrl,
      DINGTALK_OAPI_URL: h.fake.apiUrl,
    });
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:00:00+08:00"], io)).toBe(0);
    expect(out).toEqual([
      "订阅 1 · dingtalk cidBudget== · 容东 · 2024-03-04 09:00 档 · 已推送（第 1 次尝试）",
    ]);
    const toGroup = h.fake.delivered.filter((m) => m.how === "group" && m.target === "cidBudget==");
    // The summary's chart (issue 21) follows the text as the robot's image message.
    expect(toGroup.map((m) => m.msgtype)).toEqual(["sampleMarkdown", "sampleImageMsg"]);
    const posts = toGroup.filter((m) => m.msgtype === "sampleMarkdown");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.msgtype).toBe("sampleMarkdown");
    expect(posts[0]?.text).toContain("预算周报 · 河北雄安新区容东管理委员会 · 2024-03-04");
    expect(posts[0]?.text).toContain("19243.37");
    out.length = 0;
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:05:00+08:00"], io)).toBe(0);
    expect(out[0]).toContain("已推送过，跳过");
    expect(h.fake.delivered.filter((m) => m.how === "group")).toHaveLength(2);
  });

  it("registers a group robot webhook with 加签 from the CLI, never shows it in full, and run-due posts once", async () => {
    const fake = await startFakeDingtalkApi();
    fakes.push(fake);
    // No app credentials at all: a webhook target needs none.
    const { io, out } = botCliIO(bot, {});
    const code = await digestCli.run(
      ["subscribe", "dingtalk", fake.robotWebhook, "容东", "--secret", FAKE_ROBOT_SECRET, "--at", MADE_AT],
      io,
    );
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      /^已登记：订阅 1 · dingtalk http:\/\/127\.0\.0\.1:\d+\/robot\/send\?access_token=…6789（加签） · 容东 · /,
    );
    expect(listSubscriptions(bot.core.db)[0]?.chatId).toContain(FAKE_ROBOT_TOKEN);
    out.length = 0;
    expect(await digestCli.run(["list"], io)).toBe(0);
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:00:00+08:00"], io)).toBe(0);
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:05:00+08:00"], io)).toBe(0);
    const all = out.join("\n");
    expect(all).not.toContain(FAKE_ROBOT_TOKEN);
    expect(all).not.toContain(FAKE_ROBOT_SECRET);
    expect(out[1]).toContain("已推送（第 1 次尝试）");
    expect(out[2]).toContain("已推送过，跳过");
    const posts = fake.delivered.filter((m) => m.how === "webhook");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toContain("预算周报 · 河北雄安新区容东管理委员会");
    expect(listRuns(bot.core.db).map((r) => r.status)).toEqual(["posted"]);
  });

  it("records a webhook refused for a wrong 加签 secret as failed without quoting the URL or the secret", async () => {
    const fake = await startFakeDingtalkApi();
    fakes.push(fake);
    const { io, out } = botCliIO(bot, {});
    const wrong = "SECwrongsecret000000";
    expect(
      await digestCli.run(
        ["subscribe", "dingtalk", fake.robotWebhook, "容东", "--secret", wrong, "--at", MADE_AT],
        io,
      ),
    ).toBe(0);
    expect(await digestCli.run(["run-due", "--at", "2024-03-04T09:00:00+08:00"], io)).toBe(1);
    expect(out.find((l) => l.startsWith("订阅 1"))).toContain(
      "推送失败（第 1 次）：钉钉群机器人推送失败（HTTP 200，错误码 310000：sign not match）",
    );
    expect(out.join("\n")).not.toContain(FAKE_ROBOT_TOKEN);
    expect(out.join("\n")).not.toContain(wrong);
    expect(fake.delivered).toEqual([]);
  });

  it("refuses a webhook without access_token and a secret that is not SEC…", async () => {
    const { io, out } = botCliIO(bot, {});
    expect(
      await digestCli.run(["subscribe", "dingtalk", "https://oapi.dingtalk.com/robot/send", "容东"], io),
    ).toBe(2);
    expect(
      await digestCli.run(
        [
          "subscribe",
          "dingtalk",
          "https://oapi.dingtalk.com/robot/send?access_token=abc",
          "--secret",
          "nope",
        ],
        io,
      ),
    ).toBe(2);
    expect(out).toEqual([
      "ERR 钉钉群机器人 webhook 地址应含 access_token（形如 https://oapi.dingtalk.com/robot/send?access_token=…）",
      "ERR 加签密钥应以 SEC 开头（群机器人“安全设置”→“加签”中复制）",
    ]);
    expect(listSubscriptions(bot.core.db)).toEqual([]);
  });

  it("prints the developer-console steps with bot manifest dingtalk", async () => {
    const { io, out } = botCliIO(bot, {});
    expect(await manifestCli.run(["dingtalk"], io)).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Stream 模式");
    expect(text).toContain("DINGTALK_CLIENT_ID");
    expect(text).toContain("digest subscribe dingtalk");
    expect(text).toContain("/budget — ");
    out.length = 0;
    expect(
      await manifestCli.run(
        ["dingtalk", "--mode", "http", "--url", "https://bot.example/dingtalk/events"],
        io,
      ),
    ).toBe(0);
    expect(out.join("\n")).toContain("https://bot.example/dingtalk/events");
  });
});

describe("DingTalk rendering", () => {
  it("keeps every markdown message below the limit and every table row, repeating the header on continuations", async () => {
    const reply = await bot.ask("/project 社区");
    expect(reply.table?.rows.length).toBeGreaterThan(0);
    const rows = reply.table?.rows ?? [];
    const big = {
      ...reply,
      table: reply.table && { ...reply.table, rows: Array.from({ length: 40 }, () => rows).flat() },
    };
    const messages = renderDingtalk(big);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(Buffer.byteLength(m.markdown.text, "utf8")).toBeLessThanOrEqual(DINGTALK_MARKDOWN_MAX_BYTES);
      // Every message opens and closes its code blocks.
      expect((m.markdown.text.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(messages[1]?.markdown.text).toContain("（续）");
    const shown = messages.map((m) => m.markdown.text).join("\n");
    for (const r of big.table?.rows ?? []) expect(shown).toContain(r[r.length - 1]?.slice(0, 4) ?? "");
  });

  it("sends a CSV export as copyable code blocks, saying why, split below the limit", () => {
    const content = `项目,预算数\n${Array.from({ length: 400 }, (_, i) => `项目${i},${i}.00`).join("\n")}\n`;
    const messages = csvMessages({ filename: "budget.csv", mime: "text/csv", content });
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]?.markdown.text).toContain("钉钉机器人回复不能附带文件");
    const lines = messages.flatMap((m) => m.markdown.text.split("\n"));
    expect(lines).toContain("项目399,399.00");
    expect(lines).toContain("项目0,0.00");
  });
});
