/**
 * Issue 16: what `bot digest list` and the log say about a weekly post — a send in flight
 * (job_runs.sending_at) is shown as such, and a post that failed in the network names the host and
 * the reason in Chinese, never `fetch failed` alone.
 */
import { createServer } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Poster, Posters } from "../src/adapters/contract.js";
import { postersFromConfig } from "../src/adapters/posters.js";
import digestCli from "../src/cli/digest.js";
import { createDigestRunner } from "../src/scheduler/digest-runner.js";
import { insertSubscription } from "../src/store/sqlite/subscriptions.js";
import { closeServer, listenLoopback } from "./fakes/http.js";
import { recordingLog } from "./fakes/stub-dispatcher.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "./fakes/telegram-api.js";
import { botCliIO } from "./helpers/cli-io.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

const t = (local: string) => new Date(`${local}+08:00`);

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot({ clock: () => t("2024-03-04T09:00:00") });
  insertSubscription(bot.core.db, {
    platform: "telegram",
    chatId: "42",
    teamId: null,
    departments: ["河北雄安新区容东管理委员会"],
    schedule: "0 9 * * 1",
    timezone: "Asia/Shanghai",
    createdBy: "U1",
    createdAt: "2024-03-01T02:00:00.000Z",
  });
});
afterEach(() => bot.close());

async function telegramPosters(apiRoot: string, token = "123:abc"): Promise<Posters> {
  return postersFromConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot }, { retries: 0 });
}

function runner(posters: Posters, log = recordingLog().log) {
  return createDigestRunner({
    store: bot.core.store,
    services: bot.core.services,
    posters,
    clock: () => t("2024-03-04T09:00:00"),
    log,
    owner: "test",
  });
}

async function listLines(): Promise<string> {
  const { io, out } = botCliIO(bot, {});
  expect(await digestCli.run(["list", "--at", "2024-03-04T09:30:00+08:00"], io)).toBe(0);
  return out.join("\n");
}

describe("digest list and the log about a weekly post", () => {
  let tg: FakeTelegramApi | undefined;
  afterEach(async () => {
    await tg?.close();
    tg = undefined;
  });

  it("shows a send in flight, in Chinese", async () => {
    tg = await startFakeTelegramApi();
    const poster = (await telegramPosters(tg.apiRoot, tg.token)).telegram as Poster;
    // The platform took the post and the process "died" before the outcome was recorded.
    const dying: Poster = {
      ...poster,
      post: async (chatId, reply, key) => {
        await poster.post(chatId, reply, key);
        await new Promise<never>(() => {});
      },
    };
    void runner({ telegram: dying }).runDue({ at: t("2024-03-04T09:00:00") });
    await tg.waitForCall("sendMessage");
    const list = await listLines();
    expect(list).toContain("上次 2024-03-04 09:00 档：推送中（2024-03-04 09:00 起，结果未知）（1 次）");
    expect(list).not.toMatch(/claimed|posted|failed/);
  });

  it("reports a post that could not reach the platform with the host and the reason", async () => {
    const probe = createServer();
    const port = await listenLoopback(probe);
    await closeServer(probe);
    const { log, lines } = recordingLog();
    const [outcome] = await runner(await telegramPosters(`http://127.0.0.1:${port}`), log).runDue({
      at: t("2024-03-04T09:00:00"),
    });
    const reason = `无法连接 127.0.0.1:${port}：连接被拒绝（ECONNREFUSED）`;
    expect(outcome).toMatchObject({ status: "failed", error: reason });
    expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
      `周报推送失败（订阅 1，第 1 次）：${reason}`,
    ]);
    const list = await listLines();
    expect(list).toContain(`档：推送失败，将重试（1 次，${reason}）`);
    expect(list).not.toContain("fetch failed");
  });
});
