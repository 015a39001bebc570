/**
 * Every SQL statement of the weekly summaries: subscriptions (which chat gets which departments
 * on which schedule) and job_runs (one row per subscription and scheduled slot).
 *
 * Exactly-once posting rests on UNIQUE(subscription_id, period): a process claims a slot with
 * INSERT … ON CONFLICT DO NOTHING inside an IMMEDIATE transaction; only the process whose insert
 * took effect posts. A failed run is re-claimed by an UPDATE that only one process can win.
 * Timestamps are ISO 8601 UTC strings (Date.toISOString()), so text comparison is time order.
 */

import type { ChatRef, ClaimResult, JobRun, NewSubscription, RunStatus, Subscription } from "../ports.js";
import type { Db } from "./db.js";

export type { ChatRef, ClaimResult, JobRun, NewSubscription, RunStatus, Subscription };

type SqlRow = Record<string, unknown>;

export function toSubscription(r: SqlRow): Subscription {
  return {
    id: r.id as number,
    platform: r.platform as string,
    chatId: r.chat_id as string,
    teamId: (r.team_id as string | null) ?? null,
    departments: JSON.parse(r.departments_json as string) as string[],
    schedule: r.schedule as string,
    timezone: r.timezone as string,
    createdBy: r.created_by as string,
    createdAt: r.created_at as string,
  };
}

export function toRun(r: SqlRow): JobRun {
  return {
    id: r.id as number,
    subscriptionId: r.subscription_id as number,
    period: r.period as string,
    status: r.status as RunStatus,
    attempts: r.attempts as number,
    error: (r.error as string | null) ?? null,
    claimedBy: r.claimed_by as string,
    claimedAt: r.claimed_at as string,
    nextAttemptAt: (r.next_attempt_at as string | null) ?? null,
    postedAt: (r.posted_at as string | null) ?? null,
    sendingAt: (r.sending_at as string | null) ?? null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

/** Store a subscription and return it with its id. */
export function insertSubscription(db: Db, s: NewSubscription): Subscription {
  const id = Number(
    db
      .prepare(
        `INSERT INTO subscriptions (platform, chat_id, team_id, departments_json, schedule, timezone, created_by, created_at)
         VALUES (@platform, @chatId, @teamId, @departments, @schedule, @timezone, @createdBy, @createdAt)`,
      )
      .run({ ...s, teamId: s.teamId ?? null, departments: JSON.stringify(s.departments) }).lastInsertRowid,
  );
  return { ...s, id, teamId: s.teamId ?? null };
}

/** One subscription by id, or null. */
export function getSubscription(db: Db, id: number): Subscription | null {
  const r = db.prepare("SELECT * FROM subscriptions WHERE id = ?").get(id) as SqlRow | undefined;
  return r ? toSubscription(r) : null;
}

/** Every subscription (of one chat when `chat` is given), oldest first. */
export function listSubscriptions(db: Db, chat?: ChatRef): Subscription[] {
  const rows = chat
    ? db
        .prepare(
          "SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? AND team_id IS ? ORDER BY id",
        )
        .all(chat.platform, chat.chatId, chat.teamId ?? null)
    : db.prepare("SELECT * FROM subscriptions ORDER BY id").all();
  return (rows as SqlRow[]).map(toSubscription);
}

/** Delete one of a chat's subscriptions (and its runs); false when the chat has no such id. */
export function deleteSubscription(db: Db, id: number, chat: ChatRef): boolean {
  return (
    db
      .prepare("DELETE FROM subscriptions WHERE id = ? AND platform = ? AND chat_id = ? AND team_id IS ?")
      .run(id, chat.platform, chat.chatId, chat.teamId ?? null).changes > 0
  );
}

/** The run of a subscription for one slot, or null. */
export function getRun(db: Db, subscriptionId: number, period: string): JobRun | null {
  const r = db
    .prepare("SELECT * FROM job_runs WHERE subscription_id = ? AND period = ?")
    .get(subscriptionId, period) as SqlRow | undefined;
  return r ? toRun(r) : null;
}

/** Every run (of one subscription when given), newest slot first. */
export function listRuns(db: Db, subscriptionId?: number): JobRun[] {
  const rows =
    subscriptionId === undefined
      ? db.prepare("SELECT * FROM job_runs ORDER BY period DESC, subscription_id").all()
      : db
          .prepare("SELECT * FROM job_runs WHERE subscription_id = ? ORDER BY period DESC")
          .all(subscriptionId);
  return (rows as SqlRow[]).map(toRun);
}

/**
 * Claim a slot for `owner`, in one IMMEDIATE transaction:
 * - no row yet → INSERT … ON CONFLICT DO NOTHING; the insert that takes effect wins ("new");
 * - a failed row whose next_attempt_at has come → UPDATE to claimed ("retry");
 * - a claimed row older than `staleBefore` (its process died mid-post) → taken over ("stale").
 * Every win counts one attempt. Returns null when another process holds or finished the slot.
 */
export function claimRun(
  db: Db,
  p: { subscriptionId: number; period: string; owner: string; at: string; staleBefore: string },
): ClaimResult {
  const tx = db.transaction((): ClaimResult => {
    const inserted = db
      .prepare(
        `INSERT INTO job_runs (subscription_id, period, status, attempts, claimed_by, claimed_at, created_at, updated_at)
         VALUES (@subscriptionId, @period, 'claimed', 1, @owner, @at, @at, @at)
         ON CONFLICT (subscription_id, period) DO NOTHING`,
      )
      .run(p);
    if (inserted.changes === 1) return { run: getRun(db, p.subscriptionId, p.period) as JobRun, how: "new" };
    const before = getRun(db, p.subscriptionId, p.period);
    if (!before) return null;
    const taken = db
      .prepare(
        `UPDATE job_runs SET status = 'claimed', attempts = attempts + 1, claimed_by = @owner, claimed_at = @at,
           next_attempt_at = NULL, updated_at = @at
         WHERE subscription_id = @subscriptionId AND period = @period AND (
           (status = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= @at)
           OR (status = 'claimed' AND claimed_at <= @staleBefore))`,
      )
      .run(p);
    if (taken.changes !== 1) return null;
    return {
      run: getRun(db, p.subscriptionId, p.period) as JobRun,
      how: before.status === "failed" ? "retry" : "stale",
    };
  });
  return tx.immediate();
}

/**
 * Record that the post is being handed to the platform, before it is sent: if the process ends
 * before the outcome is recorded, whoever takes the claim over knows a send may have gone out.
 * False when the claim was lost meanwhile.
 */
export function markSending(db: Db, runId: number, owner: string, at: string): boolean {
  return (
    db
      .prepare(
        `UPDATE job_runs SET sending_at = @at, updated_at = @at
         WHERE id = @runId AND claimed_by = @owner AND status = 'claimed'`,
      )
      .run({ runId, owner, at }).changes === 1
  );
}

/** Record a successful post; false when the claim was lost meanwhile (taken over as stale). */
export function markPosted(db: Db, runId: number, owner: string, at: string): boolean {
  return (
    db
      .prepare(
        `UPDATE job_runs SET status = 'posted', error = NULL, next_attempt_at = NULL, sending_at = NULL, posted_at = @at, updated_at = @at
         WHERE id = @runId AND claimed_by = @owner AND status = 'claimed'`,
      )
      .run({ runId, owner, at }).changes === 1
  );
}

/**
 * Record a failed post with its error and when to try again (null: give up). `sendingAt` keeps an
 * earlier send whose outcome is still unknown (default: none, the platform refused this one).
 */
export function markFailed(
  db: Db,
  runId: number,
  owner: string,
  p: { at: string; error: string; nextAttemptAt: string | null; sendingAt?: string | null },
): boolean {
  return (
    db
      .prepare(
        `UPDATE job_runs SET status = 'failed', error = @error, next_attempt_at = @nextAttemptAt, sending_at = @sendingAt, updated_at = @at
         WHERE id = @runId AND claimed_by = @owner AND status = 'claimed'`,
      )
      .run({ runId, owner, ...p, sendingAt: p.sendingAt ?? null }).changes === 1
  );
}

/** When the subscription's last summary before `period` was posted (ISO), or null. */
export function lastPostedAt(db: Db, subscriptionId: number, period: string): string | null {
  const r = db
    .prepare(
      `SELECT posted_at FROM job_runs WHERE subscription_id = ? AND status = 'posted' AND period < ?
       ORDER BY period DESC LIMIT 1`,
    )
    .get(subscriptionId, period) as SqlRow | undefined;
  return r ? (r.posted_at as string) : null;
}
