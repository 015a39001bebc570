/**
 * The state bot instances share, on both stores, with two instances on one database (SQLite: two
 * connections to one file; PostgreSQL: two pools): subscriptions, the exactly-once weekly-post
 * claim, delivery dedupe and the change token behave the same, and concurrent claims/deliveries
 * from the two instances are won exactly once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  ChangesRepository,
  DeliveryRepository,
  JobRunRepository,
  SubscriptionRepository,
} from "../src/store/ports.js";
import { migratePg } from "../src/store/postgres/migrations.js";
import { openPool } from "../src/store/postgres/pool.js";
import { pgChanges, pgDeliveries, pgJobRuns, pgSubscriptions } from "../src/store/postgres/state.js";
import { openSqliteStore } from "../src/store/sqlite/store.js";
import { freshPgUrl } from "./helpers/pg.js";

interface Instance {
  subscriptions: SubscriptionRepository;
  jobRuns: JobRunRepository;
  deliveries: DeliveryRepository;
  changes: ChangesRepository;
  close(): Promise<void>;
}

type Pair = { a: Instance; b: Instance; close(): Promise<void> };

const STORES: Array<[string, () => Promise<Pair>]> = [
  [
    "SQLite",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "budget-state-"));
      const a = openSqliteStore(join(dir, "budget.db"));
      const b = openSqliteStore(join(dir, "budget.db"));
      return {
        a,
        b,
        close: async () => {
          await a.close();
          await b.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    "PostgreSQL",
    async () => {
      const url = await freshPgUrl();
      const instance = async (): Promise<Instance> => {
        const pool = openPool(url, 4);
        await migratePg(pool);
        return {
          subscriptions: pgSubscriptions(pool),
          jobRuns: pgJobRuns(pool),
          deliveries: pgDeliveries(pool),
          changes: pgChanges(pool),
          close: () => pool.end(),
        };
      };
      const a = await instance();
      const b = await instance();
      return {
        a,
        b,
        close: async () => {
          await a.close();
          await b.close();
        },
      };
    },
  ],
];

const sub = {
  platform: "slack",
  chatId: "C1",
  teamId: null,
  departments: ["河北省财政厅"],
  schedule: "0 9 * * 1",
  timezone: "Asia/Shanghai",
  createdBy: "U1",
  createdAt: "2026-01-05T00:00:00.000Z",
};

describe.each(STORES)("shared state on %s", (_name, open) => {
  let pair: Pair;
  beforeEach(async () => {
    pair = await open();
  });
  afterEach(async () => {
    await pair.close();
  });

  it("stores subscriptions per chat and never reuses an id", async () => {
    const s1 = await pair.a.subscriptions.insert(sub);
    const s2 = await pair.b.subscriptions.insert({ ...sub, chatId: "C2" });
    expect(await pair.b.subscriptions.get(s1.id)).toEqual(s1);
    expect(await pair.a.subscriptions.list({ platform: "slack", chatId: "C2" })).toEqual([s2]);
    expect(await pair.a.subscriptions.remove(s2.id, { platform: "slack", chatId: "C1" })).toBe(false);
    expect(await pair.a.subscriptions.remove(s2.id, { platform: "slack", chatId: "C2" })).toBe(true);
    const s3 = await pair.a.subscriptions.insert(sub);
    expect(s3.id).toBeGreaterThan(s2.id);
    expect((await pair.b.subscriptions.list()).map((s) => s.id)).toEqual([s1.id, s3.id]);
  });

  it("lets exactly one instance claim a weekly slot, then a failed run due again, then a stale claim", async () => {
    const { id } = await pair.a.subscriptions.insert(sub);
    const slot = {
      subscriptionId: id,
      period: "2026-01-12T01:00:00.000Z",
      at: "2026-01-12T01:00:00.000Z",
      staleBefore: "2026-01-12T00:50:00.000Z",
    };
    const claims = await Promise.all([
      pair.a.jobRuns.claim({ ...slot, owner: "a" }),
      pair.b.jobRuns.claim({ ...slot, owner: "b" }),
      pair.a.jobRuns.claim({ ...slot, owner: "a2" }),
      pair.b.jobRuns.claim({ ...slot, owner: "b2" }),
    ]);
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    const first = won[0] as NonNullable<(typeof won)[0]>;
    expect(first.how).toBe("new");
    const owner = first.run.claimedBy;
    expect(
      await pair.b.jobRuns.markFailed(first.run.id, "someone-else", {
        at: slot.at,
        error: "x",
        nextAttemptAt: null,
      }),
    ).toBe(false);
    expect(
      await pair.a.jobRuns.markFailed(first.run.id, owner, {
        at: slot.at,
        error: "发送失败",
        nextAttemptAt: "2026-01-12T01:05:00.000Z",
      }),
    ).toBe(true);
    const later = { ...slot, at: "2026-01-12T01:06:00.000Z" };
    const retries = await Promise.all([
      pair.a.jobRuns.claim({ ...later, owner: "a" }),
      pair.b.jobRuns.claim({ ...later, owner: "b" }),
    ]);
    expect(retries.filter((c) => c !== null).map((c) => c?.how)).toEqual(["retry"]);
    const stale = { ...slot, at: "2026-01-12T02:00:00.000Z", staleBefore: "2026-01-12T01:50:00.000Z" };
    const again = await Promise.all([
      pair.a.jobRuns.claim({ ...stale, owner: "a" }),
      pair.b.jobRuns.claim({ ...stale, owner: "b" }),
    ]);
    const winner = again.filter((c) => c !== null);
    expect(winner.map((c) => c?.how)).toEqual(["stale"]);
    const run = winner[0]?.run as NonNullable<(typeof winner)[0]>["run"];
    expect(run.attempts).toBe(3);
    expect(await pair.b.jobRuns.markPosted(run.id, run.claimedBy, stale.at)).toBe(true);
    expect(await pair.a.jobRuns.lastPostedAt(id, "2026-01-19T01:00:00.000Z")).toBe(stale.at);
    expect((await pair.a.jobRuns.get(id, slot.period))?.status).toBe("posted");
  });

  it("answers a redelivered event once whichever instance receives it", async () => {
    const p = {
      platform: "slack",
      eventId: "Ev1",
      at: "2026-01-12T01:00:00.000Z",
      windowStart: "2026-01-11T01:00:00.000Z",
    };
    const firsts = await Promise.all([
      pair.a.deliveries.firstTime(p),
      pair.b.deliveries.firstTime(p),
      pair.b.deliveries.firstTime(p),
    ]);
    expect(firsts.filter(Boolean)).toHaveLength(1);
    expect(await pair.a.deliveries.count("slack")).toBe(1);
    // Outside the window the row is pruned and the event counts as new.
    expect(
      await pair.a.deliveries.firstTime({
        ...p,
        at: "2026-01-14T01:00:00.000Z",
        windowStart: "2026-01-13T01:00:00.000Z",
      }),
    ).toBe(true);
  });

  it("changes one instance's change token when the other writes", async () => {
    const before = await pair.a.changes.version();
    expect(await pair.a.changes.version()).toBe(before);
    await pair.b.subscriptions.insert(sub);
    expect(await pair.a.changes.version()).not.toBe(before);
  });
});
