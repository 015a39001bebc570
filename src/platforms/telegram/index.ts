/**
 * Telegram's metadata: grammY long polling, or a webhook on its own port when TELEGRAM_WEBHOOK_URL
 * is set.
 * The runtime (start, posting) is src/adapters/telegram/index.ts.
 */
import { z } from "zod";
import { documented, envList, optionalText, optionalUrl, port } from "../../config-fields.js";
import { definePlatformInfo, listAllows } from "../info.js";
import { telegramCommands } from "./manifest.js";

/** Telegram's environment variables. */
export const telegramConfig = z.object({
  TELEGRAM_BOT_TOKEN: documented(optionalText, { doc: "Bot token from @BotFather." }),
  TELEGRAM_WEBHOOK_URL: documented(optionalUrl, { doc: "Public webhook URL (empty = long polling)." }),
  TELEGRAM_WEBHOOK_SECRET: documented(optionalText, {
    doc: "Secret token Telegram sends in X-Telegram-Bot-Api-Secret-Token (required with a webhook).",
  }),
  TELEGRAM_WEBHOOK_PORT: documented(port(8443), {
    doc: "Port of the local webhook HTTP server.",
    example: "8443",
  }),
  TELEGRAM_API_ROOT: documented(optionalUrl, {
    doc: "Bot API base URL override (self-hosted Bot API server or a local fake), no trailing slash.",
  }),
  ALLOWED_TELEGRAM_CHATS: documented(envList, {
    doc: "Telegram chat ids allowed to use the bot (comma-separated; empty = every chat).",
  }),
});

/** Parsed Telegram configuration. */
export type TelegramConfig = z.infer<typeof telegramConfig>;

/** The Telegram platform. */
export const telegramInfo = definePlatformInfo<TelegramConfig>({
  name: "telegram",
  title: "Telegram",
  chatNoun: "Telegram 群组（私聊）",
  config: telegramConfig,
  env: { title: "Telegram (long polling with BOT_TOKEN; webhook when WEBHOOK_URL is set too)" },
  configured: (c) => Boolean(c.TELEGRAM_BOT_TOKEN),
  check: (c) =>
    c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET
      ? ["设置了 TELEGRAM_WEBHOOK_URL 但缺少 TELEGRAM_WEBHOOK_SECRET"]
      : [],
  posts: true,
  allows: (c, who) => listAllows(c.ALLOWED_TELEGRAM_CHATS, who.chatId),
  manifest: {
    render: (commands) =>
      telegramCommands(commands)
        .map((c) => `${c.command} - ${c.description}`)
        .join("\n"),
  },
});
