/**
 * The store state several bot instances share on PostgreSQL (issue 22): subscriptions, the
 * exactly-once claims of weekly posts (job_runs), delivery dedupe, stored findings, department
 * aliases and the change token. The same SQL and rules as SQLite's (store/sqlite/subscriptions.ts,
 * deliveries.ts, findings.ts, department-aliases.ts); what SQLite gets from its one writer,
 * PostgreSQL gets from single statements: a claim is one `INSERT … ON CONFLICT DO NOTHING
 * RETURNING` or one conditional UPDATE, a delivery one insert that either adds the row or not.
 * Every write bumps `store_version`, the change token other instances compare.
 */
import type { Finding } from "../../domain/findings.js";
import type {
  ChangesRepository,
  ChatRef,
  ClaimResult,
  DeliveryRepository,
  FindingsRepository,
  JobRun,
  JobRunRepository,
  NewSubscription,
  Subscription,
  SubscriptionRepository,
} from "../ports.js";
import { toRun, toSubscription } from "../sqlite/subscriptions.js";
import { all, bumpVersion, get, type PgPool, type Queryable, run, transaction } from "./pool.js";

/** Run one write and bump the change token, in one transaction. */
function write<T>(pool: PgPool, fn: (db: Queryable) => Promise<T>): Promise<T> {
  return transaction(pool, async (client) => {
    const out = await fn(client);
    await bumpVersion(client);
    return out;
  });
}

export function pgSubscriptions(pool: PgPool): SubscriptionRepository {
  return {
    insert: (s: NewSubscription) =>
      write(pool, async (db) => {
        const r = await get(
          db,
          `INSERT INTO subscriptions (platform, chat_id, team_id, departments_json, schedule, timezone, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
          [
            s.platform,
            s.chatId,
            s.teamId ?? null,
            JSON.stringify(s.departments),
            s.schedule,
            s.timezone,
            s.createdBy,
            s.createdAt,
          ],
        );
        return { ...s, id: Number(r?.id), teamId: s.teamId ?? null } as Subscription;
      }),
    get: async (id) => {
      const r = await get(pool, "SELECT * FROM subscriptions WHERE id = ?", [id]);
      return r ? toSubscription(r) : null;
    },
    list: async (chat?: ChatRef) =>
      (chat
        ? await all(
            pool,
            "SELECT * FROM subscriptions WHERE platform = ? AND chat_id = ? AND team_id IS NOT DISTINCT FROM ? ORDER BY id",
            [chat.platform, chat.chatId, chat.teamId ?? null],
          )
        : await all(pool, "SELECT * FROM subscriptions ORDER BY id")
      ).map(toSubscription),
    remove: (id, chat) =>
      write(
        pool,
        async (db) =>
          (await run(
            db,
            "DELETE FROM subscriptions WHERE id = ? AND platform = ? AND chat_id = ? AND team_id IS NOT DISTINCT FROM ?",
            [id, chat.platform, chat.chatId, chat.teamId ?? null],
          )) > 0,
      ),
  };
}

export function pgJobRuns(pool: PgPool): JobRunRepository {
  const getRun = async (db: Queryable, subscriptionId: number, period: string): Promise<JobRun | null> => {
    const r = await get(db, "SELECT * FROM job_runs WHERE subscription_id = ? AND period = ?", [
      subscriptionId,
      period,
    ]);
    return r ? toRun(r) : null;
  };
  /** A conditional update of a run this owner holds; true when it applied. */
  const mark = (sql: string, params: unknown[]) =>
    write(pool, async (db) => (await run(db, sql, params)) === 1);
  return {
    get: (subscriptionId, period) => getRun(pool, subscriptionId, period),
    list: async (subscriptionId) =>
      (subscriptionId === undefined
        ? await all(pool, "SELECT * FROM job_runs ORDER BY period DESC, subscription_id")
        : await all(pool, "SELECT * FROM job_runs WHERE subscription_id = ? ORDER BY period DESC", [
            subscriptionId,
          ])
      ).map(toRun),
    claim: (p) =>
      write(pool, async (db): Promise<ClaimResult> => {
        const inserted = await get(
          db,
          `INSERT INTO job_runs (subscription_id, period, status, attempts, claimed_by, claimed_at, created_at, updated_at)
           VALUES (?, ?, 'claimed', 1, ?, ?, ?, ?)
           ON CONFLICT (subscription_id, period) DO NOTHING RETURNING *`,
          [p.subscriptionId, p.period, p.owner, p.at, p.at, p.at],
        );
        if (inserted) return { run: toRun(inserted), how: "new" };
        // Taken from a failed run due again or a stale claim: one conditional UPDATE, so two
        // instances racing for it cannot both win (the loser's WHERE no longer holds).
        const taken = await get(
          db,
          `UPDATE job_runs r SET status = 'claimed', attempts = r.attempts + 1, claimed_by = ?, claimed_at = ?,
             next_attempt_at = NULL, updated_at = ?
           FROM job_runs old
           WHERE old.id = r.id AND r.subscription_id = ? AND r.period = ? AND (
             (r.status = 'failed' AND r.next_attempt_at IS NOT NULL AND r.next_attempt_at <= ?)
             OR (r.status = 'claimed' AND r.claimed_at <= ?))
           RETURNING r.*, old.status AS old_status`,
          [p.owner, p.at, p.at, p.subscriptionId, p.period, p.at, p.staleBefore],
        );
        if (!taken) return null;
        return { run: toRun(taken), how: taken.old_status === "failed" ? "retry" : "stale" };
      }),
    markSending: (runId, owner, at) =>
      mark(
        `UPDATE job_runs SET sending_at = ?, updated_at = ? WHERE id = ? AND claimed_by = ? AND status = 'claimed'`,
        [at, at, runId, owner],
      ),
    markPosted: (runId, owner, at) =>
      mark(
        `UPDATE job_runs SET status = 'posted', error = NULL, next_attempt_at = NULL, sending_at = NULL, posted_at = ?, updated_at = ?
         WHERE id = ? AND claimed_by = ? AND status = 'claimed'`,
        [at, at, runId, owner],
      ),
    markFailed: (runId, owner, p) =>
      mark(
        `UPDATE job_runs SET status = 'failed', error = ?, next_attempt_at = ?, sending_at = ?, updated_at = ?
         WHERE id = ? AND claimed_by = ? AND status = 'claimed'`,
        [p.error, p.nextAttemptAt, p.sendingAt ?? null, p.at, runId, owner],
      ),
    lastPostedAt: async (subscriptionId, period) => {
      const r = await get(
        pool,
        `SELECT posted_at FROM job_runs WHERE subscription_id = ? AND status = 'posted' AND period < ?
         ORDER BY period DESC LIMIT 1`,
        [subscriptionId, period],
      );
      return r ? (r.posted_at as string) : null;
    },
  };
}

export function pgDeliveries(pool: PgPool): DeliveryRepository {
  return {
    // One insert decides: of two instances receiving the same retry, exactly one adds the row.
    firstTime: (p) =>
      transaction(pool, async (db) => {
        await run(db, "DELETE FROM deliveries WHERE seen_at < ?", [p.windowStart]);
        return (
          (await run(
            db,
            "INSERT INTO deliveries (platform, event_id, seen_at) VALUES (?, ?, ?) ON CONFLICT (platform, event_id) DO NOTHING",
            [p.platform, p.eventId, p.at],
          )) === 1
        );
      }),
    count: async (platform) =>
      Number(
        (platform === undefined
          ? await get(pool, "SELECT count(*) AS n FROM deliveries")
          : await get(pool, "SELECT count(*) AS n FROM deliveries WHERE platform = ?", [platform])
        )?.n ?? 0,
      ),
  };
}

/** Store (replace) a document's findings; inside a save's transaction or alone. */
export async function savePgFindings(
  db: Queryable,
  docId: number,
  sha256: string,
  rulesVersion: string,
  findings: Finding[],
): Promise<void> {
  await run(
    db,
    `INSERT INTO findings_cache (doc_id, sha256, rules_version, findings_json) VALUES (?, ?, ?, ?)
     ON CONFLICT (doc_id) DO UPDATE SET sha256 = excluded.sha256, rules_version = excluded.rules_version,
       findings_json = excluded.findings_json`,
    [docId, sha256, rulesVersion, JSON.stringify(findings)],
  );
}

/** A document's stored findings for this content and rule set, or null. */
export async function loadPgFindings(
  db: Queryable,
  docId: number,
  sha256: string,
  rulesVersion: string,
): Promise<Finding[] | null> {
  const r = await get(
    db,
    "SELECT findings_json FROM findings_cache WHERE doc_id = ? AND sha256 = ? AND rules_version = ?",
    [docId, sha256, rulesVersion],
  );
  return r ? (JSON.parse(r.findings_json as string) as Finding[]) : null;
}

export function pgFindings(pool: PgPool): FindingsRepository {
  return {
    load: (docId, sha256, rulesVersion) => loadPgFindings(pool, docId, sha256, rulesVersion),
    save: (docId, sha256, rulesVersion, findings) =>
      write(pool, (db) => savePgFindings(db, docId, sha256, rulesVersion, findings)),
    stale: async (rulesVersion) =>
      (
        await all(
          pool,
          `SELECT d.id FROM documents d LEFT JOIN findings_cache f ON f.doc_id = d.id
           WHERE f.doc_id IS NULL OR f.sha256 <> d.sha256 OR f.rules_version <> ? ORDER BY d.id`,
          [rulesVersion],
        )
      ).map((r) => Number(r.id)),
  };
}

/** The department spellings (DisclosureRepository's alias part). */
export function pgAliases(pool: PgPool) {
  return {
    departmentNames: async () =>
      (await all(pool, "SELECT DISTINCT department_name AS name FROM documents")).map(
        (r) => r.name as string,
      ),
    aliasTarget: async (alias: string) =>
      ((await get(pool, "SELECT department_name AS name FROM department_aliases WHERE alias = ?", [alias]))
        ?.name as string | undefined) ?? null,
    recordAlias: async (alias: string, department: string, file: string) => {
      if (alias === department) return;
      await write(pool, (db) =>
        run(
          db,
          "INSERT INTO department_aliases (alias, department_name, file) VALUES (?, ?, ?) ON CONFLICT (alias) DO NOTHING",
          [alias, department, file],
        ),
      );
    },
    aliasesByDepartment: async () => {
      const out = new Map<string, string[]>();
      for (const r of await all(
        pool,
        "SELECT alias, department_name AS name FROM department_aliases ORDER BY alias",
      )) {
        const name = r.name as string;
        out.set(name, [...(out.get(name) ?? []), r.alias as string]);
      }
      return out;
    },
  };
}

/** The change token: the version row every write bumps (SQLite: data_version). */
export function pgChanges(pool: PgPool): ChangesRepository {
  return {
    version: async () =>
      String((await get(pool, "SELECT version FROM store_version WHERE id = 1"))?.version ?? 0),
  };
}
