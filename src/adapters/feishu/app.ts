/**
 * Feishu/Lark adapter (@larksuiteoapi/node-sdk): `im.message.receive_v1` events become
 * IncomingMessages for the shared pipeline; Replies go back as interactive cards (renderFeishu),
 * CSV exports as file messages, a reply's chart as an image message after its card (uploaded with
 * im.v1.image.create). It decides nothing about budgets.
 *
 * - Receive: the long connection (`WSClient`, no public URL) or the HTTP event callback on the
 *   shared server at /feishu/events. Either way the SDK's EventDispatcher routes the event; over
 *   HTTP the request is first checked here (callback.ts: signature, timestamp window, token → 401).
 * - Card buttons arrive as `card.action.trigger` over HTTP only (the SDK drops card frames on the
 *   long connection): with an Encrypt Key the endpoint is mounted in both modes and cards carry
 *   buttons; without one, cards show the commands as text hints instead.
 * - Every delivery is answered once (shared dedupe on header.event_id); answers reply to the
 *   user's message with a `uuid` derived from the event, so even a retry that slipped past the
 *   dedupe cannot post twice (Feishu keeps a uuid for 1 h).
 * - Group messages are answered only when they @-mention the bot (its open_id from bot/v3/info).
 */
import { createHash } from "node:crypto";
import type { IncomingMessage as HttpRequest, ServerResponse } from "node:http";
import * as lark from "@larksuiteoapi/node-sdk";
import type { Dispatcher } from "../../commands/types.js";
import { inFlight } from "../../lifecycle/in-flight.js";
import { FEISHU_UUID_MAX, FEISHU_UUID_WINDOW_MS } from "../../platforms/limits.js";
import { ApiRefusal, hostOf } from "../../platforms/network-problem.js";
import type { Reply, ReplyAttachment } from "../../reply/reply.js";
import { type AdapterLog, describeError } from "../common.js";
import { type Connecting, connectWithRetry } from "../connect.js";
import type { ChartImage, HttpRoutes, Poster, ReplySender } from "../contract.js";
import { callDeadline } from "../deadline.js";
import { type Dedupe, memoryDedupe } from "../dedupe.js";
import { readBody } from "../http-server.js";
import { answerInBackground, handleIncoming, type IncomingMessage } from "../pipeline.js";
import { checkFeishuRequest } from "./callback.js";
import { type FeishuButtonValue, type FeishuCard, renderFeishu } from "./render.js";

/** The platform name (registry key). */
const PLATFORM = "feishu";
/** Path of the HTTP event and card callback endpoint on the shared server. */
export const FEISHU_EVENTS_PATH = "/feishu/events";
/** Largest request body accepted on the endpoint. */
/** Shown while a slow answer is being prepared. */
const WORKING_TEXT = "正在查询，请稍候…";
/** Toast shown when a button was pressed (the card is updated right after). */
const BUTTON_TOAST = "正在更新…";
/** How long start() waits for the long connection before it continues (reconnects go on in the background). */
const WS_READY_WAIT_MS = 15_000;

/** Options for createFeishuApp. */
export interface FeishuAppOptions {
  appId: string;
  appSecret: string;
  /** Receive over the long connection (default) or the HTTP callback. */
  mode: "ws" | "http";
  /** API base URL ("https://open.feishu.cn", "https://open.larksuite.com", a private deployment, a fake). */
  domain: string;
  /** Encrypt Key: required for HTTP mode and for buttons (card callbacks are signed with it). */
  encryptKey?: string;
  verificationToken?: string;
  dispatcher: Dispatcher;
  log: AdapterLog;
  dedupe?: Dedupe;
  /** The shared HTTP server (needed for HTTP mode and for buttons). */
  http?: HttpRoutes;
  clock?: () => Date;
  /** First retry delay of the start-up credentials check (tests shorten it). */
  retryDelayMs?: number;
}

/** A running Feishu app. */
export interface FeishuApp {
  start(): Promise<{ mode: "ws" | "http" }>;
  /** Wait for the answers in flight (at most `ms`), then close. */
  stop(ms?: number): Promise<void>;
  /** Posts into chats by chat id (the weekly summary). */
  readonly poster: Poster;
  /** The SDK client (for diagnostics). */
  readonly client: lark.Client;
}

/** The SDK's Logger over the adapter log (warnings folded into info, debug dropped). */
export function larkLogger(log: AdapterLog): lark.Logger {
  const text = (msg: unknown[]) =>
    msg
      .map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m)))
      .join(" ");
  return {
    error: (...msg: unknown[]) => log.error(`feishu sdk: ${text(msg)}`),
    warn: (...msg: unknown[]) => log.info(`feishu sdk warning: ${text(msg)}`),
    info: () => {},
    debug: () => {},
    trace: () => {},
  };
}

/** A message uuid (≤ 50 characters) derived from a stable key: the same key never posts twice within 1 h. */
export function feishuUuid(key: string): string {
  return `bb${createHash("sha256").update(key).digest("hex")}`.slice(0, FEISHU_UUID_MAX);
}

/** An SDK client with its own token cache (not the SDK's module-global one). */
export function feishuClient(opts: {
  appId: string;
  appSecret: string;
  domain: string;
  log: AdapterLog;
}): lark.Client {
  return new lark.Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.domain,
    cache: new lark.DefaultCache(),
    logger: larkLogger(opts.log),
    loggerLevel: lark.LoggerLevel.warn,
  });
}

/** Feishu codes of a wrong app id or secret (tenant_access_token). */
const BAD_CREDENTIAL_CODES = new Set([10003, 10014, 99991663, 99991664]);

/**
 * Check the app id and secret by getting a tenant access token (plain fetch: the SDK's own token
 * manager hides Feishu's code in its message); a refusal is thrown as ApiRefusal.
 */
export async function checkFeishuCredentials(
  domain: string,
  appId: string,
  appSecret: string,
): Promise<void> {
  const res = await fetch(`${domain}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
    signal: callDeadline(),
  });
  const body = (await res.json().catch(() => ({}))) as { code?: number; msg?: string };
  if (res.ok && body.code === 0) return;
  throw new ApiRefusal(`feishu token refused: HTTP ${res.status} ${body.code ?? ""} ${body.msg ?? ""}`, {
    status: res.status,
    code: body.code,
    text: body.msg,
    credentials: (body.code !== undefined && BAD_CREDENTIAL_CODES.has(body.code)) || undefined,
  });
}

/** Throw when a Feishu API answer carries an error code. */
function ensureOk(what: string, res: unknown): Record<string, unknown> {
  const r = (res ?? {}) as { code?: number; msg?: string; data?: Record<string, unknown> };
  if (typeof r.code === "number" && r.code !== 0)
    throw new Error(`feishu ${what} failed: ${r.code} ${r.msg ?? ""}`);
  return r.data ?? {};
}

/** Send an interactive card to a chat (a weekly post, a continuation card). */
async function createCard(
  client: lark.Client,
  chatId: string,
  card: FeishuCard,
  uuid?: string,
): Promise<string> {
  const res = await client.im.v1.message.create({
    params: { receive_id_type: "chat_id" },
    data: {
      receive_id: chatId,
      msg_type: "interactive",
      content: JSON.stringify(card),
      ...(uuid ? { uuid } : {}),
    },
  });
  return String(ensureOk("message.create", res).message_id ?? "");
}

/** Upload a chart's PNG for an image message (im.v1.image.create, `image_type: message`; im:resource). */
export async function uploadFeishuImage(client: lark.Client, image: ChartImage): Promise<string> {
  const res = await client.im.v1.image.create({ data: { image_type: "message", image: image.png } });
  const key = (res as { image_key?: string } | null)?.image_key;
  if (!key) throw new Error("feishu image.create returned no image_key");
  return key;
}

/**
 * A poster over an SDK client: one interactive card per rendered part, uuid from the post's key;
 * a summary's chart follows as an image message.
 */
export function feishuPoster(client: lark.Client): Poster {
  return {
    platform: PLATFORM,
    // A repeat within the hour carries the same uuids and is dropped by Feishu.
    dedupeWindowMs: FEISHU_UUID_WINDOW_MS,
    async post(chatId, reply, key) {
      // Buttons of a posted summary would point at no conversation: leave them out.
      const cards = renderFeishu({ ...reply, actions: undefined }, { buttons: false });
      for (const [i, card] of cards.entries()) {
        await createCard(client, chatId, card, key ? feishuUuid(`post:${key}:${i}`) : undefined);
      }
    },
    async image(chatId, image) {
      const imageKey = await uploadFeishuImage(client, image);
      const res = await client.im.v1.message.create({
        params: { receive_id_type: "chat_id" },
        data: { receive_id: chatId, msg_type: "image", content: JSON.stringify({ image_key: imageKey }) },
      });
      ensureOk("message.create", res);
      return true;
    },
  };
}

/** The parts of `im.message.receive_v1` (after the SDK's parse) the adapter reads. */
interface MessageEvent {
  event_id?: string;
  sender?: { sender_id?: { open_id?: string }; tenant_key?: string };
  message?: {
    message_id?: string;
    chat_id?: string;
    chat_type?: string;
    message_type?: string;
    content?: string;
    mentions?: Array<{ key?: string; name?: string; id?: { open_id?: string } }>;
  };
}

/** The parts of `card.action.trigger` (after the SDK's parse) the adapter reads. */
interface CardActionEvent {
  event_id?: string;
  tenant_key?: string;
  operator?: { open_id?: string; tenant_key?: string };
  action?: { value?: unknown };
  context?: { open_message_id?: string; open_chat_id?: string };
}

/** A rich-text (`post`) message flattened to its words: text runs, and mentions as their @_user_N keys. */
export function postText(content: Record<string, unknown>): string {
  // Received posts are {title, content}; some clients wrap them per locale ({zh_cn: {…}}).
  const body = (
    Array.isArray(content.content) ? content : Object.values(content).find((v) => v && typeof v === "object")
  ) as { title?: unknown; content?: unknown } | undefined;
  const lines = Array.isArray(body?.content) ? (body.content as unknown[]) : [];
  const words = lines.map((line) =>
    (Array.isArray(line) ? line : [])
      .map((el: { tag?: string; text?: string; user_id?: string }) =>
        el.tag === "text" || el.tag === "a"
          ? (el.text ?? "")
          : el.tag === "at"
            ? ` ${el.user_id ?? ""} `
            : "",
      )
      .join(""),
  );
  return words.join(" ");
}

/**
 * The text of a message event with the bot's mentions removed and others kept as "@name", and
 * whether the bot was mentioned. `botOpenId` unknown: every mention counts as the bot's (Feishu
 * delivers group messages to a bot only when it is @-mentioned, unless the app has the
 * all-group-messages scope).
 */
export function messageText(
  message: NonNullable<MessageEvent["message"]>,
  botOpenId?: string,
): { text: string; mentioned: boolean } {
  let text = "";
  try {
    const content = JSON.parse(message.content ?? "{}") as Record<string, unknown>;
    text =
      message.message_type === "post"
        ? postText(content)
        : typeof content.text === "string"
          ? content.text
          : "";
  } catch {
    text = "";
  }
  let mentioned = false;
  for (const m of message.mentions ?? []) {
    if (!m.key) continue;
    const isBot = botOpenId ? m.id?.open_id === botOpenId : true;
    if (isBot) mentioned = true;
    text = text.split(m.key).join(isBot ? " " : `@${m.name ?? ""}`);
  }
  return { text: text.replace(/\s+/g, " ").trim(), mentioned };
}

/** Create the Feishu app; nothing touches the network until start(). */
export function createFeishuApp(opts: FeishuAppOptions): FeishuApp {
  const { log } = opts;
  const dedupe = opts.dedupe ?? memoryDedupe();
  const answering = inFlight();
  const clock = opts.clock ?? (() => new Date());
  const client = feishuClient(opts);
  // Card callbacks can reach the bot only over the signed HTTP endpoint.
  const callbacks = Boolean(opts.encryptKey && opts.http);
  let botOpenId: string | undefined;
  let botNames: string[] = [];
  let ws: lark.WSClient | undefined;

  const events = new lark.EventDispatcher({
    encryptKey: opts.encryptKey,
    verificationToken: opts.verificationToken,
    logger: larkLogger(log),
    loggerLevel: lark.LoggerLevel.warn,
    cache: new lark.DefaultCache(),
  }).register({
    "im.message.receive_v1": async (data: unknown) => {
      onMessage(data as MessageEvent);
    },
    "card.action.trigger": async (data: unknown) => onCardAction(data as CardActionEvent),
  });

  function render(reply: Reply): FeishuCard[] {
    return renderFeishu(reply, { buttons: callbacks });
  }

  async function replyTo(messageId: string, msgType: string, content: string, uuid: string): Promise<void> {
    const res = await client.im.v1.message.reply({
      path: { message_id: messageId },
      data: { msg_type: msgType, content, uuid },
    });
    ensureOk("message.reply", res);
  }

  async function uploadFile(a: ReplyAttachment): Promise<string> {
    const res = await client.im.v1.file.create({
      data: { file_type: "stream", file_name: a.filename, file: Buffer.from(a.content, "utf8") },
    });
    const key = (res as { file_key?: string } | null)?.file_key;
    if (!key) throw new Error("feishu file.create returned no file_key");
    return key;
  }

  /** Where the answer to a message goes: replies to it, uuids derived from the event. */
  function senderForMessage(messageId: string, eventKey: string): ReplySender {
    return {
      answer: async (reply) => {
        for (const [i, card] of render(reply).entries()) {
          await replyTo(messageId, "interactive", JSON.stringify(card), feishuUuid(`${eventKey}:${i}`));
        }
      },
      file: async (a) => {
        const key = await uploadFile(a);
        await replyTo(messageId, "file", JSON.stringify({ file_key: key }), feishuUuid(`${eventKey}:file`));
      },
      // The chart as an image message under the answer's card(s).
      image: async (image) => {
        const key = await uploadFeishuImage(client, image);
        await replyTo(
          messageId,
          "image",
          JSON.stringify({ image_key: key }),
          feishuUuid(`${eventKey}:chart`),
        );
      },
      working: async () => {
        await replyTo(
          messageId,
          "text",
          JSON.stringify({ text: WORKING_TEXT }),
          feishuUuid(`${eventKey}:working`),
        );
      },
    };
  }

  /** Where the answer to a button goes: the card it was on is replaced, further cards follow in the chat. */
  function senderForCard(messageId: string, chatId: string, eventKey: string): ReplySender {
    const base = senderForMessage(messageId, eventKey);
    return {
      ...base,
      update: async (reply) => {
        const [first, ...rest] = render(reply);
        if (first) {
          const res = await client.im.v1.message.patch({
            path: { message_id: messageId },
            data: { content: JSON.stringify(first) },
          });
          ensureOk("message.patch", res);
        }
        for (const [i, card] of rest.entries()) {
          await createCard(client, chatId, card, feishuUuid(`${eventKey}:${i + 1}`));
        }
      },
    };
  }

  function onMessage(data: MessageEvent): void {
    const message = data.message;
    if (!message?.message_id || !message.chat_id) return;
    if (message.message_type !== "text" && message.message_type !== "post") {
      log.info("feishu: non-text message ignored", { type: message.message_type });
      return;
    }
    const { text, mentioned } = messageText(message, botOpenId);
    const incoming: IncomingMessage = {
      platform: PLATFORM,
      eventId: data.event_id ?? message.message_id,
      text,
      userId: data.sender?.sender_id?.open_id ?? "",
      chatId: message.chat_id,
      addressed: message.chat_type === "p2p" || mentioned,
    };
    const tenant = data.sender?.tenant_key;
    if (tenant) incoming.teamId = tenant;
    const sender = senderForMessage(message.message_id, incoming.eventId ?? message.message_id);
    answering.track(
      answerInBackground({ dispatcher: opts.dispatcher, dedupe, log, botNames }, incoming, sender),
    );
  }

  async function onCardAction(data: CardActionEvent): Promise<Record<string, unknown>> {
    const value = data.action?.value as Partial<FeishuButtonValue> | undefined;
    const messageId = data.context?.open_message_id;
    const chatId = data.context?.open_chat_id;
    if (!value?.cmd || !value.kind || !messageId || !chatId) return {};
    const eventId = data.event_id ?? `${messageId}:${value.cmd}`;
    const incoming: IncomingMessage = {
      platform: PLATFORM,
      eventId,
      text: "",
      userId: data.operator?.open_id ?? "",
      chatId,
      addressed: true,
      action: { kind: value.kind, command: value.cmd },
    };
    const tenant = data.operator?.tenant_key ?? data.tenant_key;
    if (tenant) incoming.teamId = tenant;
    const handled = handleIncoming(
      { dispatcher: opts.dispatcher, dedupe, log, botNames },
      incoming,
      senderForCard(messageId, chatId, eventId),
    );
    answering.track(handled.then((h) => h.done));
    const h = await handled;
    return h.outcome === "answered" ? { toast: { type: "info", content: BUTTON_TOAST } } : {};
  }

  /** The HTTP endpoint: check, answer the challenge, acknowledge, dispatch. */
  function endpoint(req: HttpRequest, res: ServerResponse): void | Promise<void> {
    const secrets = { encryptKey: opts.encryptKey ?? "", verificationToken: opts.verificationToken };
    return readBody(req, res, (raw) => {
      const check = checkFeishuRequest(req.headers, raw, secrets, clock());
      if (!check.ok) {
        log.info("feishu: request refused", { reason: check.reason });
        res
          .writeHead(401, { "content-type": "application/json" })
          .end(JSON.stringify({ msg: "unauthorized" }));
        return;
      }
      if (check.challenge !== undefined) {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ challenge: check.challenge }));
        return;
      }
      events
        .invoke(check.body, { needCheck: false })
        .then((result: unknown) => {
          const body = result && typeof result === "object" ? result : {};
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        })
        .catch((err: unknown) => {
          log.error("feishu: event failed", { error: describeError(err) });
          if (!res.headersSent) res.writeHead(500).end();
        });
    });
  }

  /** Learn the bot's open_id and name (mentions, /cmd@name); the adapter works without them. */
  async function learnBot(): Promise<void> {
    try {
      const res = (await client.request({ method: "GET", url: "/open-apis/bot/v3/info" })) as {
        code?: number;
        bot?: { open_id?: string; app_name?: string };
      };
      botOpenId = res.bot?.open_id;
      botNames = res.bot?.app_name ? [res.bot.app_name] : [];
    } catch (err) {
      log.error("feishu: bot info unavailable; every @-mention counts as the bot's", {
        error: describeError(err),
      });
    }
  }

  let connection: Connecting | undefined;
  let stopped = false;

  /** Open the long connection; start() waits for it at most WS_READY_WAIT_MS (the SDK reconnects). */
  function startWs(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (stopped || ws) return resolve();
      const timer = setTimeout(() => {
        log.info("feishu: long connection not up yet, retrying in the background");
        resolve();
      }, WS_READY_WAIT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      ws = new lark.WSClient({
        appId: opts.appId,
        appSecret: opts.appSecret,
        domain: opts.domain,
        logger: larkLogger(log),
        loggerLevel: lark.LoggerLevel.warn,
        onReady: () => {
          log.info("feishu: long connection ready");
          done();
        },
        onError: (err: Error) => {
          log.error("feishu: long connection failed", { error: err.message });
          done();
        },
      });
      void ws.start({ eventDispatcher: events });
    });
  }

  /** Once the credentials work: learn the bot, then open the long connection (ws mode). */
  async function connected(): Promise<void> {
    if (stopped) return;
    await learnBot();
    if (opts.mode === "ws") await startWs();
  }

  /**
   * Check the credentials (a tenant access token) first: without connectivity or with a wrong
   * secret, one Chinese line naming the host and the reason, then retries (connect.ts); the
   * long connection opens once the check passed. The HTTP endpoint is mounted at once.
   */
  async function start(): Promise<{ mode: "ws" | "http" }> {
    if (opts.mode === "http" || callbacks) {
      if (!opts.http) throw new Error("feishu: HTTP mode needs the shared HTTP server");
      opts.http.mount(FEISHU_EVENTS_PATH, endpoint);
      log.info("feishu: events and card callbacks at the shared HTTP server", {
        endpoint: FEISHU_EVENTS_PATH,
      });
    }
    connection = await connectWithRetry({
      title: "飞书",
      host: hostOf(opts.domain, "open.feishu.cn"),
      log,
      firstDelayMs: opts.retryDelayMs,
      attempt: () => checkFeishuCredentials(opts.domain, opts.appId, opts.appSecret),
    });
    if (connection.connected) await connected();
    else void connection.ready.then(connected);
    return { mode: opts.mode };
  }

  async function stop(ms?: number): Promise<void> {
    stopped = true;
    connection?.stop();
    await answering.drain(ms);
    ws?.close({ force: true });
    ws = undefined;
  }

  return { start, stop, poster: feishuPoster(client), client };
}
