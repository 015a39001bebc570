/**
 * Start every chat adapter whose variables are set. Access lists (ALLOWED_SLACK_TEAMS,
 * ALLOWED_TELEGRAM_CHATS) are applied here, as a wrapper around the dispatcher, so the adapters
 * stay thin and the rule is the same on every platform.
 */
import type { AppCore } from "../app.js";
import { errorReply, type Logger } from "../commands/dispatch.js";
import type { Dispatcher, Invocation } from "../commands/types.js";
import type { Config } from "../config.js";
import { type Poster, slackPoster, telegramPoster } from "./posters.js";
import { createSlackApp } from "./slack.js";
import { createTelegramBot } from "./telegram.js";

/** A started adapter that can be stopped on shutdown. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
  /** Posts into the platform's chats without a user message (the summary scheduler uses it). */
  poster?: Poster;
}

/** Is this invocation from an allowed Slack team / Telegram chat? Empty list = everyone. */
export function isAllowed(
  config: Pick<Config, "ALLOWED_SLACK_TEAMS" | "ALLOWED_TELEGRAM_CHATS">,
  inv: Invocation,
): boolean {
  if (inv.platform === "slack" && config.ALLOWED_SLACK_TEAMS.length > 0) {
    return inv.teamId !== undefined && config.ALLOWED_SLACK_TEAMS.includes(inv.teamId);
  }
  if (inv.platform === "telegram" && config.ALLOWED_TELEGRAM_CHATS.length > 0) {
    return config.ALLOWED_TELEGRAM_CHATS.includes(inv.chatId);
  }
  return true;
}

/** A dispatcher that refuses invocations from teams/chats outside the access lists. */
export function withAccessControl(
  config: Pick<Config, "ALLOWED_SLACK_TEAMS" | "ALLOWED_TELEGRAM_CHATS">,
  inner: Dispatcher,
): Dispatcher {
  return {
    commandList: () => inner.commandList(),
    dispatch: async (inv) =>
      isAllowed(config, inv)
        ? inner.dispatch(inv)
        : errorReply("本工作区或群组未获授权使用此机器人", ["请联系管理员"]),
  };
}

/** Start the configured adapters; an empty list means none is configured (console mode). */
export async function startChatAdapters(
  config: Config,
  core: AppCore,
  log: Logger,
): Promise<RunningAdapter[]> {
  const dispatcher = withAccessControl(config, core.dispatcher);
  const running: RunningAdapter[] = [];
  if (config.SLACK_BOT_TOKEN && (config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN)) {
    const slack = createSlackApp({
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET ?? "",
      appToken: config.SLACK_APP_TOKEN,
      port: config.PORT,
      apiUrl: config.SLACK_API_URL,
      dispatcher,
      log,
    });
    const { port, mode } = await slack.start();
    log.info("slack adapter started", { mode, port });
    running.push({ name: `slack-${mode}`, stop: () => slack.stop(), poster: slackPoster(slack.app.client) });
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const tg = createTelegramBot({
      token: config.TELEGRAM_BOT_TOKEN,
      apiRoot: config.TELEGRAM_API_ROOT,
      webhook:
        config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
          ? {
              url: config.TELEGRAM_WEBHOOK_URL,
              secret: config.TELEGRAM_WEBHOOK_SECRET,
              port: config.TELEGRAM_WEBHOOK_PORT,
            }
          : undefined,
      dispatcher,
      log,
    });
    const { mode, port } = await tg.start();
    log.info("telegram adapter started", { mode, port });
    running.push({ name: `telegram-${mode}`, stop: () => tg.stop(), poster: telegramPoster(tg.bot.api) });
  }
  return running;
}
