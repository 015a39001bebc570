/** The logger contract the dispatcher, the adapters and the scheduler report to. */

/** Minimal structured logger. */
export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}
