/**
 * The adapter contract and the rules every platform shares: what a message means, the shared
 * message pipeline (dedupe, ack then answer, update vs answer, files, failures), the SQLite
 * delivery dedupe across a restart, the schema-7 migration, and the registry as the only place
 * that names platforms.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withAccessControl } from "../src/adapters/access.js";
import { messageToLine } from "../src/adapters/common.js";
import type { ReplySender } from "../src/adapters/contract.js";
import { memoryDedupe, storeDedupe } from "../src/adapters/dedupe.js";
import { handleIncoming, type IncomingMessage } from "../src/adapters/pipeline.js";
import { PLATFORMS } from "../src/adapters/registry.js";
import { startChatAdapters } from "../src/adapters/start.js";
import { ConfigSchema, loadConfig } from "../src/config.js";
import type { Reply, ReplyAttachment } from "../src/reply/reply.js";
import { closeDb, openDb } from "../src/store/sqlite/db.js";
import { countDeliveries } from "../src/store/sqlite/deliveries.js";
import { LATEST_VERSION, migrate, schemaVersion } from "../src/store/sqlite/migrations.js";
import { openSqliteStore } from "../src/store/sqlite/store.js";
import { insertSubscription, listRuns, listSubscriptions } from "../src/store/sqlite/subscriptions.js";
import * as feishuFakes from "./fakes/feishu-api.js";
import { formBody, signSlackRequest } from "./fakes/sign.js";
import { startFakeSlackApi } from "./fakes/slack-api.js";
import { recordingLog, STUB_CSV, stubDispatcher, stubHeading } from "./fakes/stub-dispatcher.js";
import { startTestBot } from "./helpers/test-bot.js";

const root = join(import.meta.dirname, "..");
const NAMES = ["budget", "project", "help"];

describe("what a chat message means (shared by every platform)", () => {
  it("turns a bare line into a /budget query and keeps commands, help and an empty mention apart", () => {
    expect(messageToLine("容东 2024 三公", { commandNames: NAMES })).toBe("/budget 容东 2024 三公");
    expect(messageToLine("　容东　2024 ", { commandNames: NAMES })).toBe("/budget 容东 2024");
    expect(messageToLine("/project 后勤", { commandNames: NAMES })).toBe("/project 后勤");
    expect(messageToLine("help budget", { commandNames: NAMES })).toBe("/help budget");
    expect(messageToLine("", { commandNames: NAMES })).toBe("/help");
  });

  it("ignores /cmd@otherbot and runs /cmd@thisbot without the suffix", () => {
    const opts = { commandNames: NAMES, botNames: ["BudgetBot"] };
    expect(messageToLine("/budget@otherbot 容东", opts)).toBeNull();
    expect(messageToLine("/budget@budgetbot 容东 2024", opts)).toBe("/budget 容东 2024");
    // Without known bot names the suffix is dropped, never a reason to ignore.
    expect(messageToLine("/budget@x 容东", { commandNames: NAMES })).toBe("/budget 容东");
  });
});

/** A ReplySender that records what it was asked to send. */
function recordingSender(opts: { update?: boolean; fail?: boolean } = {}) {
  const sent: Array<{ how: "answer" | "update" | "file"; reply?: Reply; file?: ReplyAttachment }> = [];
  const sender: ReplySender = {
    answer: async (reply) => {
      if (opts.fail && reply.kind !== "error") throw new Error("platform refused");
      sent.push({ how: "answer", reply });
    },
    file: async (file) => {
      sent.push({ how: "file", file });
    },
  };
  if (opts.update) sender.update = async (reply) => void sent.push({ how: "update", reply });
  return { sender, sent };
}

function message(over: Partial<IncomingMessage> = {}): IncomingMessage {
  return { platform: "test", text: "容东 2024 三公", userId: "u1", chatId: "c1", addressed: true, ...over };
}

describe("the shared message pipeline", () => {
  it("answers a bare @-mention question as /budget, and a redelivered event only once", async () => {
    const { dispatcher, seen } = stubDispatcher();
    const { log, lines } = recordingLog();
    const deps = { dispatcher, dedupe: memoryDedupe(), log };
    const { sender, sent } = recordingSender();
    const first = await handleIncoming(deps, message({ eventId: "ev1" }), sender);
    const again = await handleIncoming(deps, message({ eventId: "ev1" }), sender);
    expect(first.outcome).toBe("answered");
    expect(again.outcome).toBe("duplicate");
    await Promise.all([first.done, again.done]);
    expect(seen.map((i) => i.text)).toEqual(["/budget 容东 2024 三公"]);
    expect(sent.map((s) => s.reply?.heading)).toEqual([stubHeading("/budget 容东 2024 三公")]);
    expect(lines.some((l) => l.msg === "test: duplicate delivery ignored")).toBe(true);
  });

  it("ignores group chatter not addressed to the bot and commands for another bot", async () => {
    const { dispatcher, seen } = stubDispatcher();
    const deps = { dispatcher, dedupe: memoryDedupe(), log: recordingLog().log, botNames: ["budget_bot"] };
    const { sender, sent } = recordingSender();
    expect((await handleIncoming(deps, message({ addressed: false }), sender)).outcome).toBe("ignored");
    expect((await handleIncoming(deps, message({ text: "/budget@other_bot 容东" }), sender)).outcome).toBe(
      "ignored",
    );
    expect(seen).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("replaces the message on a page button where the platform can, and sends the CSV as a file", async () => {
    const { dispatcher, seen } = stubDispatcher();
    const deps = { dispatcher, dedupe: memoryDedupe(), log: recordingLog().log };
    const { sender, sent } = recordingSender({ update: true });
    await (
      await handleIncoming(
        deps,
        message({ action: { kind: "page", command: "/budget 容东 导出 --page 2" } }),
        sender,
      )
    ).done;
    expect(seen[0]?.text).toBe("/budget 容东 导出 --page 2");
    expect(sent.map((s) => s.how)).toEqual(["update", "file"]);
    expect(sent[1]?.file?.content).toBe(STUB_CSV);
  });

  it("tells the user a slow answer is coming before the answer itself", async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const working = new Promise<void>((r) => {
      release = r;
    });
    const { dispatcher } = stubDispatcher();
    const slow = {
      ...dispatcher,
      dispatch: async (inv: Parameters<typeof dispatcher.dispatch>[0]) => {
        await working; // the answer is ready only once the notice went out
        return dispatcher.dispatch(inv);
      },
    };
    const sender: ReplySender = {
      answer: async (reply) => void order.push(`answer ${reply.heading}`),
      working: async () => {
        order.push("working");
        release();
      },
    };
    await (
      await handleIncoming(
        { dispatcher: slow, dedupe: memoryDedupe(), log: recordingLog().log, slowMs: 1 },
        message(),
        sender,
      )
    ).done;
    expect(order).toEqual(["working", `answer ${stubHeading("/budget 容东 2024 三公")}`]);
  });

  it("tells the user when sending fails, and logs it", async () => {
    const { dispatcher } = stubDispatcher();
    const { log, lines } = recordingLog();
    const { sender, sent } = recordingSender({ fail: true });
    await (await handleIncoming({ dispatcher, dedupe: memoryDedupe(), log }, message(), sender)).done;
    expect(sent.map((s) => s.reply?.heading)).toEqual(["处理请求时出错，请稍后再试"]);
    expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual(["test: answer failed"]);
  });
});

describe("delivery dedupe in SQLite", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "budget-dedupe-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("remembers an event across a restart and between two processes, and forgets it after the window", async () => {
    const path = join(dir, "budget.db");
    let now = new Date("2024-03-04T09:00:00Z");
    const db1 = openSqliteStore(path);
    expect(await storeDedupe(db1.deliveries, () => now).firstTime("feishu", "ev-1")).toBe(true);
    // A second connection (another process on the same file) sees it at once.
    const db2 = openSqliteStore(path);
    expect(await storeDedupe(db2.deliveries, () => now).firstTime("feishu", "ev-1")).toBe(false);
    // The same id on another platform is another event.
    expect(await storeDedupe(db2.deliveries, () => now).firstTime("slack", "ev-1")).toBe(true);
    closeDb(db1.db);
    closeDb(db2.db);

    const restarted = openSqliteStore(path);
    const dedupe = storeDedupe(restarted.deliveries, () => now, 60 * 60_000);
    expect(await dedupe.firstTime("feishu", "ev-1")).toBe(false);
    now = new Date("2024-03-04T10:30:00Z");
    expect(await dedupe.firstTime("feishu", "ev-2")).toBe(true);
    // ev-1 was pruned with the window: offered again it counts as new.
    expect(countDeliveries(restarted.db, "feishu")).toBe(1);
    expect(await dedupe.firstTime("feishu", "ev-1")).toBe(true);
    closeDb(restarted.db);
  });

  it("migrates a version-4 database: subscriptions and runs kept, any platform name accepted, cascade intact", () => {
    const path = join(dir, "v4.db");
    const old = new Database(path);
    old.pragma("foreign_keys = ON");
    migrate(old, 4);
    old
      .prepare(
        `INSERT INTO subscriptions (platform, chat_id, team_id, departments_json, schedule, timezone, created_by, created_at)
         VALUES ('slack', 'C1', 'T1', '["容东"]', '0 9 * * 1', 'Asia/Shanghai', 'U1', '2024-03-01T02:00:00.000Z')`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO job_runs (subscription_id, period, status, attempts, claimed_by, claimed_at, created_at, updated_at)
         VALUES (1, '2024-03-04T01:00:00.000Z', 'posted', 1, 'p', 't', 't', 't')`,
      )
      .run();
    expect(() =>
      old
        .prepare(
          `INSERT INTO subscriptions (platform, chat_id, departments_json, schedule, timezone, created_by, created_at)
           VALUES ('feishu', 'oc_1', '[]', '0 9 * * 1', 'Asia/Shanghai', 'u', 't')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    old.close();

    const db = openDb(path);
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(listSubscriptions(db).map((s) => [s.id, s.platform, s.chatId, s.departments])).toEqual([
        [1, "slack", "C1", ["容东"]],
      ]);
      expect(listRuns(db, 1).map((r) => r.status)).toEqual(["posted"]);
      const added = insertSubscription(db, {
        platform: "feishu",
        chatId: "oc_1",
        teamId: null,
        departments: [],
        schedule: "0 9 * * 1",
        timezone: "Asia/Shanghai",
        createdBy: "u",
        createdAt: "t",
      });
      expect(added.id).toBe(2);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as Array<{
        name: string;
      }>;
      expect(indexes.map((i) => i.name)).toContain("subscriptions_chat");
      db.prepare("DELETE FROM subscriptions WHERE id = 1").run();
      expect(listRuns(db, 1)).toEqual([]);
      expect(db.pragma("foreign_key_check")).toEqual([]);
    } finally {
      closeDb(db);
    }
  });
});

/** Every .ts file under a folder. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return f.endsWith(".ts") ? [p] : [];
  });
}

/** Source without comments (block and line comments; good enough for this tree's style). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

describe("the registry is the one place that names platforms", () => {
  it("composes every platform's config schema into the bot's, each variable owned by one platform", () => {
    const keys = Object.keys(ConfigSchema.shape);
    const owned = PLATFORMS.flatMap((p) => Object.keys(p.config.shape));
    expect(new Set(owned).size).toBe(owned.length);
    for (const k of owned) expect(keys).toContain(k);
    expect(new Set(PLATFORMS.map((p) => p.name)).size).toBe(PLATFORMS.length);
  });

  it("runs each platform's start-up check and applies each platform's access list", async () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/SLACK_SIGNING_SECRET/);
    const { dispatcher } = stubDispatcher();
    const guarded = withAccessControl(loadConfig({ ALLOWED_TELEGRAM_CHATS: "42" }), dispatcher);
    const inv = { text: "/budget 容东", userId: "7" };
    expect((await guarded.dispatch({ ...inv, platform: "telegram", chatId: "43" })).kind).toBe("error");
    expect((await guarded.dispatch({ ...inv, platform: "telegram", chatId: "42" })).kind).toBeUndefined();
    // Another platform's list does not apply.
    expect((await guarded.dispatch({ ...inv, platform: "slack", chatId: "43" })).kind).toBeUndefined();
    const feishu = withAccessControl(loadConfig({ ALLOWED_FEISHU_CHATS: "oc_ok" }), dispatcher);
    expect((await feishu.dispatch({ ...inv, platform: "feishu", chatId: "oc_other" })).heading).toContain(
      "未获授权",
    );
    expect((await feishu.dispatch({ ...inv, platform: "feishu", chatId: "oc_ok" })).kind).toBeUndefined();
  });

  it("has no code naming a platform outside its folders (adapters/, platforms/), src/render/ and the two lists", () => {
    const files = [...tsFiles(join(root, "src")), ...tsFiles(join(root, "commands"))];
    const offenders: string[] = [];
    for (const p of PLATFORMS) {
      const word = new RegExp(`\\b${p.name}\\b`, "i");
      for (const f of files) {
        const rel = relative(root, f).split("\\").join("/");
        if (rel.startsWith(`src/adapters/${p.name}/`) || rel.startsWith(`src/platforms/${p.name}/`)) continue;
        if (rel.startsWith("src/render/")) continue;
        if (rel === "src/adapters/registry.ts" || rel === "src/platforms/index.ts") continue;
        code(readFileSync(f, "utf8"))
          .split("\n")
          // The released schema-3 migration keeps its historical CHECK; schema 7 drops it.
          .filter((l) => !l.includes("CHECK (platform IN"))
          .forEach((l, i) => {
            if (word.test(l)) offenders.push(`${rel}:${i + 1}: ${l.trim()}`);
          });
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("one process, one HTTP server", () => {
  it("serves Slack's and Feishu's endpoints on the same PORT, each checking its own signatures", async () => {
    const bot = await startTestBot();
    const slackApi = await startFakeSlackApi();
    const feishu = await feishuFakes.startFakeFeishuApi();
    const config = loadConfig({
      PORT: "0",
      SLACK_BOT_TOKEN: "xoxb-shared",
      SLACK_SIGNING_SECRET: "slack-secret",
      SLACK_API_URL: slackApi.apiUrl,
      FEISHU_APP_ID: feishuFakes.FAKE_APP_ID,
      FEISHU_APP_SECRET: feishuFakes.FAKE_APP_SECRET,
      FEISHU_MODE: "http",
      FEISHU_ENCRYPT_KEY: "shared-key",
      FEISHU_DOMAIN: feishu.domain,
    });
    const { log } = recordingLog();
    const running = await startChatAdapters(config, bot.core, log);
    try {
      expect(running.map((r) => r.name)).toEqual(["slack-http", "feishu-http", "http"]);
      const port = running.find((r) => r.name === "http")?.port;
      const base = `http://127.0.0.1:${port}`;
      const slackBody = formBody({
        command: "/budget",
        text: "容东",
        team_id: "T1",
        channel_id: "C1",
        user_id: "U1",
      });
      const slackForged = await fetch(`${base}/slack/events`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...signSlackRequest("wrong", slackBody),
        },
        body: slackBody,
      });
      expect(slackForged.status).toBe(401);
      const ev = feishuFakes.messageEvent({
        text: "容东 2024 三公",
        chatType: "p2p",
        messageId: "om_shared",
      });
      const forged = feishuFakes.signedCallback(ev, "shared-key", { signWith: "wrong" });
      expect(
        (await fetch(`${base}/feishu/events`, { method: "POST", headers: forged.headers, body: forged.raw }))
          .status,
      ).toBe(401);
      const good = feishuFakes.signedCallback(ev, "shared-key");
      expect(
        (await fetch(`${base}/feishu/events`, { method: "POST", headers: good.headers, body: good.raw }))
          .status,
      ).toBe(200);
      const answer = await feishu.waitForDelivered((m) => m.target === "om_shared");
      expect(JSON.stringify(answer.content)).toContain("公务接待费");
      expect((await fetch(`${base}/elsewhere`, { method: "POST" })).status).toBe(404);
    } finally {
      for (const r of running) await r.stop();
      await slackApi.close();
      await feishu.close();
      bot.close();
    }
  });
});
