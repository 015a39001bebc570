/**
 * The contract between chat adapters and the command layer.
 * Adapters build an Invocation from a chat event and get a Reply back; they never look inside.
 */
import type { Reply } from "../reply/reply.js";

/** Which surface a chat line came from: a platform name (platforms/index.ts), "console" or "cli". */
export type Platform = string;

/** One chat line to answer, e.g. text "/budget 容东 2024 三公". */
export interface Invocation {
  /** The full line including the leading "/command" (adapters prepend it for slash commands). */
  text: string;
  platform: Platform;
  /** Platform user id ("U123", Telegram numeric id as string, "console"). */
  userId: string;
  /** Channel / chat id where the answer goes. */
  chatId: string;
  /** Slack team id, when known. */
  teamId?: string;
  /** This bot's username on the platform ("/budget@<botName>"); lines for other bots are ignored. */
  botName?: string;
}

/** Anything that answers invocations: the dispatcher in production, a stub in adapter tests. */
export interface Dispatcher {
  dispatch(inv: Invocation): Promise<Reply>;
  /** Command names and one-line summaries, for Telegram setMyCommands and the Slack manifest. */
  commandList(): Array<{ name: string; summary: string; usage: string }>;
}
