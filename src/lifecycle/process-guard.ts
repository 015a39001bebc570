/**
 * The process-level guard: an unhandled rejection or an uncaught exception (a fault no request
 * handler caught, e.g. inside an SDK's own callback) is logged with a reference id and the process
 * keeps serving, so one bad request never ends the others. "Where safe": a burst of uncaught
 * exceptions (more than `maxFaults` within `windowMs`) means the process itself is broken; then
 * `onFatal` runs (main.ts: the graceful shutdown, exit code 1, so a supervisor restarts it).
 */
import type { Logger } from "../domain/log.js";
import { logFault } from "./fault.js";

/** Options of installProcessGuard. */
export interface ProcessGuardOptions {
  log: Logger;
  /** Called once when uncaught exceptions come too fast to keep serving. */
  onFatal: () => void;
  /** Uncaught exceptions tolerated within `windowMs` (default 20 within a minute). */
  maxFaults?: number;
  windowMs?: number;
  clock?: () => number;
  /** The process (tests pass an EventEmitter). */
  target?: Pick<NodeJS.Process, "on" | "off">;
}

/** Install the guard; returns a function that removes it. */
export function installProcessGuard(opts: ProcessGuardOptions): () => void {
  const target = opts.target ?? process;
  const clock = opts.clock ?? Date.now;
  const max = opts.maxFaults ?? 20;
  const windowMs = opts.windowMs ?? 60_000;
  let recent: number[] = [];
  let fatal = false;

  const onRejection = (reason: unknown) => {
    logFault(opts.log, "未处理的异步错误，已记录，继续服务", reason, { kind: "unhandledRejection" });
  };
  const onException = (err: unknown) => {
    logFault(opts.log, "未捕获的异常，已记录，继续服务", err, { kind: "uncaughtException" });
    const now = clock();
    recent = [...recent.filter((t) => now - t < windowMs), now];
    if (recent.length > max && !fatal) {
      fatal = true;
      opts.log.error("短时间内异常过多，正在停止服务", { faults: recent.length, windowMs });
      opts.onFatal();
    }
  };
  target.on("unhandledRejection", onRejection);
  target.on("uncaughtException", onException);
  return () => {
    target.off("unhandledRejection", onRejection);
    target.off("uncaughtException", onException);
  };
}
