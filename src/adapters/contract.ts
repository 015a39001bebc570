/**
 * The adapter contract: what one running chat platform is to the bot. A platform's metadata (name,
 * config schema, manifest, access list) is src/platforms/<name>/; its runtime is one folder under
 * src/adapters/<name>/ whose index.ts spreads the metadata into one `Platform` object with `start`
 * and `poster`; src/adapters/registry.ts lists them. Nothing outside those folders names a
 * platform. The rules every platform shares (what a message means, dedupe, ack-then-answer,
 * access lists) live in common.ts, pipeline.ts, dedupe.ts and access.ts.
 */
import type { IncomingMessage as HttpRequest, ServerResponse } from "node:http";
import type { Dispatcher } from "../commands/types.js";
import type { PlatformInfo } from "../platforms/info.js";
import type { ChartImage, Poster } from "../platforms/poster.js";
import type { Reply, ReplyAttachment } from "../reply/reply.js";
import type { AdapterLog } from "./common.js";
import type { Dedupe } from "./dedupe.js";
import type { FileIntake } from "./files.js";

export type { ChartImage, Poster, Posters } from "../platforms/poster.js";

/** Where a platform sends a rendered Reply for one incoming message (or button press). */
export interface ReplySender {
  /** Send a reply as new message(s) in the conversation. */
  answer(reply: Reply): Promise<void>;
  /** Replace the message a button was pressed on (paging, choosing); absent → answer. */
  update?(reply: Reply): Promise<void>;
  /** Send a file (the CSV export); absent → the file is mentioned in the text only. */
  file?(attachment: ReplyAttachment): Promise<void>;
  /** Send a reply's chart as an image after its text, where the platform shows images (issue 21). */
  image?(image: ChartImage): Promise<void>;
  /** Tell the user a slow answer is on its way ("正在查询…"), where the platform has no native ack. */
  working?(): Promise<void>;
  /** Take the delivery once it is known new and meant for the bot (Telegram's answerCallbackQuery). */
  received?(): Promise<void>;
  /** Tell the user a pressed button is no longer known (Telegram's callback answer). */
  expired?(): Promise<void>;
  /** The platform's own notice that answering failed; absent → answer(error reply). */
  failed?(): Promise<void>;
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
  /** Files sent in chat are read and stored through this (absent: files are ignored). */
  files?: FileIntake;
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

/** One running chat platform: its metadata (src/platforms/<name>/) with start-up and posting. */
export interface Platform<C = Record<string, unknown>> extends PlatformInfo<C> {
  /** Start receiving messages; resolves once messages can arrive. */
  start(config: C, ctx: PlatformContext): Promise<RunningPlatform>;
  /** A poster from configuration alone (the CLI's `digest run-due`), or null without credentials. */
  poster?(config: C, opts: { retries?: number }): Promise<Poster | null>;
}

/** Declare a platform with its config type checked, erased to the registry's element type. */
export function definePlatform<C>(p: Platform<C>): Platform {
  return p as unknown as Platform;
}
