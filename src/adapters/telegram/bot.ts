/**
 * Telegram adapter (grammY): translates commands and button presses into Invocations and
 * renders Replies with renderTelegram. It decides nothing about budgets.
 *
 * Long polling runs through @grammyjs/runner (updates are handled concurrently, one chat at a
 * time via `sequentialize`), so one slow answer does not hold up other chats. Webhook mode uses
 * grammY's `webhookCallback(bot, "http", { secretToken })` on a node:http server (wrong secret → 401).
 * Commands and button presses go the one way in (pipeline.ts): a resent update (same update_id) is
 * answered once (the shared Dedupe).
 * Button state lives in a bounded in-memory map (token → command): after a restart, or once
 * evicted, old buttons answer "按钮已失效".
 * The webhook runs behind the shared HTTP server's guard (its own instance on the webhook port):
 * another method is 405, a fault is logged with a reference. Answers are tracked: stop() first
 * stops taking updates, then waits for the answers in flight (up to a deadline).
 * start() does not fail for want of Telegram: getMe is tried once, then retried in the background
 * after one Chinese line naming the host and the reason.
 */
import { randomBytes } from "node:crypto";
import { autoRetry } from "@grammyjs/auto-retry";
import { type RunnerHandle, run, sequentialize } from "@grammyjs/runner";
import { Bot, type Context, GrammyError, InputFile, webhookCallback } from "grammy";
import type { Dispatcher } from "../../commands/types.js";
import { inFlight } from "../../lifecycle/in-flight.js";
import { TELEGRAM_CAPTION_MAX } from "../../platforms/limits.js";
import { hostOf } from "../../platforms/network-problem.js";
import type { Reply, ReplyAction } from "../../reply/reply.js";
import { BoundedMap } from "../bounded-map.js";
import { ADAPTER_FAILURE_TEXT, type AdapterLog, describeError } from "../common.js";
import { type Connecting, connectWithRetry } from "../connect.js";
import type { ChartImage, ReplySender } from "../contract.js";
import { type Dedupe, memoryDedupe } from "../dedupe.js";
import { fetchCapped } from "../download.js";
import { type FileIntake, handleFiles } from "../files.js";
import { createSharedHttpServer, type SharedHttpServer } from "../http-server.js";
import { answerInBackground, type IncomingMessage, type PipelineDeps } from "../pipeline.js";
import { renderTelegram, type TelegramMessage } from "./render.js";

/** Options for createTelegramBot. */
export interface TelegramBotOptions {
  token: string;
  /** Bot API root without trailing slash (a fake in tests, or a self-hosted Bot API server). */
  apiRoot?: string;
  /** Webhook mode instead of long polling: public URL, secret token, local port (0 = any). */
  webhook?: { url: string; secret: string; port: number };
  dispatcher: Dispatcher;
  log: AdapterLog;
  /** Retry 429 and 5xx with @grammyjs/auto-retry (default true; tests turn it off). */
  autoRetry?: boolean;
  /** How many button tokens are remembered (default 5000). */
  maxButtons?: number;
  /** Delivery dedupe on update_id (a webhook resend); default in memory. */
  dedupe?: Dedupe;
  /** First delay before retrying a failed start (default connect.ts's; tests shorten it). */
  retryDelayMs?: number;
  /** Files sent to the bot are read and stored through this (absent: documents are ignored). */
  files?: FileIntake;
}

/** Telegram's Bot API lets a bot download files up to 20 MB. */
export const TELEGRAM_DOWNLOAD_LIMIT = {
  bytes: 20 * 1024 * 1024,
  text: "Telegram 机器人只能下载 20 MB 以内的文件，请拆分后再发，或请管理员用命令行导入",
};

/** A running Telegram bot. */
export interface TelegramBot {
  /** Start polling or the webhook server; resolves once updates can arrive. */
  start(): Promise<{ mode: "polling" | "webhook"; port?: number }>;
  /** Take no more updates (answers in flight go on). */
  stopAccepting(): void;
  /** Stop taking updates, wait for the answers in flight (at most `ms`), then close. */
  stop(ms?: number): Promise<void>;
  /** The underlying grammY bot (for tests and diagnostics). */
  readonly bot: Bot;
}

/** A button press remembered server-side; callback_data only carries its token. */
interface ButtonState {
  command: string;
  kind: ReplyAction["kind"];
  chatId: string;
}

/** Telegram's rule for command names. */
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;
/** BotCommand.description is 1–256 characters. */
const DESCRIPTION_MAX = 256;
/** Only these update types are asked for. */
const ALLOWED_UPDATES = ["message", "callback_query"] as const;
/** Shown when a button's token is unknown (evicted or from before a restart). */
const STALE_BUTTON_TEXT = "按钮已失效，请重新发送命令";

/** True for the harmless error Telegram returns when an edit would not change the message. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && /message is not modified/i.test(err.description);
}

/** Create the Telegram bot; nothing touches the network until start(). */
export function createTelegramBot(opts: TelegramBotOptions): TelegramBot {
  const { dispatcher, log } = opts;
  const bot = new Bot(opts.token, { client: opts.apiRoot ? { apiRoot: opts.apiRoot } : undefined });
  if (opts.autoRetry !== false) {
    bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120 }));
  }
  const buttons = new BoundedMap<string, ButtonState>(opts.maxButtons ?? 5000);
  const commands = dispatcher.commandList().filter((c) => {
    const ok = COMMAND_NAME.test(c.name);
    if (!ok) log.error("telegram: command name not allowed, skipped", { name: c.name });
    return ok;
  });
  let lastUpdateId = 0;
  /** Answers being sent: stop() waits for them. */
  const answering = inFlight();

  /** Remember an action and return its short callback_data token. */
  function tokenFor(chatId: string) {
    return (action: ReplyAction): string => {
      const token = `p:${randomBytes(6).toString("base64url")}`;
      buttons.set(token, { command: action.command, kind: action.kind, chatId });
      return token;
    };
  }

  function render(reply: Reply, chatId: string): TelegramMessage[] {
    return renderTelegram(reply, { callbackData: tokenFor(chatId) });
  }

  async function sendAll(chatId: number, msgs: TelegramMessage[], threadId?: number): Promise<void> {
    for (const m of msgs) {
      await bot.api.sendMessage(chatId, m.text, {
        parse_mode: m.parse_mode,
        reply_markup: m.reply_markup,
        message_thread_id: threadId,
      });
    }
  }

  async function sendAttachment(
    chatId: number,
    reply: Pick<Reply, "attachment">,
    threadId?: number,
  ): Promise<void> {
    const a = reply.attachment;
    if (!a) return;
    await bot.api.sendDocument(chatId, new InputFile(Buffer.from(a.content, "utf8"), a.filename), {
      message_thread_id: threadId,
    });
  }

  /** A reply's chart as a photo in the same chat and topic as its answer. */
  async function sendChartPhoto(chatId: number, image: ChartImage, threadId?: number): Promise<void> {
    await bot.api.sendPhoto(chatId, new InputFile(image.png, image.fileName), {
      caption: image.title.slice(0, TELEGRAM_CAPTION_MAX),
      message_thread_id: threadId,
    });
  }

  async function tellFailure(chatId: number | undefined, threadId?: number): Promise<void> {
    if (chatId === undefined) return;
    await bot.api.sendMessage(chatId, ADAPTER_FAILURE_TEXT, { message_thread_id: threadId });
  }

  const dedupe = opts.dedupe ?? memoryDedupe();
  const deps: PipelineDeps = { dispatcher, dedupe, log };
  // The bot's numeric id leads its token: update ids are per bot.
  const botKey = opts.token.split(":")[0] ?? "";

  /** What every message of this update shares: its delivery id, who sent it, where. */
  function incoming(ctx: Context, chatId: number | undefined): IncomingMessage {
    return {
      platform: "telegram",
      eventId: `${botKey}:${ctx.update.update_id}`,
      text: "",
      userId: String(ctx.from?.id ?? ""),
      chatId: chatId === undefined ? "" : String(chatId),
      addressed: true,
    };
  }

  /** Answer one "/name args" message through the shared pipeline. */
  function answerCommand(ctx: Context, name: string, args: string): Promise<void> {
    const chatId = ctx.chat?.id;
    const threadId = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
    if (chatId === undefined) return Promise.resolve();
    const sender: ReplySender = {
      answer: (reply) => sendAll(chatId, render(reply, String(chatId)), threadId),
      file: (a) => sendAttachment(chatId, { attachment: a }, threadId),
      image: (image) => sendChartPhoto(chatId, image, threadId),
      failed: () => tellFailure(chatId, threadId),
    };
    return answerInBackground(deps, { ...incoming(ctx, chatId), command: { name, args } }, sender);
  }

  /** Answer a button press: page/choose edit the pressed message, others post anew. */
  function answerButton(ctx: Context): Promise<void> {
    const query = ctx.callbackQuery;
    if (!query) return Promise.resolve();
    const message = query.message;
    const chatId = message?.chat.id;
    const state = query.data ? buttons.get(query.data) : undefined;
    const threadId =
      message && "is_topic_message" in message && message.is_topic_message
        ? message.message_thread_id
        : undefined;
    const sender: ReplySender = {
      expired: async () => {
        await ctx.answerCallbackQuery({ text: STALE_BUTTON_TEXT });
      },
      received: async () => {
        await ctx.answerCallbackQuery();
      },
      answer: async (reply) => {
        if (chatId !== undefined) await sendAll(chatId, render(reply, String(chatId)), threadId);
      },
      file: async (a) => {
        if (chatId !== undefined) await sendAttachment(chatId, { attachment: a }, threadId);
      },
      image: async (image) => {
        if (chatId !== undefined) await sendChartPhoto(chatId, image, threadId);
      },
      failed: () => tellFailure(chatId),
    };
    if (chatId !== undefined && message && message.date !== 0) {
      // A message Telegram still lets the bot edit: page/choose replace it.
      sender.update = async (reply) => {
        const msgs = render(reply, String(chatId));
        const first = msgs[0];
        if (first) {
          try {
            await bot.api.editMessageText(chatId, message.message_id, first.text, {
              parse_mode: first.parse_mode,
              reply_markup: first.reply_markup,
            });
          } catch (err) {
            if (!isNotModified(err)) throw err;
          }
        }
        await sendAll(chatId, first ? msgs.slice(1) : msgs, threadId);
      };
    }
    const known = state !== undefined && chatId !== undefined && state.chatId === String(chatId);
    const action = known ? { kind: state.kind, command: state.command } : ("expired" as const);
    return answerInBackground(deps, { ...incoming(ctx, chatId), action }, sender);
  }

  /**
   * A document sent to the bot: getFile, then the file API, through the shared file handling. The
   * handler returns once the first line is sent, so the chat's next update is not held up by the
   * reading (sequentialize waits for the handler); the reading is tracked for shutdown.
   */
  async function receiveDocument(ctx: Context): Promise<void> {
    const intake = opts.files;
    const doc = ctx.msg?.document;
    const chatId = ctx.chat?.id;
    if (!intake || !doc || chatId === undefined) return;
    const threadId = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
    const caption = ctx.msg?.caption ?? "";
    const name = bot.botInfo?.username;
    const mentioned = name !== undefined && caption.toLowerCase().includes(`@${name.toLowerCase()}`);
    const apiRoot = opts.apiRoot ?? "https://api.telegram.org";
    const file = {
      name: doc.file_name ?? `${doc.file_unique_id}`,
      size: doc.file_size ?? null,
      download: async (maxBytes: number) => {
        const f = await bot.api.getFile(doc.file_id);
        if (!f.file_path) throw new Error("no file_path");
        return fetchCapped(`${apiRoot}/file/bot${opts.token}/${f.file_path}`, maxBytes);
      },
    };
    const sender: ReplySender = {
      answer: (reply) => sendAll(chatId, render(reply, String(chatId)), threadId),
    };
    const handled = await handleFiles(
      { intake, dispatcher, dedupe, log },
      {
        platform: "telegram",
        eventId: `${botKey}:${ctx.update.update_id}`,
        userId: String(ctx.from?.id ?? ""),
        chatId: String(chatId),
        addressed: ctx.chat?.type === "private" || mentioned,
        files: [file],
        limit: TELEGRAM_DOWNLOAD_LIMIT,
      },
      sender,
    );
    void answering.track(handled.done);
  }

  bot.use(async (ctx, next) => {
    lastUpdateId = Math.max(lastUpdateId, ctx.update.update_id);
    await next();
  });
  // One update at a time per chat; different chats run concurrently under the runner.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  for (const c of commands) {
    bot.command(c.name, (ctx) => answering.track(answerCommand(ctx, c.name, ctx.match)));
  }
  if (!commands.some((c) => c.name === "start")) {
    bot.command("start", (ctx) => answering.track(answerCommand(ctx, "help", "")));
  }
  bot.on("callback_query:data", (ctx) => answering.track(answerButton(ctx)));
  bot.on("message:document", (ctx) => receiveDocument(ctx));
  bot.catch((err) => {
    log.error("telegram: unhandled update error", { error: describeError(err.error) });
  });

  let runner: RunnerHandle | undefined;
  let server: SharedHttpServer | undefined;
  let connection: Connecting | undefined;

  async function setup(): Promise<void> {
    // getMe once, not bot.init(): grammY's init retries network errors for ever, in silence.
    if (!bot.isInited()) bot.botInfo = await bot.api.getMe();
    await bot.api.setMyCommands(
      commands.map((c) => ({
        command: c.name,
        description: (c.summary || c.name).slice(0, DESCRIPTION_MAX),
      })),
    );
  }

  async function startPolling(): Promise<void> {
    await setup();
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { timeout: 30, allowed_updates: ALLOWED_UPDATES } } });
    runner.task()?.catch((err: unknown) => {
      log.error("telegram: long polling stopped", { error: describeError(err) });
    });
    log.info("telegram: long polling started", { bot: bot.botInfo.username });
  }

  async function startWebhook(hook: { url: string; secret: string; port: number }): Promise<number> {
    const path = new URL(hook.url).pathname;
    const handle = webhookCallback(bot, "http", {
      secretToken: hook.secret,
      // Answer Telegram before its ~60 s resend; the update keeps running in the background.
      onTimeout: "return",
      timeoutMilliseconds: 20_000,
    });
    const srv = createSharedHttpServer({ log });
    // Until getMe worked grammY cannot take an update: 503, and Telegram resends it later.
    srv.mount(path, (req, res) => {
      if (!connection?.connected) {
        req.resume();
        res.writeHead(503).end();
        return;
      }
      return handle(req, res);
    });
    const port = (await srv.listen(hook.port)) ?? hook.port;
    server = srv;
    return port;
  }

  async function start(): Promise<{ mode: "polling" | "webhook"; port?: number }> {
    const common = { title: "Telegram", host: hostOf(opts.apiRoot, "api.telegram.org"), log };
    const hook = opts.webhook;
    if (!hook) {
      connection = await connectWithRetry({
        ...common,
        firstDelayMs: opts.retryDelayMs,
        attempt: startPolling,
      });
      return { mode: "polling" };
    }
    const port = await startWebhook(hook);
    connection = await connectWithRetry({
      ...common,
      firstDelayMs: opts.retryDelayMs,
      attempt: async () => {
        await setup();
        await bot.api.setWebhook(hook.url, { secret_token: hook.secret, allowed_updates: ALLOWED_UPDATES });
        log.info("telegram: webhook listening", { port, bot: bot.botInfo.username });
      },
    });
    return { mode: "webhook", port };
  }

  let stopping: Promise<void> | undefined;
  function stopAccepting(): void {
    connection?.stop();
    server?.stopAccepting();
    const r = runner;
    runner = undefined;
    // The runner stops fetching at once; its promise ends with the fetch in progress.
    if (r) stopping = Promise.resolve(r.stop()).catch(() => undefined);
  }

  async function stop(ms?: number): Promise<void> {
    stopAccepting();
    await answering.drain(ms);
    await stopping;
    // Confirm what was handled so a restart does not replay it.
    if (lastUpdateId > 0 && stopping) {
      await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }).catch(() => undefined);
    }
    stopping = undefined;
    const srv = server;
    server = undefined;
    await srv?.close(0);
  }

  return { start, stopAccepting, stop, bot };
}
