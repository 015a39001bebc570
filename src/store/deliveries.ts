/**
 * Every SQL statement of chat delivery dedupe, and the migration that lets subscriptions store any
 * registered platform name. A platform redelivers an event it thinks went unanswered (Slack after
 * 3 s, Feishu after 3 s, DingTalk within 60 s, Telegram webhooks after ~60 s), possibly to another
 * process or after a restart: one row per (platform, event id) makes the first delivery win.
 */
import type { Db } from "./db.js";

/**
 * Version 7 of the schema (written as 5, renumbered at merge): the delivery table, and subscriptions without the SQL CHECK on platform
 * names (the registry validates them; a new platform needs no migration). SQLite cannot drop a CHECK,
 * so both tables are rebuilt: new copies first, then the old ones dropped (job_runs before
 * subscriptions, so no cascade deletes a run), then the copies renamed (which rewrites the foreign key).
 */
export const SCHEMA_V7_DELIVERIES = `
CREATE TABLE deliveries (
  platform TEXT NOT NULL,
  event_id TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;
CREATE INDEX deliveries_seen ON deliveries(seen_at);

CREATE TABLE subscriptions_v5 (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  team_id TEXT,
  departments_json TEXT NOT NULL,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO subscriptions_v5 SELECT id, platform, chat_id, team_id, departments_json, schedule, timezone, created_by, created_at FROM subscriptions;

CREATE TABLE job_runs_v5 (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions_v5(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  next_attempt_at TEXT,
  posted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (subscription_id, period)
);
INSERT INTO job_runs_v5 SELECT id, subscription_id, period, status, attempts, error, claimed_by, claimed_at, next_attempt_at, posted_at, created_at, updated_at FROM job_runs;

DROP TABLE job_runs;
DROP TABLE subscriptions;
ALTER TABLE subscriptions_v5 RENAME TO subscriptions;
ALTER TABLE job_runs_v5 RENAME TO job_runs;
CREATE INDEX subscriptions_chat ON subscriptions(platform, chat_id);
`;

/**
 * Record a delivery; true when it is the first time this (platform, event id) is seen since
 * `windowStart` (ISO). Rows older than the window are pruned in the same statement batch, so the
 * table stays small and an id reused long after is answered again.
 */
export function recordDelivery(
  db: Db,
  p: { platform: string; eventId: string; at: string; windowStart: string },
): boolean {
  const tx = db.transaction((): boolean => {
    db.prepare("DELETE FROM deliveries WHERE seen_at < ?").run(p.windowStart);
    return (
      db
        .prepare(
          `INSERT INTO deliveries (platform, event_id, seen_at) VALUES (?, ?, ?)
           ON CONFLICT (platform, event_id) DO NOTHING`,
        )
        .run(p.platform, p.eventId, p.at).changes === 1
    );
  });
  return tx.immediate();
}

/** How many deliveries are remembered (for tests and diagnostics). */
export function countDeliveries(db: Db, platform?: string): number {
  const r = (
    platform === undefined
      ? db.prepare("SELECT count(*) AS n FROM deliveries").get()
      : db.prepare("SELECT count(*) AS n FROM deliveries WHERE platform = ?").get(platform)
  ) as { n: number };
  return r.n;
}
