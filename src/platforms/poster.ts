/**
 * The way out without a user message (the weekly summary): what a poster is, by platform name.
 * Types only, so the scheduler and the digest can name them without loading any adapter; the
 * runtime adapters implement them (src/adapters/<name>/poster.ts).
 */
import type { Reply } from "../reply/reply.js";

/** A reply's chart drawn as a PNG (issue 21), ready for a platform to send as an image. */
export interface ChartImage {
  png: Buffer;
  /** File name for platforms that show one ("预算图表.png"). */
  fileName: string;
  /** The chart's title (Slack's file title, Telegram's caption). */
  title: string;
}

/** Posts replies into chats of one platform without a user message (the weekly summary). Throws when refused. */
export interface Poster {
  /** The platform name (registry key). */
  platform: string;
  /**
   * Post one reply to a chat. `key` identifies the post (subscription and slot): platforms with an
   * idempotency key (Feishu's message uuid) use it so a retried post is not sent twice.
   */
  post(chatId: string, reply: Reply, key?: string): Promise<void>;
  /**
   * For a post whose outcome is unknown (the process ended while sending it): whether a post with
   * this key reached the chat since `since`. Absent, or null, where the platform cannot tell.
   */
  delivered?(chatId: string, key: string, since: Date): Promise<boolean | null>;
  /**
   * Post a chart image after the reply's text (issue 21). Resolves false where this target cannot
   * carry an image (the table stays as text); throws when the platform refused it. Absent: never.
   */
  image?(chatId: string, image: ChartImage): Promise<boolean>;
  /** How long the platform drops a repeat sent with the same key (Feishu's uuid: 1 h); absent: never. */
  dedupeWindowMs?: number;
}

/** Posters by platform name (a platform without credentials has none). */
export type Posters = Partial<Record<string, Poster>>;

/** A platform name the bot can post to (a registry key). */
export type PostPlatform = string;
