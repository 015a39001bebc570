/**
 * Every SQL statement of chat delivery dedupe (its table's DDL is in schema.ts). A platform redelivers an event it thinks went unanswered (Slack after
 * 3 s, Feishu after 3 s, DingTalk within 60 s, Telegram webhooks after ~60 s), possibly to another
 * process or after a restart: one row per (platform, event id) makes the first delivery win.
 */
import type { Db } from "./db.js";

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
