/**
 * The real grammY bot in front of a dispatcher, long-polling a fake Bot API on 127.0.0.1:
 * what the end-to-end tests share. `command()` builds a message update with the bot_command
 * entity grammY needs.
 */

import type { FileIntake } from "../../src/adapters/files.js";
import { createTelegramBot, type TelegramBot } from "../../src/adapters/telegram/bot.js";
import type { Dispatcher } from "../../src/commands/types.js";
import { recordingLog } from "./stub-dispatcher.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "./telegram-api.js";

/** A chat in updates. */
export type TelegramChat = { id: number; type: string; first_name?: string; title?: string };

/** The default private chat and its user. */
export const PRIVATE_CHAT: TelegramChat = { id: 42, type: "private", first_name: "财务" };
export const USER = { id: 7, is_bot: false, first_name: "财务" };

let messageId = 0;

/** A message update carrying a command, as Telegram sends it. */
export function commandUpdate(text: string, chat: TelegramChat = PRIVATE_CHAT): Record<string, unknown> {
  messageId += 1;
  const command = text.split(" ")[0] ?? text;
  return {
    message: {
      message_id: messageId,
      date: 1_700_000_000 + messageId,
      chat,
      from: USER,
      text,
      entities: [{ type: "bot_command", offset: 0, length: command.length }],
    },
  };
}

/** A message update carrying a document (a file sent to the bot). */
export function documentUpdate(
  fileId: string,
  fileName: string,
  fileSize: number,
  opts: { chat?: TelegramChat; from?: typeof USER; caption?: string } = {},
): Record<string, unknown> {
  messageId += 1;
  return {
    message: {
      message_id: messageId,
      date: 1_700_000_000 + messageId,
      chat: opts.chat ?? PRIVATE_CHAT,
      from: opts.from ?? USER,
      document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, file_size: fileSize },
      ...(opts.caption ? { caption: opts.caption } : {}),
    },
  };
}

/** A running bot and its fake API. */
export interface TelegramHarness {
  fake: FakeTelegramApi;
  tg: TelegramBot;
  /** Stop the bot, then the fake API. */
  stop(): Promise<void>;
}

/** Start the fake API and the real bot polling it (auto-retry off). */
export async function startTelegramHarness(
  dispatcher: Dispatcher,
  files?: FileIntake,
): Promise<TelegramHarness> {
  const fake = await startFakeTelegramApi();
  const tg = createTelegramBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    dispatcher,
    log: recordingLog().log,
    autoRetry: false,
    ...(files ? { files } : {}),
  });
  await tg.start();
  return {
    fake,
    tg,
    stop: async () => {
      await tg.stop();
      await fake.close();
    },
  };
}
