/**
 * Posting a Reply into a chat without a user message to answer: the scheduler's way out.
 * Slack: chat.postMessage with renderSlack output (the native table rides in `attachments`; a
 * workspace that rejects the table block gets the code-block layout). Telegram: one sendMessage
 * per renderTelegram message. Built on the running adapters' clients, or on clients made from
 * config (the CLI's `digest run-due`).
 */
import { webApi } from "@slack/bolt";
import { Api } from "grammy";
import type { Config } from "../config.js";
import { renderTelegram } from "../render/index.js";
import type { Reply } from "../reply/reply.js";
import { sendRendered } from "./slack.js";

/** A chat platform the bot can post to on its own. */
export type PostPlatform = "slack" | "telegram";

/** Posts replies into chats of one platform. Throws when the platform refuses. */
export interface Poster {
  platform: PostPlatform;
  post(chatId: string, reply: Reply): Promise<void>;
}

/** Posters by platform (a platform without a token has none). */
export type Posters = Partial<Record<PostPlatform, Poster>>;

/** The subset of Slack's WebClient a poster needs. */
export interface SlackPostClient {
  chat: { postMessage(args: webApi.ChatPostMessageArguments): Promise<unknown> };
}

/** The subset of grammY's Api a poster needs. */
export interface TelegramPostApi {
  sendMessage: Api["sendMessage"];
}

/** A Slack poster over a WebClient (the adapter's `app.client`, or one made from config). */
export function slackPoster(client: SlackPostClient): Poster {
  return {
    platform: "slack",
    async post(channel, reply) {
      await sendRendered(reply, (msg) =>
        client.chat.postMessage({ channel, unfurl_links: false, ...msg } as webApi.ChatPostMessageArguments),
      );
    },
  };
}

/** Telegram wants numeric chat ids as numbers; "@channel" names stay strings. */
function telegramChatId(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

/** A Telegram poster over grammY's Api (the adapter's `bot.api`, or one made from config). */
export function telegramPoster(api: TelegramPostApi): Poster {
  return {
    platform: "telegram",
    async post(chatId, reply) {
      // Buttons of a posted summary would point at no server-side state: leave them out.
      for (const m of renderTelegram({ ...reply, actions: undefined })) {
        await api.sendMessage(telegramChatId(chatId), m.text, { parse_mode: m.parse_mode });
      }
    },
  };
}

/**
 * Posters from configuration alone (no adapters running): SLACK_BOT_TOKEN (+ SLACK_API_URL),
 * TELEGRAM_BOT_TOKEN (+ TELEGRAM_API_ROOT). `retries` bounds the Slack client's own retries.
 */
export function postersFromConfig(
  config: Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_API_URL" | "TELEGRAM_BOT_TOKEN" | "TELEGRAM_API_ROOT">,
  opts: { retries?: number } = {},
): Posters {
  const posters: Posters = {};
  if (config.SLACK_BOT_TOKEN) {
    const client = new webApi.WebClient(config.SLACK_BOT_TOKEN, {
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
      retryConfig: { retries: opts.retries ?? 2 },
      logLevel: webApi.LogLevel.ERROR,
    });
    posters.slack = slackPoster(client);
  }
  if (config.TELEGRAM_BOT_TOKEN) {
    const api = new Api(
      config.TELEGRAM_BOT_TOKEN,
      config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : undefined,
    );
    posters.telegram = telegramPoster(api);
  }
  return posters;
}
