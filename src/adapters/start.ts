/**
 * Start every registered platform whose credentials are set, in one process, with the shared
 * pieces: the dispatcher wrapped in the access lists, the SQLite delivery dedupe, and one HTTP
 * server on PORT for every platform in HTTP mode.
 */
import type { Dispatcher } from "../commands/types.js";
import type { Logger } from "../domain/log.js";
import { DRAIN_MS } from "../lifecycle/in-flight.js";
import type { Store } from "../store/ports.js";
import { withAccessControl } from "./access.js";
import { describeError } from "./common.js";
import type { PlatformContext, Poster } from "./contract.js";
import { storeDedupe } from "./dedupe.js";
import type { FileIntake } from "./files.js";
import { createSharedHttpServer } from "./http-server.js";
import { PLATFORMS } from "./registry.js";

export { isAllowed, withAccessControl } from "./access.js";

/** A started adapter that can be stopped on shutdown. */
export interface RunningAdapter {
  name: string;
  /** Take no new message; answers in flight go on (see stopChatAdapters). */
  stopAccepting?(): void;
  /** Wait for the answers in flight (at most `ms`), then close. */
  stop(ms?: number): Promise<void>;
  /** Posts into the platform's chats without a user message (the summary scheduler uses it). */
  poster?: Poster;
  /** The port, for the shared HTTP server's entry. */
  port?: number;
}

/** What the platforms start with: the parsed configuration (every platform's variables and PORT). */
export type AdaptersConfig = Record<string, unknown> & { PORT: number };

/** What starting the platforms needs of the core (an AppCore has it). */
export interface AdaptersCore {
  dispatcher: Dispatcher;
  store: Pick<Store, "deliveries">;
  /** Where files sent in chat are stored and who may send them (absent: files are ignored). */
  files?: FileIntake;
}

/** Start the configured platforms; an empty list means none is configured (console mode). */
export async function startChatAdapters(
  config: AdaptersConfig,
  core: AdaptersCore,
  log: Logger,
): Promise<RunningAdapter[]> {
  const http = createSharedHttpServer({ log });
  const ctx: PlatformContext = {
    dispatcher: withAccessControl(config, core.dispatcher),
    log,
    dedupe: storeDedupe(core.store.deliveries, () => new Date()),
    http,
    port: config.PORT,
    clock: () => new Date(),
    ...(core.files ? { files: core.files } : {}),
  };
  const running: RunningAdapter[] = [];
  try {
    for (const p of PLATFORMS) {
      if (!p.configured(config)) continue;
      const r = await p.start(config, ctx);
      log.info(`${p.name} adapter started`, { mode: r.name });
      running.push(r);
    }
    const port = await http.listen(config.PORT);
    if (port !== null) {
      log.info("http server listening", { port, paths: http.paths });
      running.push({
        name: "http",
        stopAccepting: () => http.stopAccepting(),
        stop: (ms) => http.close(ms),
        port,
      });
    }
  } catch (err) {
    for (const r of running) await r.stop().catch(() => undefined);
    await http.close();
    throw err;
  }
  return running;
}

/**
 * Stop every adapter gracefully, logging (not throwing) failures: first every one stops taking
 * messages (the shared server answers 503 to a new request), then all of them at once wait for
 * what they acknowledged — requests being served, answers being sent — up to `ms`, and close.
 */
export async function stopChatAdapters(
  running: RunningAdapter[],
  log: Logger,
  ms: number = DRAIN_MS,
): Promise<void> {
  for (const a of running) a.stopAccepting?.();
  await Promise.all(
    running.map((a) =>
      a
        .stop(ms)
        .catch((e: unknown) =>
          log.error("adapter stop failed", { adapter: a.name, error: describeError(e) }),
        ),
    ),
  );
}
