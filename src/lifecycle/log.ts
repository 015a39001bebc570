/** A tiny structured logger to stderr (one JSON line per entry), respecting LOG_LEVEL. */
import type { Logger } from "../commands/dispatch.js";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;

/** Logger with a minimum level; `sink` defaults to stderr. */
export function createLogger(
  level: keyof typeof LEVELS = "info",
  sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger & {
  warn(msg: string, extra?: Record<string, unknown>): void;
  debug(msg: string, extra?: Record<string, unknown>): void;
} {
  const min = LEVELS[level];
  const emit = (lvl: keyof typeof LEVELS, msg: string, extra?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...extra }));
  };
  return {
    debug: (m, e) => emit("debug", m, e),
    info: (m, e) => emit("info", m, e),
    warn: (m, e) => emit("warn", m, e),
    error: (m, e) => emit("error", m, e),
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info: () => {}, error: () => {} };
