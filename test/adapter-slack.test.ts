/**
 * The Slack adapter driven through the real Bolt HTTP receiver on 127.0.0.1:0, with a fake
 * Slack Web API (and response_url target) and a stub dispatcher. Nothing leaves the machine.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actionKind, createSlackApp, mentionToLine, type SlackApp } from "../src/adapters/slack/app.js";
import type { Invocation } from "../src/commands/types.js";
import { waitUntil } from "./fakes/http.js";
import { formBody, signSlackRequest } from "./fakes/sign.js";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.js";
import {
  type LogLine,
  recordingLog,
  STUB_CSV,
  stubDispatcher,
  stubHeading,
} from "./fakes/stub-dispatcher.js";
import { isPng, ZX_SANGONG_CHART } from "./helpers/chart-spec.js";

const SECRET = "test-signing-secret";

interface Harness {
  fake: FakeSlackApi;
  slack: SlackApp;
  port: number;
  seen: Invocation[];
  lines: LogLine[];
}

let h: Harness;

beforeEach(async () => {
  const fake = await startFakeSlackApi();
  const { dispatcher, seen } = stubDispatcher();
  const { log, lines } = recordingLog();
  const slack = createSlackApp({
    botToken: "xoxb-test-token",
    signingSecret: SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
    dispatcher,
    log,
    botId: "B0BOT",
    botUserId: "U0BOT",
    retryConfig: { retries: 0 },
  });
  const { port } = await slack.start();
  h = { fake, slack, port, seen, lines };
});

afterEach(async () => {
  await h.slack.stop();
  await h.fake.close();
  // No test path should make the adapter log an error.
  expect(h.lines.filter((l) => l.level === "error")).toEqual([]);
});

/** POST a body to the Bolt endpoint with the given headers. */
function post(body: string, contentType: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`http://127.0.0.1:${h.port}/slack/events`, {
    method: "POST",
    headers: { "content-type": contentType, ...headers },
    body,
  });
}

/** A slash-command body as Slack sends it. */
function slashBody(
  command: string,
  text: string,
  responseId: string,
  triggerId = `trig-${responseId}`,
): string {
  return formBody({
    token: "legacy",
    team_id: "T1",
    team_domain: "xiongan",
    channel_id: "C1",
    channel_name: "budget",
    user_id: "U1",
    user_name: "analyst",
    command,
    text,
    api_app_id: "A1",
    response_url: h.fake.responseUrl(responseId),
    trigger_id: triggerId,
  });
}

/** POST a correctly signed form body. */
function postSignedForm(body: string): Promise<Response> {
  return post(body, "application/x-www-form-urlencoded", { ...signSlackRequest(SECRET, body) });
}

/** Every text string inside a block tree, joined. */
function blockText(blocks: unknown): string {
  return JSON.stringify(blocks ?? null);
}

/** The first button in a recorded message body. */
function firstButton(body: Record<string, unknown>): { action_id: string; value: string } {
  const blocks = body.blocks as Array<{
    type: string;
    elements?: Array<{ action_id: string; value: string }>;
  }>;
  const actions = blocks.find((b) => b.type === "actions");
  const button = actions?.elements?.[0];
  if (!button) throw new Error("no button in the message");
  return button;
}

/** An app_mention event callback. */
function mentionEvent(eventId: string, text: string, ts: string): string {
  return JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_001,
    event: { type: "app_mention", user: "U1", text, ts, channel: "C1", event_ts: ts },
    authorizations: [{ team_id: "T1", user_id: "U0BOT", is_bot: true }],
  });
}

describe("Slack slash commands", () => {
  it("answers a signed /budget command ephemerally through the response_url with the dispatcher's reply", async () => {
    const res = await postSignedForm(slashBody("/budget", "容东 2024 三公", "cmd1"));
    expect(res.status).toBe(200);
    const answer = await h.fake.waitForResponse((r) => r.id === "cmd1");
    expect(answer.body.response_type).toBe("ephemeral");
    expect(answer.body.text).toContain(stubHeading("/budget 容东 2024 三公"));
    expect(blockText(answer.body.blocks)).toContain(stubHeading("/budget 容东 2024 三公"));
    expect(h.seen).toEqual([
      { text: "/budget 容东 2024 三公", platform: "slack", userId: "U1", chatId: "C1", teamId: "T1" },
    ]);
  });

  it("shares the answer in the channel when the last argument is 公开, without passing the word on", async () => {
    await postSignedForm(slashBody("/budget", "容东 2024 公开", "cmd2"));
    const answer = await h.fake.waitForResponse((r) => r.id === "cmd2");
    expect(answer.body.response_type).toBe("in_channel");
    expect(h.seen[0]?.text).toBe("/budget 容东 2024");
  });

  it("rejects a forged signature with 401 and posts nothing", async () => {
    const body = slashBody("/budget", "容东 2024 三公", "forged");
    const res = await post(body, "application/x-www-form-urlencoded", {
      ...signSlackRequest("not-the-secret", body),
    });
    expect(res.status).toBe(401);
    expect(h.fake.responses).toHaveLength(0);
    expect(h.fake.calls).toHaveLength(0);
    expect(h.seen).toHaveLength(0);
  });

  it("rejects a request signed more than five minutes ago with 401", async () => {
    const body = slashBody("/budget", "容东 2024 三公", "stale");
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await post(body, "application/x-www-form-urlencoded", {
      ...signSlackRequest(SECRET, body, sixMinutesAgo),
    });
    expect(res.status).toBe(401);
    expect(h.fake.responses).toHaveLength(0);
    expect(h.seen).toHaveLength(0);
  });

  it("uploads an exported CSV to the channel with files.uploadV2", async () => {
    await postSignedForm(slashBody("/budget", "容东 导出", "cmd3"));
    const complete = await h.fake.waitForCall("files.completeUploadExternal");
    expect(complete.body.channel_id).toBe("C1");
    const getUrl = h.fake.callsOf("files.getUploadURLExternal")[0];
    expect(getUrl?.body.filename).toBe("budget.csv");
    expect(h.fake.uploads).toHaveLength(1);
    expect(h.fake.uploads[0]?.data.toString("utf8")).toBe(STUB_CSV);
    expect(complete.authorization).toBe("Bearer xoxb-test-token");
  });

  it("uploads a reply's chart as a PNG to the channel after the text answer (issue 21)", async () => {
    await postSignedForm(slashBody("/budget", "政协 三公 历年 图表", "cmd-chart"));
    const complete = await h.fake.waitForCall("files.completeUploadExternal");
    const answer = h.fake.responses.find((r) => r.id === "cmd-chart");
    expect(blockText(answer?.body.blocks)).toContain(stubHeading("/budget 政协 三公 历年 图表"));
    expect(complete.body.channel_id).toBe("C1");
    expect(complete.body.files).toEqual([{ id: expect.any(String), title: ZX_SANGONG_CHART.title }]);
    expect(h.fake.callsOf("files.getUploadURLExternal")[0]?.body.filename).toBe("budget-chart.png");
    expect(h.fake.uploads).toHaveLength(1);
    expect(isPng(h.fake.uploads[0]?.data)).toBe(true);
  });

  it("keeps the text answer when the chart cannot be drawn or Slack refuses the upload, logging each once", async () => {
    await postSignedForm(slashBody("/budget", "坏图", "cmd-bad"));
    await h.fake.waitForResponse((r) => r.id === "cmd-bad");
    await waitUntil(() => h.lines.find((l) => l.msg.includes("chart not drawn")), "the render failure line");
    expect(h.fake.callsOf("files.getUploadURLExternal")).toEqual([]);

    h.fake.failNext("files.completeUploadExternal", "not_in_channel");
    await postSignedForm(slashBody("/budget", "图表", "cmd-refused"));
    const answer = await h.fake.waitForResponse((r) => r.id === "cmd-refused");
    expect(blockText(answer.body.blocks)).toContain(stubHeading("/budget 图表"));
    await waitUntil(() => h.lines.find((l) => l.msg.includes("chart not sent")), "the upload failure line");
    const errors = h.lines.filter((l) => l.level === "error");
    expect(errors.map((l) => l.msg)).toEqual([
      "slack: chart not drawn, the answer went as text only",
      "slack: chart not sent, the answer went as text only",
    ]);
    // Nothing of the failure reaches the chat.
    expect(JSON.stringify(h.fake.responses)).not.toMatch(/not_in_channel|undefined|length/);
    h.lines.length = 0;
  });

  it("sends a native table block and falls back to code-block tables when Slack rejects the layout", async () => {
    h.fake.rejectNextResponse();
    await postSignedForm(slashBody("/budget", "容东 表格", "cmd6"));
    const retried = await h.fake.waitForResponse((r) => r.id === "cmd6" && !r.rejected);
    const [first] = h.fake.responses.filter((r) => r.id === "cmd6");
    expect(first?.rejected).toBe(true);
    expect(blockText(first?.body.attachments)).toContain('"type":"table"');
    expect(retried.body.attachments).toBeUndefined();
    expect(blockText(retried.body.blocks)).toContain("```");
    expect(blockText(retried.body.blocks)).toContain("后勤保障");
  });

  it("never calls auth.test because the bot ids were given", async () => {
    await postSignedForm(slashBody("/budget", "容东", "cmd4"));
    await h.fake.waitForResponse((r) => r.id === "cmd4");
    expect(h.fake.callsOf("auth.test")).toHaveLength(0);
  });
});

describe("Slack buttons", () => {
  it("runs a page button's command and replaces the original message", async () => {
    await postSignedForm(slashBody("/budget", "容东 2024 三公", "cmd5"));
    const first = await h.fake.waitForResponse((r) => r.id === "cmd5");
    const button = firstButton(first.body);
    expect(button.action_id).toMatch(/^bb_page_/);

    const payload = {
      type: "block_actions",
      team: { id: "T1", domain: "xiongan" },
      user: { id: "U1", username: "analyst", team_id: "T1" },
      api_app_id: "A1",
      token: "legacy",
      container: { type: "message", message_ts: "1700000000.000100", channel_id: "C1", is_ephemeral: true },
      trigger_id: "trig-click-1",
      channel: { id: "C1", name: "budget" },
      response_url: h.fake.responseUrl("click1"),
      actions: [
        { type: "button", block_id: "b1", action_id: button.action_id, value: button.value, action_ts: "1" },
      ],
    };
    const res = await postSignedForm(formBody({ payload: JSON.stringify(payload) }));
    expect(res.status).toBe(200);
    const replaced = await h.fake.waitForResponse((r) => r.id === "click1");
    expect(replaced.body.replace_original).toBe(true);
    expect(replaced.body.text).toContain(stubHeading("/budget 容东 2024 三公 --page 2"));
    expect(h.seen[1]).toEqual({
      text: "/budget 容东 2024 三公 --page 2",
      platform: "slack",
      userId: "U1",
      chatId: "C1",
      teamId: "T1",
    });
  });
});

describe("Slack mentions", () => {
  it("answers an app_mention in the thread with chat.postMessage, treating bare text as /budget", async () => {
    const body = mentionEvent("Ev001", "<@U0BOT> 容东 2024 三公", "1700000001.000100");
    const res = await post(body, "application/json", { ...signSlackRequest(SECRET, body) });
    expect(res.status).toBe(200);
    const posted = await h.fake.waitForCall("chat.postMessage");
    expect(posted.body.channel).toBe("C1");
    expect(posted.body.thread_ts).toBe("1700000001.000100");
    expect(posted.body.text).toContain(stubHeading("/budget 容东 2024 三公"));
    expect(posted.authorization).toBe("Bearer xoxb-test-token");
  });

  it("uploads a mention's chart into the answer's thread", async () => {
    const body = mentionEvent("EvChart", "<@U0BOT> 政协 三公 历年 图表", "1700000003.000100");
    await post(body, "application/json", { ...signSlackRequest(SECRET, body) });
    const complete = await h.fake.waitForCall("files.completeUploadExternal");
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(complete.body.thread_ts).toBe("1700000003.000100");
    expect(isPng(h.fake.uploads[0]?.data)).toBe(true);
  });

  it("answers a retried event (same event_id, x-slack-retry-num) only once", async () => {
    const body = mentionEvent("Ev002", "<@U0BOT> 容东", "1700000002.000100");
    await post(body, "application/json", { ...signSlackRequest(SECRET, body) });
    await h.fake.waitForCall("chat.postMessage");
    const retry = await post(body, "application/json", {
      ...signSlackRequest(SECRET, body),
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    expect(retry.status).toBe(200);
    const dropped = await waitUntil(
      () => h.lines.find((l) => l.msg.includes("duplicate delivery ignored")),
      "the duplicate log line",
    );
    expect(dropped.extra).toEqual({ id: "Ev002", retryNum: 1 });
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(h.seen).toHaveLength(1);
  });
});

describe("Slack helpers", () => {
  it("turns mention texts into chat lines", () => {
    const names = ["budget", "project", "help"];
    expect(mentionToLine("<@U0BOT> 容东 2024 三公", names, "U0BOT")).toBe("/budget 容东 2024 三公");
    expect(mentionToLine("<@U0BOT> /project 后勤", names, "U0BOT")).toBe("/project 后勤");
    expect(mentionToLine("<@U0BOT> help", names, "U0BOT")).toBe("/help");
    expect(mentionToLine("<@U0BOT>", names, "U0BOT")).toBe("/help");
    expect(mentionToLine("<@U0BOT|budget-bot> 容东 &amp; 雄安", names)).toBe("/budget 容东 & 雄安");
  });

  it("reads the action kind from the renderer's action_id", () => {
    expect(actionKind("bb_page_0")).toBe("page");
    expect(actionKind("bb_share_1")).toBe("share");
    expect(actionKind("other")).toBeUndefined();
  });
});
