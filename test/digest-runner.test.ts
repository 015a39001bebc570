/**
 * The summary scheduler over a real SQLite file holding the seeds, with an injected clock and
 * recording posters: due / not due, catch-up, exactly once across runs and processes, retries.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppCore, createCore } from "../src/app.js";
import { silentLogger } from "../src/lifecycle/log.js";
import { SWEEP_JOB, startDigestScheduler } from "../src/scheduler/digest-jobs.js";
import { createDigestRunner, type DigestRunner, type RetryPolicy } from "../src/scheduler/digest-runner.js";
import type { Store } from "../src/store/ports.js";
import { closeDb, openDb } from "../src/store/sqlite/db.js";
import { sqliteStore } from "../src/store/sqlite/store.js";
import {
  claimRun,
  insertSubscription,
  listRuns,
  type Subscription,
} from "../src/store/sqlite/subscriptions.js";
import { saveDisclosure } from "../src/store/sqlite/write.js";
import { parseText } from "./helpers/parse-text.js";
import { type RecordingPoster, recordingPoster } from "./helpers/recording-poster.js";
import { DATA_DIR, startTestBot, type TestBot } from "./helpers/test-bot.js";

const RONGDONG = "河北雄安新区容东管理委员会";
const FILE_000 = "000_30685518d77b763b.txt";
const CREATED = "2024-03-01T02:00:00.000Z"; // Friday 10:00 Beijing time
const t = (local: string) => new Date(`${local}+08:00`);

let bot: TestBot;
let poster: RecordingPoster;
let clockNow: Date;
const clock = () => clockNow;

beforeEach(async () => {
  clockNow = t("2024-03-01T10:00:00");
  bot = await startTestBot({ clock });
  poster = recordingPoster("slack");
});
afterEach(() => bot.close());

function subscribe(over: Partial<Subscription> = {}): Subscription {
  return insertSubscription(bot.core.db, {
    platform: "slack",
    chatId: "C1",
    teamId: "T1",
    departments: [RONGDONG],
    schedule: "0 9 * * 1",
    timezone: "Asia/Shanghai",
    createdBy: "U1",
    createdAt: CREATED,
    ...over,
  });
}

function runner(
  opts: {
    store?: Store;
    core?: AppCore;
    posters?: RecordingPoster[];
    owner?: string;
    policy?: Partial<RetryPolicy>;
    concurrency?: number;
  } = {},
): DigestRunner {
  const core = opts.core ?? bot.core;
  const posters = Object.fromEntries((opts.posters ?? [poster]).map((p) => [p.platform, p]));
  return createDigestRunner({
    store: opts.store ?? core.store,
    services: core.services,
    posters,
    clock,
    log: silentLogger,
    owner: opts.owner,
    policy: opts.policy,
    concurrency: opts.concurrency,
  });
}

describe("due or not due", () => {
  it("posts nothing before the first slot after subscribing, then the Monday 09:00 summary once", async () => {
    const sub = subscribe();
    const r = runner();
    expect(await r.runDue({ at: t("2024-03-04T08:59:59") })).toEqual([
      { subscriptionId: sub.id, status: "not-due" },
    ]);
    expect(poster.posts).toEqual([]);

    const due = await r.runDue({ at: t("2024-03-04T09:00:00") });
    expect(due).toEqual([
      { subscriptionId: sub.id, status: "posted", period: "2024-03-04T01:00:00.000Z", attempts: 1 },
    ]);
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]?.chatId).toBe("C1");
    expect(poster.posts[0]?.reply.heading).toBe(`预算周报 · ${RONGDONG} · 2024-03-04`);
    expect((poster.posts[0]?.reply.text ?? []).join("\n")).toContain("收入总计：19,243.37 万元");

    const again = await r.runDue({ at: t("2024-03-04T09:30:00") });
    expect(again[0]).toMatchObject({ status: "done", period: "2024-03-04T01:00:00.000Z" });
    expect(poster.posts).toHaveLength(1);
    expect(listRuns(bot.core.db, sub.id)).toMatchObject([
      {
        period: "2024-03-04T01:00:00.000Z",
        status: "posted",
        attempts: 1,
        error: null,
        postedAt: "2024-03-04T01:00:00.000Z",
      },
    ]);
  });

  it("does not owe a slot that passed before the subscription was made", async () => {
    const sub = subscribe({ createdAt: "2024-03-04T02:00:00.000Z" }); // Monday 10:00, after the 09:00 slot
    expect(await runner().runDue({ at: t("2024-03-04T12:00:00") })).toEqual([
      { subscriptionId: sub.id, status: "not-due" },
    ]);
    expect(poster.calls).toBe(0);
  });

  it("skips a platform without a poster and leaves no run behind", async () => {
    const sub = subscribe({ platform: "telegram", chatId: "42", teamId: null });
    const out = await runner().runDue({ at: t("2024-03-04T09:00:00") });
    expect(out).toEqual([
      {
        subscriptionId: sub.id,
        status: "no-poster",
        period: "2024-03-04T01:00:00.000Z",
        platform: "telegram",
      },
    ]);
    expect(listRuns(bot.core.db)).toEqual([]);
  });
});

describe("after downtime", () => {
  it("posts only the latest missed slot, once, and lists documents changed since the last summary", async () => {
    // Fixture: the seeds were ingested on Feb 1 (the test bot stamps them with the real time).
    bot.core.db
      .prepare("UPDATE documents SET ingested_at = ?, updated_at = ?")
      .run("2024-02-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z");
    const sub = subscribe();
    const r = runner();
    clockNow = t("2024-03-04T09:00:05");
    await r.runDue();
    expect((poster.posts[0]?.reply.text ?? []).join("\n")).not.toContain("新导入或更新");
    // 000 is ingested again with a change on Mar 10 while the bot is down.
    const changed = parseText(readFileSync(join(DATA_DIR, FILE_000), "utf8"), FILE_000);
    changed.sha256 = "f".repeat(64);
    saveDisclosure(bot.core.db, changed, { now: () => "2024-03-10T02:00:00.000Z" });
    // Down from Mar 4 until Mar 20: the Mar 11 and Mar 18 slots were missed.
    clockNow = t("2024-03-20T12:00:00");
    const out = await r.runDue();
    expect(out).toEqual([
      { subscriptionId: sub.id, status: "posted", period: "2024-03-18T01:00:00.000Z", attempts: 1 },
    ]);
    expect(await r.runDue()).toMatchObject([{ status: "done" }]);
    expect(poster.posts).toHaveLength(2);
    expect((poster.posts[1]?.reply.text ?? []).join("\n")).toContain(
      `· ${FILE_000}（2024年，已更新于 2024-03-10 10:00）`,
    );
    expect(listRuns(bot.core.db, sub.id).map((x) => x.period)).toEqual([
      "2024-03-18T01:00:00.000Z",
      "2024-03-04T01:00:00.000Z",
    ]);
  });

  it("catches up at scheduler start (croner jobs in Asia/Shanghai with protect), then stops cleanly", async () => {
    const sub = subscribe();
    clockNow = t("2024-03-12T08:00:00");
    const started = await startDigestScheduler({
      store: bot.core.store,
      runner: runner(),
      clock,
      log: silentLogger,
      timezone: "Asia/Shanghai",
      unref: true,
    });
    try {
      expect(started.catchUp).toEqual([
        { subscriptionId: sub.id, status: "posted", period: "2024-03-11T01:00:00.000Z", attempts: 1 },
      ]);
      expect(poster.posts).toHaveLength(1);
      const jobs = started.scheduler.list();
      expect(jobs.map((j) => j.name).sort()).toEqual([`digest:${sub.id}`, SWEEP_JOB]);
      expect(jobs.find((j) => j.name === `digest:${sub.id}`)?.nextRun?.toISOString()).toBe(
        "2024-03-18T01:00:00.000Z",
      );
      // A second start (a restart) owes nothing more for the same slot.
      const restarted = await startDigestScheduler({
        store: bot.core.store,
        runner: runner(),
        clock,
        log: silentLogger,
        timezone: "Asia/Shanghai",
        unref: true,
      });
      restarted.stop();
      expect(restarted.catchUp).toMatchObject([{ status: "done" }]);
      expect(poster.posts).toHaveLength(1);
      // New subscriptions are picked up by sync().
      const other = subscribe({ chatId: "C2", schedule: "30 17 * * 5" });
      await started.scheduler.sync();
      expect(started.scheduler.list().map((j) => j.name)).toContain(`digest:${other.id}`);
    } finally {
      started.stop();
    }
    expect(started.scheduler.list()).toEqual([]);
  });
});

describe("exactly once", () => {
  it("posts once when two processes (two connections on the same file) run the same slot concurrently", async () => {
    const subs = [subscribe(), subscribe({ chatId: "C2" }), subscribe({ chatId: "C3", departments: [] })];
    const db2 = openDb(join(bot.dir, "budget.db"));
    try {
      const core2 = createCore({ store: sqliteStore(db2), log: silentLogger, clock });
      const poster2 = recordingPoster("slack");
      const a = runner({ owner: "process-a", concurrency: 1 });
      const b = runner({ store: core2.store, core: core2, posters: [poster2], owner: "process-b" });
      const at = t("2024-03-04T09:00:00");
      const [outA, outB] = await Promise.all([a.runDue({ at }), b.runDue({ at })]);
      const posted = [...outA, ...outB].filter((o) => o.status === "posted").map((o) => o.subscriptionId);
      expect(posted.sort()).toEqual(subs.map((s) => s.id).sort());
      expect(poster.posts.length + poster2.posts.length).toBe(3);
      expect([...poster.posts, ...poster2.posts].map((p) => p.chatId).sort()).toEqual(["C1", "C2", "C3"]);
      expect([...outA, ...outB].filter((o) => o.status === "busy" || o.status === "done")).toHaveLength(3);
      const runs = listRuns(db2);
      expect(runs).toHaveLength(3);
      expect(runs.every((x) => x.status === "posted" && x.attempts === 1)).toBe(true);
      expect(new Set(runs.map((x) => x.claimedBy))).toEqual(new Set(["process-a", "process-b"]));
    } finally {
      closeDb(db2);
    }
  });

  it("takes over a claim left by a process that died mid-post once its lease has run out", async () => {
    const sub = subscribe();
    const period = "2024-03-04T01:00:00.000Z";
    claimRun(bot.core.db, { subscriptionId: sub.id, period, owner: "dead", at: period, staleBefore: period });
    const r = runner({ policy: { leaseMs: 60 * 60_000 } });
    expect(await r.runDue({ at: t("2024-03-04T09:30:00") })).toMatchObject([{ status: "busy" }]);
    expect(poster.calls).toBe(0);
    expect(await r.runDue({ at: t("2024-03-04T10:00:00") })).toMatchObject([
      { status: "posted", attempts: 2 },
    ]);
    expect(poster.posts).toHaveLength(1);
  });
});

describe("failures", () => {
  it("records a failed post and retries it with exponential backoff until it goes through", async () => {
    const sub = subscribe();
    const r = runner({ policy: { baseDelayMs: 60_000 } });
    poster.failNext(2);
    const first = await r.runDue({ at: t("2024-03-04T09:00:00") });
    expect(first).toEqual([
      {
        subscriptionId: sub.id,
        status: "failed",
        period: "2024-03-04T01:00:00.000Z",
        attempts: 1,
        error: "fake outage",
        nextAttemptAt: "2024-03-04T01:01:00.000Z",
      },
    ]);
    expect(listRuns(bot.core.db, sub.id)).toMatchObject([
      { status: "failed", attempts: 1, error: "fake outage", nextAttemptAt: "2024-03-04T01:01:00.000Z" },
    ]);
    // Not yet: the backoff has not run out.
    expect(await r.runDue({ at: t("2024-03-04T09:00:30") })).toMatchObject([
      { status: "waiting", attempts: 1 },
    ]);
    expect(poster.calls).toBe(1);
    // Second attempt fails too: the next wait doubles (2 minutes).
    expect(await r.runDue({ at: t("2024-03-04T09:01:00") })).toMatchObject([
      { status: "failed", attempts: 2, nextAttemptAt: "2024-03-04T01:03:00.000Z" },
    ]);
    expect(await r.runDue({ at: t("2024-03-04T09:03:00") })).toMatchObject([
      { status: "posted", attempts: 3 },
    ]);
    expect(poster.posts).toHaveLength(1);
    expect(listRuns(bot.core.db, sub.id)).toMatchObject([
      { status: "posted", attempts: 3, error: null, nextAttemptAt: null },
    ]);
  });

  it("gives up after the last attempt and records it", async () => {
    const sub = subscribe();
    const r = runner({ policy: { maxAttempts: 2, baseDelayMs: 1000 } });
    poster.failChat("C1");
    await r.runDue({ at: t("2024-03-04T09:00:00") });
    expect(await r.runDue({ at: t("2024-03-04T09:00:01") })).toMatchObject([
      { status: "failed", attempts: 2, nextAttemptAt: null },
    ]);
    expect(await r.runDue({ at: t("2024-03-04T10:00:00") })).toMatchObject([
      { status: "gave-up", attempts: 2 },
    ]);
    expect(poster.calls).toBe(2);
    expect(listRuns(bot.core.db, sub.id)).toMatchObject([
      { status: "failed", attempts: 2, error: "channel_not_found: C1" },
    ]);
  });

  it("never lets one failing subscription hold up the others", async () => {
    const bad = subscribe({ chatId: "C-gone" });
    const good = subscribe({ chatId: "C2" });
    const tg = recordingPoster("telegram");
    const other = subscribe({ platform: "telegram", chatId: "42", teamId: null, schedule: "0 9 * * *" });
    poster.failChat("C-gone");
    const out = await runner({ posters: [poster, tg] }).runDue({ at: t("2024-03-04T09:00:00") });
    expect(out.map((o) => [o.subscriptionId, o.status])).toEqual([
      [bad.id, "failed"],
      [good.id, "posted"],
      [other.id, "posted"],
    ]);
    expect(poster.posts.map((p) => p.chatId)).toEqual(["C2"]);
    expect(tg.posts.map((p) => p.chatId)).toEqual(["42"]);
  });

  it("records a subscription whose stored schedule is broken as failed and goes on with the rest", async () => {
    const broken = subscribe({ schedule: "not a cron" });
    const fine = subscribe({ chatId: "C2" });
    const out = await runner().runDue({ at: t("2024-03-04T09:00:00") });
    expect(out[0]).toMatchObject({ subscriptionId: broken.id, status: "failed" });
    expect(out[1]).toMatchObject({ subscriptionId: fine.id, status: "posted" });
  });
});
