/** Start every chat adapter whose variables are set (filled in with the Slack/Telegram adapters). */
import type { AppCore } from "../app.js";
import type { Logger } from "../commands/dispatch.js";
import type { Config } from "../config.js";

/** A started adapter that can be stopped on shutdown. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}

/** Start the configured adapters; an empty list means none is configured (console mode). */
export async function startChatAdapters(_config: Config, _core: AppCore, _log: Logger): Promise<RunningAdapter[]> {
  return [];
}
