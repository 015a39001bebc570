/** Posting a Reply into a Telegram chat without a user message (the weekly summary): one sendMessage per part. */
import type { Api } from "grammy";
import type { Poster } from "../contract.js";
import { renderTelegram } from "./render.js";

/** The subset of grammY's Api a poster needs. */
export interface TelegramPostApi {
  sendMessage: Api["sendMessage"];
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
