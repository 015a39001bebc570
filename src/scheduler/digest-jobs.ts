/**
 * The summary jobs, declared as data: one job per subscription firing on its own schedule, and a
 * sweep every minute that retries failed posts, picks up subscriptions made meanwhile (also by
 * other processes) and posts anything missed. On start the sweep runs once at once: that is the
 * catch-up after downtime (the latest missed slot of each subscription, posted once).
 */

import type { Logger } from "../commands/dispatch.js";
import { describeSchedule } from "../digest/schedule.js";
import type { Store, Subscription } from "../store/ports.js";
import type { DigestRunner, RunOutcome } from "./digest-runner.js";
import { defineJob, type JobDef } from "./jobs.js";
import { Scheduler } from "./scheduler.js";

/** Name of the sweep job. */
export const SWEEP_JOB = "digest:sweep";
/** Schedule of the sweep job. */
export const SWEEP_SCHEDULE = "* * * * *";

/** The job of one subscription. */
export function subscriptionJob(sub: Subscription, runner: DigestRunner): JobDef {
  return defineJob({
    name: `digest:${sub.id}`,
    summary: `订阅 ${sub.id}：${describeSchedule(sub.schedule, sub.timezone)} 推送预算周报`,
    schedule: sub.schedule,
    timezone: sub.timezone,
    run: ({ at }) => runner.runDue({ at, subscriptionIds: [sub.id] }),
  });
}

/** Every summary job for the current subscriptions; `afterSweep` runs after each sweep. */
export function digestJobs(
  subscriptions: Subscription[],
  runner: DigestRunner,
  opts: { timezone: string; afterSweep?: (outcomes: RunOutcome[]) => void | Promise<void> },
): JobDef[] {
  return [
    defineJob({
      name: SWEEP_JOB,
      summary: "补发错过的周报、重试失败的推送",
      schedule: SWEEP_SCHEDULE,
      timezone: opts.timezone,
      run: async ({ at }) => {
        const outcomes = await runner.runDue({ at });
        await opts.afterSweep?.(outcomes);
        return outcomes;
      },
    }),
    ...subscriptions.map((s) => subscriptionJob(s, runner)),
  ];
}

/** A started summary scheduler. */
export interface DigestScheduler {
  scheduler: Scheduler;
  /** Outcomes of the catch-up pass made at start. */
  catchUp: RunOutcome[];
  stop(): void;
  /** Wait for a post in progress, at most `ms` (after stop(), before the database closes). */
  drain(ms?: number): Promise<boolean>;
}

/** Schedule the summary jobs and run the catch-up pass once. */
export async function startDigestScheduler(opts: {
  store: Pick<Store, "subscriptions">;
  runner: DigestRunner;
  clock: () => Date;
  log: Logger;
  timezone: string;
  unref?: boolean;
}): Promise<DigestScheduler> {
  const scheduler: Scheduler = new Scheduler({
    clock: opts.clock,
    log: opts.log,
    unref: opts.unref,
    jobs: async () =>
      digestJobs(await opts.store.subscriptions.list(), opts.runner, {
        timezone: opts.timezone,
        afterSweep: () => scheduler.sync(),
      }),
  });
  await scheduler.start();
  const catchUp = await opts.runner.runDue({ at: opts.clock() });
  const posted = catchUp.filter((o) => o.status === "posted").length;
  opts.log.info("digest scheduler started", { jobs: scheduler.list().length, caughtUp: posted });
  return { scheduler, catchUp, stop: () => scheduler.stop(), drain: (ms) => scheduler.drain(ms) };
}
