/**
 * The in-process scheduler: one croner job per JobDef, in the job's time zone, with `protect`
 * so a slow run is never overlapped by the next one in this process (other processes are kept
 * apart by the job_runs claim). `sync()` reconciles the running croner jobs with the current job
 * list (subscriptions come and go at run time). Errors of a run are logged, never thrown.
 */
import { Cron } from "croner";
import type { Logger } from "../commands/dispatch.js";
import { inFlight } from "../lifecycle/in-flight.js";
import type { JobDef } from "./jobs.js";

/** A job as the scheduler runs it. */
export interface ScheduledJob {
  name: string;
  summary: string;
  schedule: string;
  timezone: string;
  /** Next time croner will fire it, or null. */
  nextRun: Date | null;
}

/** Options of the scheduler. */
export interface SchedulerOptions {
  /** The current job list (read from the store, so possibly async); read at start() and at every sync(). */
  jobs: () => JobDef[] | Promise<JobDef[]>;
  clock: () => Date;
  log: Logger;
  /** Let the process exit while jobs are scheduled (tests). */
  unref?: boolean;
}

/** Start/stop a set of croner jobs kept in line with a job list. */
export class Scheduler {
  private readonly running = new Map<string, { def: JobDef; cron: Cron }>();
  private stopped = false;
  /** Runs in progress (a weekly post going out): a shutdown waits for them. */
  private readonly busy = inFlight();

  constructor(private readonly opts: SchedulerOptions) {}

  /** Schedule every job of the list. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.sync();
  }

  /** Start jobs that appeared, stop jobs that disappeared or changed schedule. */
  async sync(): Promise<void> {
    if (this.stopped) return;
    const jobs = await this.opts.jobs();
    if (this.stopped) return;
    const wanted = new Map(jobs.map((j) => [j.name, j]));
    for (const [name, r] of this.running) {
      const w = wanted.get(name);
      if (!w || w.schedule !== r.def.schedule || w.timezone !== r.def.timezone) {
        r.cron.stop();
        this.running.delete(name);
      }
    }
    for (const [name, def] of wanted) {
      if (this.running.has(name)) continue;
      try {
        this.running.set(name, { def, cron: this.schedule(def) });
      } catch (err) {
        this.opts.log.error("scheduler: job not scheduled", {
          job: name,
          schedule: def.schedule,
          error: String(err),
        });
      }
    }
  }

  private schedule(def: JobDef): Cron {
    return new Cron(
      def.schedule,
      {
        timezone: def.timezone,
        protect: (job) =>
          this.opts.log.info("scheduler: previous run still busy, skipped", {
            job: def.name,
            at: job.currentRun()?.toISOString(),
          }),
        mode: "5-part",
        unref: this.opts.unref ?? false,
        catch: (err) => this.opts.log.error("scheduler: job failed", { job: def.name, error: String(err) }),
      },
      async () => {
        await this.busy.track(def.run({ at: this.opts.clock() }));
      },
    );
  }

  /** The scheduled jobs with their next run. */
  list(): ScheduledJob[] {
    return [...this.running.values()].map(({ def, cron }) => ({
      name: def.name,
      summary: def.summary,
      schedule: def.schedule,
      timezone: def.timezone,
      nextRun: cron.nextRun(this.opts.clock()),
    }));
  }

  /** Run one job now (as croner would), e.g. the catch-up at start. */
  async trigger(name: string): Promise<void> {
    const r = this.running.get(name);
    if (r) await r.cron.trigger();
  }

  /** Wait for the runs in progress, at most `ms`; true when none is left. */
  drain(ms?: number): Promise<boolean> {
    return this.busy.drain(ms);
  }

  /** Stop every job; nothing fires afterwards (runs in progress go on: see drain). */
  stop(): void {
    this.stopped = true;
    for (const r of this.running.values()) r.cron.stop();
    this.running.clear();
  }
}
