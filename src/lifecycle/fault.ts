/**
 * One way to report a fault nobody else caught (a request handler that threw, an unhandled
 * rejection): a short Chinese line with a reference id and the error's first line; the stack
 * goes into a separate debug entry with the same reference, never into the message line.
 */
import { randomBytes } from "node:crypto";
import type { Logger } from "../domain/log.js";

/** A logger that may also have a debug level (src/log.ts has one). */
type FaultLog = Logger & { debug?(msg: string, extra?: Record<string, unknown>): void };

/** A new reference id (8 hex digits), as the dispatcher shows users. */
export function faultRef(): string {
  return randomBytes(4).toString("hex");
}

/** The first line of an error, without its stack ("TypeError: Cannot read properties of null"). */
export function errorHeadline(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.split("\n")[0]?.slice(0, 300) ?? "";
}

/**
 * Log `err` as a fault of `what` (Chinese, e.g. "处理 HTTP 请求时出错") under a new reference id;
 * returns the id so a response can show it.
 */
export function logFault(
  log: FaultLog,
  what: string,
  err: unknown,
  extra: Record<string, unknown> = {},
): string {
  const ref = faultRef();
  log.error(`${what}（参考编号 ${ref}）`, { ref, ...extra, error: errorHeadline(err) });
  if (err instanceof Error && err.stack) log.debug?.("fault stack", { ref, stack: err.stack });
  return ref;
}
