/**
 * Jobs are data, like commands: a name, a one-line summary, a 5-field cron schedule read in a
 * time zone, and a handler that gets the time it runs at (from the injected clock).
 */

/** What a job handler receives. */
export interface JobContext {
  /** The injected clock's time when the job fired. */
  at: Date;
}

/** A scheduled job declaration. */
export interface JobDef {
  /** Unique among the scheduler's jobs, e.g. "digest:3". */
  name: string;
  /** One line, Chinese; shown by `bot digest list`. */
  summary: string;
  /** 5-field cron expression. */
  schedule: string;
  /** IANA time zone the schedule is read in, e.g. "Asia/Shanghai". */
  timezone: string;
  run: (ctx: JobContext) => Promise<unknown>;
}

/** Declare a job (identity function that checks the name). */
export function defineJob(def: JobDef): JobDef {
  if (!/^[a-z0-9_:.-]{1,64}$/.test(def.name)) throw new Error(`invalid job name: ${def.name}`);
  return def;
}
