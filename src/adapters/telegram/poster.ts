/**
 * Posting a Reply into a Telegram chat without a user message (the weekly summary): one
 * sendMessage per part, its chart as a photo (sendPhoto).
 */
import { type Api, InputFile } from "grammy";
import { TELEGRAM_CAPTION_MAX } from "../../platforms/limits.js";
import type { Poster } from "../contract.js";
import { renderTelegram } from "./render.js";

/** The subset of grammY's Api a poster needs. */
export interface TelegramPostApi {
  sendMessage: Api["sendMessage"];
  sendPhoto: Api["sendPhoto"];
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
    async image(chatId, image) {
      await api.sendPhoto(telegramChatId(chatId), new InputFile(image.png, image.fileName), {
        caption: image.title.slice(0, TELEGRAM_CAPTION_MAX),
      });
      return true;
    },
  };
}
