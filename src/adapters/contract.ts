/**
 * The adapter contract: what one chat platform is to the rest of the bot. A platform is one folder
 * under src/adapters/<name>/ whose index.ts exports one `Platform` object; src/adapters/registry.ts
 * lists them. Nothing outside a platform's folder, its renderer and the registry names a platform:
 * configuration, start-up, access lists, posting, manifests and subscriptions all go through the
 * registry. The rules every platform shares (what a message means, dedupe, ack-then-answer,
 * access lists) live in common.ts, pipeline.ts, dedupe.ts and access.ts.
 */
import type { IncomingMessage as HttpRequest, ServerResponse } from "node:http";
import type { z } from "zod";
import type { CommandDef } from "../commands/define.js";
import type { Dispatcher, Invocation } from "../commands/types.js";
import type { Reply, ReplyAttachment } from "../reply/reply.js";
import type { AdapterLog } from "./common.js";
import type { Dedupe } from "./dedupe.js";

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
  /** How long the platform drops a repeat sent with the same key (Feishu's uuid: 1 h); absent: never. */
  dedupeWindowMs?: number;
}

/** Posters by platform name (a platform without credentials has none). */
export type Posters = Partial<Record<string, Poster>>;

/** Where a platform sends a rendered Reply for one incoming message (or button press). */
export interface ReplySender {
  /** Send a reply as new message(s) in the conversation. */
  answer(reply: Reply): Promise<void>;
  /** Replace the message a button was pressed on (paging, choosing); absent → answer. */
  update?(reply: Reply): Promise<void>;
  /** Send a file (the CSV export); absent → the file is mentioned in the text only. */
  file?(attachment: ReplyAttachment): Promise<void>;
  /** Send an image (a rendered table), where the platform shows images. */
  image?(png: Uint8Array, fileName: string): Promise<void>;
  /** Tell the user a slow answer is on its way ("正在查询…"), where the platform has no native ack. */
  working?(): Promise<void>;
}

/**
 * A request handler mounted on the shared HTTP server (one server on PORT for every HTTP platform).
 * A throw or a rejected promise is caught by the server (logged with a reference, answered 500).
 */
export type HttpHandler = (req: HttpRequest, res: ServerResponse) => void | Promise<void>;

/** How a route is mounted. */
export interface MountOptions {
  /** Methods the route takes (default POST); any other is answered 405 before the handler runs. */
  methods?: readonly string[];
}

/** The shared HTTP server: platforms in HTTP mode mount their endpoint path on it. */
export interface HttpRoutes {
  /** Serve requests whose path is `path` (exact, query string ignored) with `handler`. */
  mount(path: string, handler: HttpHandler, opts?: MountOptions): void;
}

/** What the bot hands a platform when starting it. */
export interface PlatformContext {
  /** The dispatcher, already wrapped with the access lists. */
  dispatcher: Dispatcher;
  log: AdapterLog;
  /** Delivery dedupe shared by every platform (SQLite in production). */
  dedupe: Dedupe;
  /** The shared HTTP server on PORT. */
  http: HttpRoutes;
  /** PORT (0 = any free port): platforms with their own listener use it. */
  port: number;
  /** The clock (for signature time windows). */
  clock: () => Date;
}

/** A started platform. */
export interface RunningPlatform {
  /** Platform name and mode, for the start-up log ("slack-http", "feishu-ws"). */
  name: string;
  /** Take no new message (answers in flight go on); the shutdown calls it on every platform first. */
  stopAccepting?(): void;
  /** Stop: wait for the answers in flight (at most `ms`), then close the connections. */
  stop(ms?: number): Promise<void>;
  /** Posts into the platform's chats (the summary scheduler uses it). */
  poster?: Poster;
}

/** One section of .env.example: a title comment and the variables it documents. */
export interface EnvSection {
  /** Comment line above the variables, e.g. "Slack (HTTP mode needs …)". */
  title: string;
}

/** One chat platform. `C` is what its config schema parses to. */
export interface Platform<C = Record<string, unknown>> {
  /** Registry key, stored in subscriptions and ADMIN_USERS entries ("slack"). */
  name: string;
  /** Product name shown to users ("Slack", "飞书"). */
  title: string;
  /** What a chat is called there, for user messages ("Slack 频道"). */
  chatNoun: string;
  /**
   * The platform's environment variables (zod object; each field `.describe()`d: the description
   * becomes its comment in .env.example). config.ts composes every platform's schema.
   */
  config: z.ZodObject;
  /** Title comment of the platform's .env.example section. */
  env: EnvSection;
  /** Are the credentials to start this platform present? */
  configured(config: C): boolean;
  /** Start-up check: Chinese problem lines for an inconsistent configuration ([] when fine). */
  check?(config: C): string[];
  /** Access list: may this invocation (already known to be from this platform) use the bot? */
  allows?(config: C, inv: Invocation): boolean;
  /** Start receiving messages; resolves once messages can arrive. */
  start(config: C, ctx: PlatformContext): Promise<RunningPlatform>;
  /** A poster from configuration alone (the CLI's `digest run-due`), or null without credentials. */
  poster?(config: C, opts: { retries?: number }): Promise<Poster | null>;
  /** `bot manifest <name> [args]`: what to paste into the platform's admin console. */
  manifest?(commands: readonly CommandDef[], args: string[]): string;
  /** Notes /subscribe adds for a chat of this platform (e.g. "invite the bot first"). */
  subscribeNotes?: readonly string[];
  /**
   * Group robot webhooks (`bot digest subscribe <platform> <webhook-url>`): Chinese problems with a
   * webhook URL and signing secret an admin registers ([] = accepted). Absent: the platform posts
   * to chat ids only. The poster must then accept the stored target (adapters/webhook-target.ts)
   * as a chat id, and never put the URL or secret in an error.
   */
  checkWebhook?(url: URL, secret: string | undefined): string[];
}

/** Declare a platform with its config type checked, erased to the registry's element type. */
export function definePlatform<C>(p: Platform<C>): Platform {
  return p as unknown as Platform;
}
