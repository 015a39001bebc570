/**
 * Posting what is due: for each subscription, the latest scheduled slot at or before `at`; if that
 * slot was not posted yet (and came after the subscription was made), claim it in the database,
 * build the summary, post it, record the outcome. Because only the latest slot is ever looked at,
 * a process that was down posts the slot it missed once on start, never a backlog.
 *
 * - Exactly once per subscription and slot, across processes: the claim (the store's jobRuns.claim; SQLite: store/sqlite/subscriptions.ts).
 * - A failed post is recorded with its error and retried with exponential backoff until
 *   `maxAttempts`; each subscription is handled on its own, so one failure never stops another.
 * - A run left "claimed" by a process that died is taken over after `leaseMs`. A post is recorded
 *   as in flight (`markSending`) before it is sent; a run taken over with a send in flight is first
 *   checked against the platform (Poster.delivered: Slack finds the message by its metadata) and
 *   marked posted if it went out; where the platform drops a repeat with the same key (Feishu's
 *   uuid, within its window) it is sent again as is; where the platform cannot tell, the summary is
 *   sent again with MAY_REPEAT_NOTE at its top.
 * - A summary with a chart posts it as an image after the text where the poster can (Poster.image);
 *   a chart that fails to draw or send is logged, the post stays posted.
 * - The clock is injected: no Date.now() here. One pass uses one time, `at` (default: the clock),
 *   for the slot, the claim, the summary and what it records.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../commands/dispatch.js";
import type { Services } from "../commands/services.js";
import { latestSlot } from "../digest/schedule.js";
import { buildDigest } from "../digest/summary.js";
import { networkProblem } from "../platforms/network-problem.js";
import type { Poster, Posters } from "../platforms/poster.js";
import { maskUrls } from "../platforms/webhook-target.js";
import type { Store, Subscription } from "../store/ports.js";
import { sendChart } from "./chart-image.js";

/** Heads a summary sent again after a send whose outcome is unknown, where the platform cannot tell. */
export const MAY_REPEAT_NOTE = "（上次推送结果未知，本周报可能重复）";

/** What became of an earlier send whose outcome was unknown. */
type PriorSend = "delivered" | "absent" | "deduped" | "unknown";

/** Ask the platform about an earlier send of `key` begun at `since`. */
async function priorSend(
  poster: Poster,
  chatId: string,
  key: string,
  since: string,
  at: Date,
): Promise<PriorSend> {
  const found = poster.delivered ? await poster.delivered(chatId, key, new Date(since)) : null;
  if (found === true) return "delivered";
  if (found === false) return "absent";
  const window = poster.dedupeWindowMs;
  return window !== undefined && at.getTime() - Date.parse(since) < window ? "deduped" : "unknown";
}

/** Retry and lease policy of the runner. */
export interface RetryPolicy {
  /** Post attempts per slot, the first included. */
  maxAttempts: number;
  /** Delay after the first failure; doubled after each further one. */
  baseDelayMs: number;
  /** Longest delay between two attempts. */
  maxDelayMs: number;
  /** A claim older than this is presumed dead (its process stopped mid-post) and taken over. */
  leaseMs: number;
}

/** Defaults: 5 attempts, 1, 2, 4, 8 minutes apart; a claim is stale after one hour. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  leaseMs: 60 * 60_000,
};

/** What the runner needs. */
export interface DigestRunnerDeps {
  store: Pick<Store, "disclosures" | "subscriptions" | "jobRuns">;
  services: Services;
  posters: Posters;
  clock: () => Date;
  log: Logger;
  /** Identifies this process in job_runs.claimed_by (default: a random id). */
  owner?: string;
  policy?: Partial<RetryPolicy>;
  /** Subscriptions handled at the same time (default 4). */
  concurrency?: number;
}

/** What happened to one subscription in one pass. */
export type RunOutcome =
  | { subscriptionId: number; status: "posted"; period: string; attempts: number }
  | {
      subscriptionId: number;
      status: "failed";
      period: string;
      attempts: number;
      error: string;
      nextAttemptAt: string | null;
    }
  | { subscriptionId: number; status: "not-due" }
  | {
      subscriptionId: number;
      status: "done" | "busy" | "waiting" | "gave-up";
      period: string;
      attempts: number;
      nextAttemptAt?: string | null;
    }
  | { subscriptionId: number; status: "no-poster"; period: string; platform: string };

/** Delay before attempt `attempts + 1` after `attempts` failures. */
export function backoffMs(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/** Run `fn` over `items` with at most `limit` at a time; results in input order. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Short text of an error for job_runs.error. */
function errorText(err: unknown): string {
  // A network failure names the host and the reason ("无法连接 api.telegram.org：连接被拒绝（ECONNREFUSED）").
  const network = networkProblem(err);
  if (network) return network;
  const data = (err as { data?: { error?: unknown } } | undefined)?.data?.error;
  const base = err instanceof Error ? err.message : String(err);
  return (typeof data === "string" && !base.includes(data) ? `${base} (${data})` : base).slice(0, 500);
}

/** A digest runner bound to its dependencies. */
export interface DigestRunner {
  /** Handle every subscription (or the given ones) at `at` (default: the clock). */
  runDue(opts?: { at?: Date; subscriptionIds?: number[] }): Promise<RunOutcome[]>;
  readonly owner: string;
}

/** Create a runner. */
export function createDigestRunner(deps: DigestRunnerDeps): DigestRunner {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...deps.policy };
  const owner = deps.owner ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const { log } = deps;
  const { jobRuns } = deps.store;

  async function post(
    sub: Subscription,
    poster: Poster,
    p: { period: string; runId: number; attempts: number; at: Date; sendingAt: string | null },
  ): Promise<RunOutcome> {
    const { period, runId, attempts } = p;
    // The key lets the platform find (Slack metadata) or drop (Feishu uuid) an earlier send of this post.
    const key = `${sub.id}:${period}`;
    // An earlier send of this post whose outcome is still unknown, by when it began.
    let unknownSince = p.sendingAt;
    try {
      const prior =
        unknownSince === null ? null : await priorSend(poster, sub.chatId, key, unknownSince, p.at);
      if (prior === "delivered") {
        await jobRuns.markPosted(runId, owner, p.at.toISOString());
        log.info("digest found already posted", { subscription: sub.id, period, attempts });
        return { subscriptionId: sub.id, status: "posted", period, attempts };
      }
      if (prior === "absent") unknownSince = null;
      const since = (await jobRuns.lastPostedAt(sub.id, period)) ?? sub.createdAt;
      const reply = await buildDigest(deps.services, sub, {
        since: new Date(since),
        now: p.at,
        documents: await deps.store.disclosures.documents(),
      });
      const sent = prior === "unknown" ? { ...reply, text: [MAY_REPEAT_NOTE, ...(reply.text ?? [])] } : reply;
      // In flight from here until the outcome is recorded; a process ending meanwhile leaves this behind.
      if (!(await jobRuns.markSending(runId, owner, unknownSince ?? p.at.toISOString())))
        return { subscriptionId: sub.id, status: "busy", period, attempts };
      await poster.post(sub.chatId, sent, key);
      await jobRuns.markPosted(runId, owner, p.at.toISOString());
      log.info("digest posted", { subscription: sub.id, period, attempts });
      // The summary's chart follows its text where the platform shows images; it never fails the post.
      const image = poster.image?.bind(poster);
      if (sent.chart && image)
        await sendChart(sent.chart, (img) => image(sub.chatId, img), log, `digest ${sub.platform}`);
      return { subscriptionId: sub.id, status: "posted", period, attempts };
    } catch (err) {
      // A webhook target is a secret: an error quoting its URL is stored and logged masked.
      const error = maskUrls(errorText(err));
      const at = p.at;
      const nextAttemptAt =
        attempts < policy.maxAttempts
          ? new Date(at.getTime() + backoffMs(attempts, policy)).toISOString()
          : null;
      await jobRuns.markFailed(runId, owner, {
        at: at.toISOString(),
        error,
        nextAttemptAt,
        sendingAt: unknownSince,
      });
      log.error(`周报推送失败（订阅 ${sub.id}，第 ${attempts} 次）：${error}`, {
        subscription: sub.id,
        period,
        attempts,
        nextAttemptAt,
      });
      return { subscriptionId: sub.id, status: "failed", period, attempts, error, nextAttemptAt };
    }
  }

  async function handle(sub: Subscription, at: Date): Promise<RunOutcome> {
    const slot = latestSlot(sub.schedule, sub.timezone, at);
    // Slots before the subscription existed are not owed to anyone.
    if (!slot || slot.getTime() < Date.parse(sub.createdAt))
      return { subscriptionId: sub.id, status: "not-due" };
    const period = slot.toISOString();
    const poster = deps.posters[sub.platform];
    if (!poster) return { subscriptionId: sub.id, status: "no-poster", period, platform: sub.platform };
    const claim = await jobRuns.claim({
      subscriptionId: sub.id,
      period,
      owner,
      at: at.toISOString(),
      staleBefore: new Date(at.getTime() - policy.leaseMs).toISOString(),
    });
    if (!claim) {
      const run = await jobRuns.get(sub.id, period);
      const attempts = run?.attempts ?? 0;
      if (!run || run.status === "posted")
        return { subscriptionId: sub.id, status: "done", period, attempts };
      if (run.status === "claimed") return { subscriptionId: sub.id, status: "busy", period, attempts };
      return run.nextAttemptAt
        ? { subscriptionId: sub.id, status: "waiting", period, attempts, nextAttemptAt: run.nextAttemptAt }
        : { subscriptionId: sub.id, status: "gave-up", period, attempts, nextAttemptAt: null };
    }
    if (claim.how === "stale")
      log.info("digest claim taken over", {
        subscription: sub.id,
        period,
        inFlight: claim.run.sendingAt !== null,
      });
    return post(sub, poster, {
      period,
      runId: claim.run.id,
      attempts: claim.run.attempts,
      at,
      sendingAt: claim.run.sendingAt,
    });
  }

  return {
    owner,
    async runDue(opts = {}) {
      const at = opts.at ?? deps.clock();
      const subs = opts.subscriptionIds
        ? (await Promise.all(opts.subscriptionIds.map((id) => deps.store.subscriptions.get(id)))).filter(
            (s): s is Subscription => s !== null,
          )
        : await deps.store.subscriptions.list();
      if (subs.length === 0) return [];
      return pool(subs, deps.concurrency ?? 4, async (sub) => {
        try {
          return await handle(sub, at);
        } catch (err) {
          // Never let one subscription (e.g. a bad stored schedule) stop the others.
          const error = errorText(err);
          log.error("digest run failed", { subscription: sub.id, error });
          return {
            subscriptionId: sub.id,
            status: "failed",
            period: "",
            attempts: 0,
            error,
            nextAttemptAt: null,
          };
        }
      });
    },
  };
}
