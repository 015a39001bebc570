/**
 * Composition root of `npm start`: config → db (ingest the bundled corpus on first start) →
 * index → commands → every configured platform of the registry (+ scheduler). Console adapter
 * when no platform is configured.
 *
 * Faults no handler caught are logged with a reference and the process keeps serving
 * (lifecycle/process-guard.ts). SIGTERM/SIGINT shut down gracefully: the scheduler fires nothing
 * more, every platform stops taking messages, what was acknowledged is answered and a weekly
 * post in progress finishes (all within SHUTDOWN_DRAIN_MS), then the database closes.
 */

import { runConsole } from "./adapters/console.js";
import type { Posters } from "./adapters/contract.js";
import { type RunningAdapter, startChatAdapters, stopChatAdapters } from "./adapters/start.js";
import { createCore } from "./app.js";
import { ensureCorpus } from "./cli/first-start.js";
import { processIO } from "./cli/types.js";
import { ConfigError, ingestUsersOf, isAdminUser, loadConfig, mayIngest } from "./config.js";
import { applyEnvFile, EnvFileError } from "./env-file.js";
import { SHUTDOWN_DRAIN_MS } from "./lifecycle/in-flight.js";
import { installProcessGuard } from "./lifecycle/process-guard.js";
import { createLogger } from "./lifecycle/log.js";
import { type DigestScheduler, startDigestScheduler } from "./scheduler/digest-jobs.js";
import { createDigestRunner } from "./scheduler/digest-runner.js";
import { openStore } from "./store/open.js";

async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    applyEnvFile(process.env, process.cwd());
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof EnvFileError) {
      process.stderr.write(`${err.message}（参见 .env.example）\n`);
      return 2;
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  // Until shutdown is wired below, a fatal burst of faults just ends the process.
  let onFatal: () => void = () => process.exit(1);
  installProcessGuard({ log, onFatal: () => onFatal() });
  const store = openStore(config.BUDGET_DB);
  await ensureCorpus(store, config.BUDGET_DB, config.BUDGET_DATA_DIR, processIO());
  const core = createCore({
    store,
    log,
    isAdmin: (inv) => isAdminUser(config, inv.platform, inv.userId),
    digest: { timezone: config.DIGEST_TIMEZONE, defaultSchedule: config.DIGEST_DEFAULT_SCHEDULE },
  });

  /** Weekly summaries: posters from the running adapters; catch-up of missed slots at start. */
  async function startDigest(running: RunningAdapter[]): Promise<DigestScheduler | null> {
    const posters: Posters = {};
    for (const a of running) if (a.poster) posters[a.poster.platform] = a.poster;
    if (Object.keys(posters).length === 0) return null;
    const clock = core.services.clock;
    // The catalog reloads by itself when a `bot ingest` in another process changed the store.
    const runner = createDigestRunner({ store, services: core.services, posters, clock, log });
    return startDigestScheduler({ store, runner, clock, log, timezone: config.DIGEST_TIMEZONE });
  }

  const files = {
    store,
    mayIngest: (platform: string, userId: string) => mayIngest(config, platform, userId),
    whoMay: (platform: string) => ingestUsersOf(config, platform),
    takesFiles: (platform: string, chatId: string) => config.INGEST_CHATS.includes(`${platform}:${chatId}`),
    refresh: () => core.refresh(),
  };
  const adapters: RunningAdapter[] = await startChatAdapters(config, { ...core, files }, log);
  const digest = await startDigest(adapters);
  const consoleStop = new AbortController();
  let consoleDone: Promise<void> | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { reason });
    // Past the deadline nothing more is waited for (a hung SDK must not keep the process).
    setTimeout(() => {
      log.error("shutdown deadline passed, exiting", { ms: SHUTDOWN_DRAIN_MS });
      process.exit(code || 1);
    }, SHUTDOWN_DRAIN_MS + 2_000).unref();
    digest?.stop();
    consoleStop.abort();
    await Promise.all([
      stopChatAdapters(adapters, log, SHUTDOWN_DRAIN_MS),
      digest?.drain(SHUTDOWN_DRAIN_MS),
      consoleDone,
    ]);
    await store.close();
    log.info("shut down", { reason });
    process.exit(code);
  };
  onFatal = () => void shutdown("faults", 1);
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  if (adapters.length === 0) {
    log.info("no chat platform configured: console adapter");
    consoleDone = runConsole({
      dispatcher: core.dispatcher,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
      // `npm start` runs in the package folder; INIT_CWD is where the user typed it.
      saveDir: process.env.INIT_CWD ?? process.cwd(),
      log,
      signal: consoleStop.signal,
    });
    await consoleDone;
    if (stopping) return await new Promise<number>(() => {});
    await store.close();
    return 0;
  }
  log.info("platforms started", { adapters: adapters.map((a) => a.name) });
  return await new Promise<number>(() => {});
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`启动失败：${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
