/**
 * Start-up of a platform that must reach its API: one try at start; when it fails, ONE Chinese
 * line naming the host and the reason ("Slack 无法连接 slack.com：凭据无效（invalid_auth），30 秒后重试"),
 * then retries in the background with a doubling delay (a line per retry, so the platform never
 * sits silent), and a line when it finally connects. No stack trace and no SDK text such as
 * "fetch failed" ever reaches the line. Used by Slack, Telegram, 飞书, 钉钉 and 企业微信; their
 * APIs' refusals are thrown as ApiRefusal so the line can name them.
 */
import { connectionProblem } from "../platforms/network-problem.js";
import type { AdapterLog } from "./common.js";

/** First retry delay, and the cap of the doubling. */
export const RETRY_FIRST_MS = 5_000;
export const RETRY_MAX_MS = 5 * 60_000;

/** Options of connectWithRetry. */
export interface ConnectOptions {
  /** Product name in the line ("Slack", "Telegram"). */
  title: string;
  /** The host it talks to ("slack.com", "127.0.0.1:8081"). */
  host: string;
  log: AdapterLog;
  /** One attempt to connect; throws when it did not. */
  attempt: () => Promise<void>;
  /** First retry delay (tests shorten it). */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** A connection being made. */
export interface Connecting {
  /** True once an attempt succeeded. */
  readonly connected: boolean;
  /** Settles when an attempt succeeded (never, if stop() came first). */
  readonly ready: Promise<void>;
  /** No more retries. */
  stop(): void;
}

/** Try once now; on failure log one line and keep retrying in the background with backoff. */
export async function connectWithRetry(opts: ConnectOptions): Promise<Connecting> {
  const { log, title, host } = opts;
  const first = opts.firstDelayMs ?? RETRY_FIRST_MS;
  const max = opts.maxDelayMs ?? RETRY_MAX_MS;
  let connected = false;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  async function tryOnce(): Promise<void> {
    try {
      await opts.attempt();
    } catch (err) {
      if (stopped) return;
      const delay = Math.min(max, first * 2 ** failures);
      failures += 1;
      const reason = connectionProblem(err);
      const line = `${title} ${failures === 1 ? "" : "仍"}无法连接 ${host}：${reason}，${Math.ceil(delay / 1000)} 秒后重试`;
      if (failures === 1) log.error(line, { host, reason });
      else log.info(line, { host, reason, attempt: failures });
      timer = setTimeout(() => void tryOnce(), delay);
      return;
    }
    connected = true;
    if (failures > 0) log.info(`${title} 已连接 ${host}`, { host, attempts: failures + 1 });
    markReady();
  }

  await tryOnce();
  return {
    get connected() {
      return connected;
    },
    ready,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
