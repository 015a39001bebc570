/**
 * Slack adapter (Bolt): slash commands, buttons and @mentions become Invocations; Replies go
 * back through renderSlack. It decides nothing about budgets.
 *
 * - HTTP mode (Bolt's HTTPReceiver, one endpoint /slack/events for commands, interactivity and
 *   events) unless `appToken` is set, then Socket Mode.
 * - Slash command: ack() at once, dispatch, respond() ephemeral; a trailing 公开/share → in_channel.
 * - Button (action_id "bb_<kind>_<n>", value = command): page/choose replace the original message,
 *   share posts in the channel, export answers ephemerally and uploads the CSV.
 * - @mention: the mention is stripped; "/cmd …" runs as is, "help …" (a known command name first)
 *   becomes "/help …", anything else becomes "/budget <text>"; the answer goes into the thread.
 * - Commands, buttons and mentions go the one way in (src/adapters/pipeline.ts) after Bolt's ack:
 *   retried deliveries are dropped there by event_id / trigger_id (the shared Dedupe: SQLite when
 *   started by the bot, in memory when a test builds the app alone); this file keeps what is Slack's
 *   own (response_url, ephemeral answers, the share button, replace_original, threads, uploads).
 * - HTTP mode always runs behind the bot's shared server (src/adapters/http-server.ts): the one
 *   given as `http`, or one of its own on `port`. So a GET/HEAD/PUT is 405 before Bolt sees it
 *   (Bolt's request listener throws for requests it does not handle), and a body that is not a
 *   JSON object (`null`, `payload=null`, which crash inside Bolt) is 400.
 * - Every request and every answer is tracked from the moment it arrives: stop() waits for the
 *   answers of acknowledged commands (up to a deadline) instead of dropping them.
 * - start() does not fail for want of Slack: auth.test is tried once, and retried in the
 *   background with backoff after one Chinese line naming the host and the reason (the endpoint
 *   answers 503 until then, so Slack retries).
 * - With botId + botUserId given, no auth.test is ever called (offline tests, fixed deployments).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type AllMiddlewareArgs,
  App,
  type BlockAction,
  type ButtonAction,
  HTTPModuleFunctions,
  HTTPReceiver,
  type Logger,
  LogLevel,
  type RespondArguments,
  RespondError,
  type RespondFn,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  webApi,
} from "@slack/bolt";
import type { Dispatcher } from "../../commands/types.js";
import { inFlight } from "../../lifecycle/in-flight.js";
import { hostOf } from "../../platforms/network-problem.js";
import type { Reply, ReplyAction, ReplyAttachment } from "../../reply/reply.js";
import {
  ADAPTER_FAILURE_TEXT,
  type AdapterLog,
  commandLine,
  describeError,
  messageToLine,
  splitShare,
} from "../common.js";
import { type Connecting, connectWithRetry } from "../connect.js";
import type { ChartImage, HttpRoutes, ReplySender } from "../contract.js";
import { PLATFORM_CALL_MS } from "../deadline.js";
import { type Dedupe, memoryDedupe } from "../dedupe.js";
import { fetchCapped } from "../download.js";
import { type FileIntake, handleFiles } from "../files.js";
import { createSharedHttpServer, readBody, type SharedHttpServer } from "../http-server.js";
import { answerInBackground, type IncomingMessage as Incoming, type PipelineDeps } from "../pipeline.js";
import { renderSlack, type SlackMessage } from "./render.js";

/** Options for createSlackApp. */
export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  /** xapp- token: run in Socket Mode instead of HTTP. */
  appToken?: string;
  /** HTTP port (0 = any free port); ignored in Socket Mode. */
  port: number;
  /** Web API base, e.g. "http://127.0.0.1:PORT/api/" for a fake, or a GovSlack/proxy URL. */
  apiUrl?: string;
  dispatcher: Dispatcher;
  log: AdapterLog;
  /** The bot's ids; when both are given no auth.test call is made. */
  botId?: string;
  botUserId?: string;
  /** Web API retry policy (default: Slack's ten retries over ~30 min; tests pass { retries: 0 }). */
  retryConfig?: webApi.RetryOptions;
  /** Delivery dedupe (default: in memory, this process only). */
  dedupe?: Dedupe;
  /** Mount /slack/events on this shared server instead of listening on `port` (HTTP mode). */
  http?: HttpRoutes;
  /** First delay before retrying a failed start (default connect.ts's; tests shorten it). */
  retryDelayMs?: number;
  /** Files sent to the bot are read and stored through this (absent: files are ignored). */
  files?: FileIntake;
}

/** A file as Slack's events carry it. */
interface SlackFile {
  id: string;
  name?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

/** A running Slack app. */
export interface SlackApp {
  /** Start listening; `port` is the HTTP port (0 in Socket Mode). */
  start(): Promise<{ port: number; mode: "http" | "socket" }>;
  /** Stop taking requests, wait for the answers in flight (at most `ms`), then close. */
  stop(ms?: number): Promise<void>;
  /** The underlying Bolt app (for diagnostics). */
  readonly app: App;
}

/** Prefix of every button action_id this bot renders. */
export const SLACK_ACTION_PREFIX = "bb_";
/** The platform name (registry key). */
const PLATFORM = "slack";
/** Bolt's endpoint for commands, interactivity and events. */
export const SLACK_EVENTS_PATH = "/slack/events";
/** Shown when a CSV cannot be uploaded (usually: the bot is not in the channel). */
const UPLOAD_FAILED_TEXT = "无法上传导出文件：请先把机器人邀请进本频道（/invite），或在私信中使用导出";

/** The part of Slack's WebClient an upload needs. */
export interface SlackUploadClient {
  files: { uploadV2(args: webApi.FilesUploadV2Arguments): Promise<unknown> };
}

/** Upload a file (files.uploadV2: needs files:write and the bot in the channel) into a channel or thread. */
export async function uploadSlackFile(
  client: SlackUploadClient,
  to: { channel: string; threadTs?: string },
  f: { content: Buffer; filename: string; title: string },
): Promise<void> {
  const file = { channel_id: to.channel, file: f.content, filename: f.filename, title: f.title };
  await client.files.uploadV2(to.threadTs ? { ...file, thread_ts: to.threadTs } : file);
}

/** Undo Slack's escaping of & < > in user text. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** An @mention's text without the mentions of the bot (and Slack's escaping): "<@U1> 容东 2024" → " 容东 2024". */
export function mentionText(text: string, botUserId?: string): string {
  let t = unescapeSlack(text);
  if (botUserId) t = t.split(`<@${botUserId}>`).join(" ");
  return t.replace(/^(\s*<@[^>]+>)+/, "");
}

/**
 * Turn an @mention text into a chat line, as the pipeline does: "<@U1> 容东 2024" → "/budget 容东 2024",
 * "<@U1> help" → "/help", "<@U1> /project 后勤" → "/project 后勤", "<@U1>" → "/help".
 */
export function mentionToLine(text: string, commandNames: readonly string[], botUserId?: string): string {
  // Slack has no "/cmd@bot" syntax: without botNames the shared rule never returns null.
  return messageToLine(mentionText(text, botUserId), { commandNames }) ?? "/help";
}

/** Parse a button action_id "bb_<kind>_<n>" into the action kind. */
export function actionKind(actionId: string): ReplyAction["kind"] | undefined {
  const m = /^bb_(page|choose|export|share)(?:_|$)/.exec(actionId);
  return m ? (m[1] as ReplyAction["kind"]) : undefined;
}

/** Bolt's Logger on top of the adapter log (debug dropped, warn folded into info). */
function boltLogger(log: AdapterLog): Logger {
  let level = LogLevel.INFO;
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ");
  return {
    debug: () => {},
    info: (...msg: unknown[]) => log.info(`slack: ${text(msg)}`),
    warn: (...msg: unknown[]) => log.info(`slack warning: ${text(msg)}`),
    error: (...msg: unknown[]) => log.error(`slack: ${text(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * True when Slack rejected the message layout (e.g. a workspace without the table block):
 * a 400 from a response_url, or invalid_blocks / invalid_attachments from the Web API.
 */
export function isLayoutRejection(err: unknown): boolean {
  if (err instanceof RespondError) return err.statusCode === 400;
  const code = (err as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === "string" && /^invalid_(blocks|attachments)/.test(code);
}

/** Label of the button that posts a private answer in the channel. */
export const SHARE_LABEL = "分享到频道";

/** Add a "share to channel" button to an answer shown only to the asker (Slack's ephemeral replies). */
export function withShareButton(reply: Reply, line: string): Reply {
  if (reply.kind !== "answer") return reply;
  return {
    ...reply,
    actions: [...(reply.actions ?? []), { label: SHARE_LABEL, command: line, kind: "share" }],
  };
}

/** Send a rendered reply; if Slack rejects the native table layout, retry once with code-block tables. */
export async function sendRendered(
  reply: Reply,
  send: (msg: SlackMessage) => Promise<unknown>,
): Promise<void> {
  const msg = renderSlack(reply);
  try {
    await send(msg);
  } catch (err) {
    if (!msg.attachments || !isLayoutRejection(err)) throw err;
    await send(renderSlack(reply, { table: "code" }));
  }
}

/**
 * Is this raw body one Bolt can take? It must parse (as Bolt parses it) to a JSON object:
 * `null`, a number or an array makes Bolt's receiver throw where nothing can catch it.
 */
export function isSlackBody(raw: string, contentType: string | undefined): boolean {
  try {
    const body: unknown = HTTPModuleFunctions.parseHTTPRequestBody({
      rawBody: Buffer.from(raw, "utf8"),
      headers: { "content-type": contentType },
    } as unknown as Parameters<typeof HTTPModuleFunctions.parseHTTPRequestBody>[0]);
    return typeof body === "object" && body !== null && !Array.isArray(body);
  } catch {
    return false;
  }
}

/** Create the Slack app; nothing touches the network until start(). */
export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { dispatcher, log } = opts;
  const socketMode = Boolean(opts.appToken);
  const haveIds = Boolean(opts.botId && opts.botUserId);
  const clientOptions: webApi.WebClientOptions = {};
  if (opts.apiUrl) clientOptions.slackApiUrl = opts.apiUrl;
  if (opts.retryConfig) clientOptions.retryConfig = opts.retryConfig;

  // HTTP mode: the shared server given, or one of our own (the same guard either way).
  const ownHttp: SharedHttpServer | undefined =
    !socketMode && !opts.http ? createSharedHttpServer({ log }) : undefined;
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: opts.signingSecret,
        endpoints: SLACK_EVENTS_PATH,
        logger: boltLogger(log),
      });
  /** Requests being served and answers being sent: stop() waits for them. */
  const answering = inFlight();
  let connection: Connecting | undefined;
  const app = new App({
    token: opts.botToken,
    botId: opts.botId,
    botUserId: opts.botUserId,
    // init() in start(): auth.test only when the ids were not given.
    deferInitialization: true,
    tokenVerificationEnabled: !haveIds,
    logger: boltLogger(log),
    clientOptions,
    ...(socketMode ? { socketMode: true, appToken: opts.appToken } : { receiver }),
  });
  const commands = dispatcher.commandList();
  const dedupe = opts.dedupe ?? memoryDedupe();
  const botUserId = opts.botUserId;

  type Client = AllMiddlewareArgs["client"];

  async function upload(
    client: Client,
    channel: string,
    a: ReplyAttachment,
    threadTs?: string,
  ): Promise<void> {
    await uploadSlackFile(
      client,
      { channel, threadTs },
      { content: Buffer.from(a.content, "utf8"), filename: a.filename, title: a.filename },
    );
  }

  /** A reply's chart as an uploaded PNG in the answer's channel (thread); a refusal is logged by the pipeline. */
  async function uploadChart(client: Client, channel: string, image: ChartImage, threadTs?: string) {
    if (!channel) return;
    await uploadSlackFile(
      client,
      { channel, threadTs },
      { content: image.png, filename: image.fileName, title: image.title },
    );
  }

  /** Upload a CSV, telling the user (ephemerally) when Slack refuses. */
  async function uploadFor(
    client: Client,
    a: ReplyAttachment,
    channel: string,
    respond?: RespondFn,
  ): Promise<void> {
    if (!channel) return;
    try {
      await upload(client, channel, a);
    } catch (err) {
      log.error("slack: file upload failed", { channel, error: describeError(err) });
      await respond?.({
        response_type: "ephemeral",
        replace_original: false,
        text: UPLOAD_FAILED_TEXT,
      }).catch(() => undefined);
    }
  }

  /** Tell the user, ephemerally, that answering failed. */
  async function respondFailure(respond: RespondFn): Promise<void> {
    await respond({ response_type: "ephemeral", replace_original: false, text: ADAPTER_FAILURE_TEXT });
  }

  const deps: PipelineDeps = { dispatcher, dedupe, log };

  /** The delivery id Slack retries with (event_id for events, trigger_id for commands and buttons). */
  function delivery(body: unknown, context: { retryNum?: number }): Pick<Incoming, "eventId" | "retry"> {
    const b = body as { event_id?: string; trigger_id?: string };
    const key = b.event_id ?? b.trigger_id;
    const out: Pick<Incoming, "eventId" | "retry"> = {};
    if (key) out.eventId = key;
    if (context.retryNum !== undefined) out.retry = context.retryNum;
    return out;
  }

  for (const c of commands) {
    app.command(`/${c.name}`, (args) => answering.track(answerCommand(c.name, args)));
  }

  /** A slash command: ack at once, answer through the response_url (ephemeral unless 公开/share). */
  async function answerCommand(
    name: string,
    { command, ack, respond, client, body, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  ): Promise<void> {
    await ack();
    const { text, share } = splitShare(unescapeSlack(command.text ?? ""));
    const line = commandLine(name, text);
    const responseType = share ? "in_channel" : "ephemeral";
    const sender: ReplySender = {
      // A private answer offers to share itself: the same line, posted in the channel.
      answer: (reply) =>
        sendRendered(share ? reply : withShareButton(reply, line), (msg) =>
          respond({ response_type: responseType, ...msg } as RespondArguments),
        ),
      file: (a) => uploadFor(client, a, command.channel_id, respond),
      image: (image) => uploadChart(client, command.channel_id, image),
      failed: () => respondFailure(respond),
    };
    const msg: Incoming = {
      platform: PLATFORM,
      ...delivery(body, context),
      text: "",
      userId: command.user_id,
      chatId: command.channel_id,
      addressed: true,
      command: { name, args: text },
    };
    if (command.team_id) msg.teamId = command.team_id;
    await answerInBackground(deps, msg, sender);
  }

  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: new RegExp(`^${SLACK_ACTION_PREFIX}`) },
    (args) => answering.track(answerButton(args)),
  );

  /** A button: page/choose replace the original message, share posts in the channel, others answer ephemerally. */
  async function answerButton({
    ack,
    body,
    action,
    respond,
    client,
    context,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> {
    await ack();
    const kind = actionKind(action.action_id) ?? "choose";
    const channel = body.channel?.id ?? "";
    const { text: line } = splitShare(action.value ?? "");
    const shown = (reply: Reply) => (kind === "share" ? reply : withShareButton(reply, line));
    const sender: ReplySender = {
      update: (reply) =>
        sendRendered(shown(reply), (msg) => respond({ replace_original: true, ...msg } as RespondArguments)),
      answer: (reply) =>
        sendRendered(shown(reply), (msg) =>
          respond({
            response_type: kind === "share" ? "in_channel" : "ephemeral",
            replace_original: false,
            ...msg,
          } as RespondArguments),
        ),
      file: (a) => uploadFor(client, a, channel, respond),
      image: (image) => uploadChart(client, channel, image),
      failed: () => respondFailure(respond),
    };
    const msg: Incoming = {
      platform: PLATFORM,
      ...delivery(body, context),
      text: "",
      userId: body.user.id,
      chatId: channel,
      addressed: true,
      action: { kind, command: line },
    };
    if (body.team?.id) msg.teamId = body.team.id;
    await answerInBackground(deps, msg, sender);
  }

  app.event("app_mention", (args) => {
    const files = (args.event as { files?: SlackFile[] }).files;
    if (files?.length && opts.files) return receiveFiles(args.event, args.client, args.body, true);
    return answering.track(answerMention(args));
  });
  // Files in a direct message (or a channel configured for files): a message event with files.
  // A message that mentions the bot also comes as app_mention, which handles it.
  app.event("message", async ({ event, client, body }) => {
    const m = event as { files?: SlackFile[]; text?: string; channel_type?: string; bot_id?: string };
    if (!opts.files || !m.files?.length || m.bot_id) return;
    const mentionsBot = botUserId !== undefined && (m.text ?? "").includes(`<@${botUserId}>`);
    if (mentionsBot) return;
    await receiveFiles(event, client, body, m.channel_type === "im");
  });

  /**
   * Files sent to the bot: each downloaded from url_private with the bot token (files:read), through
   * the shared file handling; answered in the thread. Returns once the first line is on its way.
   */
  async function receiveFiles(
    event: unknown,
    client: Client,
    body: unknown,
    addressed: boolean,
  ): Promise<void> {
    const intake = opts.files;
    if (!intake) return;
    const e = event as {
      files?: SlackFile[];
      channel: string;
      user?: string;
      ts: string;
      thread_ts?: string;
    };
    const threadTs = e.thread_ts ?? e.ts;
    const files = (e.files ?? []).map((f) => ({
      name: f.name ?? f.id,
      size: f.size ?? null,
      download: (maxBytes: number) =>
        fetchCapped(f.url_private_download ?? f.url_private ?? "", maxBytes, {
          authorization: `Bearer ${opts.botToken}`,
        }),
    }));
    const sender: ReplySender = {
      answer: (reply) =>
        sendRendered(reply, (msg) =>
          client.chat.postMessage({
            channel: e.channel,
            thread_ts: threadTs,
            ...msg,
          } as webApi.ChatPostMessageArguments),
        ),
    };
    const b = body as { event_id?: string; team_id?: string };
    const handled = await handleFiles(
      { intake, dispatcher, dedupe, log },
      {
        platform: PLATFORM,
        ...(b.event_id ? { eventId: b.event_id } : {}),
        userId: e.user ?? "",
        chatId: e.channel,
        ...(b.team_id ? { teamId: b.team_id } : {}),
        addressed,
        files,
      },
      sender,
    );
    void answering.track(handled.done);
  }

  /** An @mention: the shared line rule on its text; the answer goes into the thread. */
  async function answerMention({
    event,
    client,
    context,
    body,
  }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs): Promise<void> {
    const threadTs = event.thread_ts ?? event.ts;
    const sender: ReplySender = {
      answer: (reply) =>
        sendRendered(reply, (msg) =>
          client.chat.postMessage({
            channel: event.channel,
            thread_ts: threadTs,
            ...msg,
          } as webApi.ChatPostMessageArguments),
        ),
      file: (a) =>
        upload(client, event.channel, a, threadTs).catch((err: unknown) => {
          log.error("slack: file upload failed", { channel: event.channel, error: describeError(err) });
        }),
      image: (image) => uploadChart(client, event.channel, image, threadTs),
      failed: async () => {
        await client.chat.postMessage({
          channel: event.channel,
          thread_ts: threadTs,
          text: ADAPTER_FAILURE_TEXT,
        });
      },
    };
    const msg: Incoming = {
      platform: PLATFORM,
      ...delivery(body, context),
      text: mentionText(event.text ?? "", botUserId ?? context.botUserId),
      userId: event.user ?? "",
      chatId: event.channel,
      addressed: true,
    };
    const team = (body as { team_id?: string }).team_id;
    if (team) msg.teamId = team;
    await answerInBackground(deps, msg, sender);
  }

  // Last resort: listeners catch their own errors, so this only sees Bolt-internal failures.
  app.error(async (err) => {
    log.error("slack: unhandled error", { error: describeError(err) });
  });

  /**
   * /slack/events behind the shared server's guard: tracked until answered (the command's answer
   * is tracked before Bolt acknowledges it, so a drain never misses one), 503 until Slack was
   * reached, 400 for a body Bolt cannot take, then Bolt's own receiver (signature, ack, listeners).
   */
  function endpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    answering.track(new Promise<void>((resolve) => res.once("close", () => resolve())));
    if (!connection?.connected) {
      req.resume();
      res.writeHead(503, { "retry-after": "10" }).end();
      return Promise.resolve();
    }
    return readBody(req, res, (raw) => {
      if (!isSlackBody(raw, req.headers["content-type"])) {
        log.info("slack: request body is not a JSON object, refused", { bytes: raw.length });
        res.writeHead(400).end();
        return;
      }
      // Bolt reads an already-buffered body from rawBody instead of the (consumed) stream.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.from(raw, "utf8");
      receiver?.requestListener(req, res);
    });
  }

  /** auth.test without the Web API's long retry policy, then Bolt's init. */
  async function connect(): Promise<void> {
    if (!haveIds) {
      const probe = new webApi.WebClient(opts.botToken, {
        ...clientOptions,
        retryConfig: { retries: 0 },
        timeout: PLATFORM_CALL_MS,
        logger: boltLogger({ info: () => {}, error: () => {} }),
      });
      await probe.auth.test();
    }
    await app.init();
  }

  const apiHost = hostOf(opts.apiUrl, "slack.com");

  async function start(): Promise<{ port: number; mode: "http" | "socket" }> {
    if (socketMode) {
      connection = await connectWithRetry({
        title: "Slack",
        host: apiHost,
        log,
        firstDelayMs: opts.retryDelayMs,
        attempt: async () => {
          await connect();
          await app.start();
          log.info("slack: socket mode connected");
        },
      });
      return { port: 0, mode: "socket" };
    }
    const http = opts.http ?? ownHttp;
    http?.mount(SLACK_EVENTS_PATH, endpoint);
    connection = await connectWithRetry({
      title: "Slack",
      host: apiHost,
      log,
      firstDelayMs: opts.retryDelayMs,
      attempt: connect,
    });
    if (!ownHttp) {
      log.info("slack: mounted on the shared HTTP server", { endpoint: SLACK_EVENTS_PATH });
      return { port: opts.port, mode: "http" };
    }
    const port = (await ownHttp.listen(opts.port)) ?? opts.port;
    log.info("slack: listening", { port, endpoint: SLACK_EVENTS_PATH });
    return { port, mode: "http" };
  }

  async function stop(ms?: number): Promise<void> {
    connection?.stop();
    // A mounted endpoint: the owner of the shared server stopped accepting before this.
    ownHttp?.stopAccepting();
    await answering.drain(ms);
    await ownHttp?.close(0);
    if (socketMode) await app.stop().catch(() => undefined);
  }

  return { start, stop, app };
}
