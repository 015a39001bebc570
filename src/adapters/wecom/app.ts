/**
 * WeCom (企业微信) 智能机器人 adapter over @wecom/aibot-node-sdk's long connection (`WSClient`, no
 * public URL; `wsUrl` configurable): text messages in 1:1 chats and group @-messages become
 * IncomingMessages for the shared pipeline; answers go back on the message's own reply channel.
 * It decides nothing about budgets.
 *
 * - Answer: one finished stream reply (`replyStream`, markdown with pipe tables, ≤ 20480 bytes);
 *   when the reply has actions, the same frame carries a button_interaction template card
 *   (`replyStreamWithCard`) whose button keys hold the commands. Parts beyond the first go out as
 *   active messages (`sendMessage`) to the chat.
 * - Button press (`template_card_event`): page/choose replace the card (`updateTemplateCard`, the
 *   page and the buttons of the new answer, within WeCom's 5 s) and send the new page's markdown
 *   to the chat (an event frame cannot carry a stream reply); export sends the CSV.
 * - CSV: uploaded over the connection (`uploadMedia`) and sent as a file reply (`replyMedia`); a
 *   reply's chart likewise, as an image reply after the markdown (issue 21).
 * - Every delivery is answered once (shared dedupe on `msgid`).
 */
import { randomUUID } from "node:crypto";
import {
  generateReqId,
  type Logger as SdkLogger,
  type TemplateCard,
  WSClient,
  type WsFrame,
} from "@wecom/aibot-node-sdk";
import type { Dispatcher } from "../../commands/types.js";
import { inFlight } from "../../lifecycle/in-flight.js";
import { WECOM_TASK_ID_MAX_BYTES } from "../../platforms/limits.js";
import { ApiRefusal, connectionProblem, hostOf } from "../../platforms/network-problem.js";
import type { Reply } from "../../reply/reply.js";
import { type AdapterLog, describeError } from "../common.js";
import { type Connecting, connectWithRetry } from "../connect.js";
import type { ChartImage, ReplySender } from "../contract.js";
import { type Dedupe, memoryDedupe } from "../dedupe.js";
import { answerInBackground, type IncomingMessage } from "../pipeline.js";
import { parseButtonKey, renderWecom, wecomCard } from "./render.js";

/** The platform name (registry key). */
const PLATFORM = "wecom";
/** Shown while a slow answer is being prepared (a first, unfinished stream frame). */
const WORKING_TEXT = "正在查询，请稍候…";
/** How long start() waits for the connection before it continues (reconnects go on in the background). */
const READY_WAIT_MS = 15_000;

/** Options for the WeCom client and app. */
export interface WecomClientOptions {
  botId: string;
  secret: string;
  wsUrl: string;
  log: AdapterLog;
  /** SDK reconnect base delay (tests shorten it). */
  reconnectMs?: number;
  /** First retry delay of the start-up connection (tests shorten it). */
  retryDelayMs?: number;
}

/** Options for createWecomApp. */
export interface WecomAppOptions extends WecomClientOptions {
  dispatcher: Dispatcher;
  dedupe?: Dedupe;
}

/**
 * The SDK's logger over the adapter log, all at info level ("wecom sdk: …"): the adapter reports
 * connection failures itself, in Chinese (connect.ts), and the SDK's own errors repeat them.
 */
export function sdkLogger(log: AdapterLog): SdkLogger {
  const text = (message: string, args: unknown[]) =>
    [
      message,
      ...args.map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))),
    ].join(" ");
  return {
    debug: () => {},
    info: () => {},
    warn: (message: string, ...args: unknown[]) => log.info(`wecom sdk warning: ${text(message, args)}`),
    error: (message: string, ...args: unknown[]) => log.info(`wecom sdk: ${text(message, args)}`),
  };
}

/** A WSClient for the bot (not connected). */
export function wecomClient(opts: WecomClientOptions): WSClient {
  return new WSClient({
    botId: opts.botId,
    secret: opts.secret,
    wsUrl: opts.wsUrl,
    logger: sdkLogger(opts.log),
    maxReconnectAttempts: -1,
    reconnectInterval: opts.reconnectMs ?? 1000,
  });
}

/** The SDK's "Authentication failed: invalid secret (code: 40001)" as an ApiRefusal. */
function wecomRefusal(err: Error): Error {
  const m = /^Authentication failed: (.*) \(code: (-?\d+)\)$/.exec(err.message);
  return m ? new ApiRefusal(err.message, { code: Number(m[2]), text: m[1], credentials: true }) : err;
}

/**
 * Connect once and wait until authenticated; on an error or after `waitMs` the client is
 * disconnected (no SDK retry behind the caller's back) and the reason thrown. Once connected, the
 * SDK reconnects by itself.
 */
export function authenticateWecom(client: WSClient, waitMs = READY_WAIT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      client.off("authenticated", onAuth);
      client.off("error", onError);
      if (!err) return resolve();
      client.disconnect();
      reject(err);
    };
    const onAuth = () => done();
    const onError = (err: Error) => done(wecomRefusal(err));
    const timer = setTimeout(
      () => done(Object.assign(new Error("wecom: not connected in time"), { code: "ETIMEDOUT" })),
      waitMs,
    );
    client.on("authenticated", onAuth);
    client.on("error", onError);
    client.connect();
  });
}

/** Connect for one post (the CLI's digest): throws a Chinese error naming the reason. */
export async function connectWecomForPost(client: WSClient, waitMs = READY_WAIT_MS): Promise<void> {
  try {
    await authenticateWecom(client, waitMs);
  } catch (err) {
    throw new Error(`企业微信长连接未建立，无法推送：${connectionProblem(err)}`);
  }
}

/** Send a reply's markdown parts to a chat as active messages. */
export async function sendMarkdown(client: WSClient, chatId: string, parts: string[]): Promise<void> {
  for (const content of parts) {
    await client.sendMessage(chatId, { msgtype: "markdown", markdown: { content } });
  }
}

/** Upload a chart's PNG over the connection (a temporary image media, 3 days) and return its media_id. */
export async function uploadWecomImage(client: WSClient, image: ChartImage): Promise<string> {
  const { media_id } = await client.uploadMedia(image.png, { type: "image", filename: image.fileName });
  return media_id;
}

/** The text of a message with the leading @-mentions (the bot's, in a group) removed. */
export function messageText(content: string): string {
  return content
    .replace(/\u3000/g, " ")
    .replace(/^(\s*@\S+)+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The parts of a message callback body the adapter reads. */
interface MessageBody {
  msgid?: string;
  chatid?: string;
  chattype?: "single" | "group";
  from?: { userid?: string; corpid?: string };
  msgtype?: string;
  text?: { content?: string };
}

/** The parts of a template_card_event body the adapter reads. */
interface CardEventBody extends MessageBody {
  event?: {
    eventtype?: string;
    event_key?: string;
    task_id?: string;
    template_card_event?: { event_key?: string; task_id?: string };
  };
}

/** A running WeCom app. */
export interface WecomApp {
  start(): Promise<{ mode: "ws" }>;
  /** Wait for the answers in flight (at most `ms`), then close. */
  stop(ms?: number): Promise<void>;
  readonly client: WSClient;
}

/** A task id (≤ 128 bytes; digits, letters and _-@) for a new card. */
function taskId(): string {
  return `bb_${randomUUID().replace(/-/g, "")}`.slice(0, WECOM_TASK_ID_MAX_BYTES);
}

/** Create the WeCom app; nothing touches the network until start(). */
export function createWecomApp(opts: WecomAppOptions): WecomApp {
  const { log } = opts;
  const dedupe = opts.dedupe ?? memoryDedupe();
  const client = wecomClient(opts);
  const answering = inFlight();

  /** Markdown parts of a reply; `actions` are the ones to show as typed-command hints. */
  const render = (reply: Reply, actions: Reply["actions"]) =>
    renderWecom({ ...reply, actions }, "reply", { hints: true });

  /** The chat a frame belongs to: the group, or the user in a 1:1 chat (sendMessage's chatid). */
  const chatOf = (b: MessageBody) => (b.chattype === "group" && b.chatid ? b.chatid : (b.from?.userid ?? ""));

  /** Where the answer to a message goes: its own reply channel (stream + card), the rest to the chat. */
  function senderForMessage(frame: WsFrame, chatId: string): ReplySender {
    const streamId = generateReqId("stream");
    let started = false;
    return {
      answer: async (reply) => {
        const { card, rest: hinted } = wecomCard(reply, taskId());
        const [first = "", ...rest] = render(reply, hinted);
        if (card) {
          await client.replyStreamWithCard(frame, streamId, first, true, {
            templateCard: card as TemplateCard,
          });
        } else {
          await client.replyStream(frame, streamId, first, true);
        }
        await sendMarkdown(client, chatId, rest);
      },
      file: async (a) => {
        const { media_id } = await client.uploadMedia(Buffer.from(a.content, "utf8"), {
          type: "file",
          filename: a.filename,
        });
        await client.replyMedia(frame, "file", media_id);
      },
      // The chart as an image reply after the markdown answer.
      image: async (image) => {
        await client.replyMedia(frame, "image", await uploadWecomImage(client, image));
      },
      working: async () => {
        if (started) return;
        started = true;
        await client.replyStream(frame, streamId, WORKING_TEXT, false);
      },
    };
  }

  /** Where the answer to a button goes: the card is updated, the new answer sent to the chat. */
  function senderForCard(frame: WsFrame, chatId: string, task: string): ReplySender {
    return {
      answer: async (reply) => sendMarkdown(client, chatId, render(reply, reply.actions)),
      update: async (reply) => {
        const { card, rest } = wecomCard(reply, task);
        const replacement = card ?? {
          card_type: "button_interaction",
          main_title: { title: reply.heading.slice(0, 26) || " " },
          button_list: [],
          task_id: task,
        };
        await client.updateTemplateCard(frame, replacement as TemplateCard);
        await sendMarkdown(client, chatId, render(reply, rest));
      },
      file: async (a) => {
        const { media_id } = await client.uploadMedia(Buffer.from(a.content, "utf8"), {
          type: "file",
          filename: a.filename,
        });
        await client.sendMediaMessage(chatId, "file", media_id);
      },
      image: async (image) => {
        await client.sendMediaMessage(chatId, "image", await uploadWecomImage(client, image));
      },
    };
  }

  function onText(frame: WsFrame<MessageBody>): void {
    const b = frame.body;
    if (!b?.msgid) return;
    const chatId = chatOf(b);
    if (!chatId) return;
    const incoming: IncomingMessage = {
      platform: PLATFORM,
      eventId: b.msgid,
      text: messageText(b.text?.content ?? ""),
      userId: b.from?.userid ?? "",
      chatId,
      // WeCom delivers group messages to a 智能机器人 only when they @-mention it.
      addressed: true,
    };
    if (b.from?.corpid) incoming.teamId = b.from.corpid;
    answering.track(
      answerInBackground(
        { dispatcher: opts.dispatcher, dedupe, log },
        incoming,
        senderForMessage(frame, chatId),
      ),
    );
  }

  function onCardEvent(frame: WsFrame<CardEventBody>): void {
    const b = frame.body;
    const ev = b?.event;
    const key = ev?.event_key ?? ev?.template_card_event?.event_key ?? "";
    const task = ev?.task_id ?? ev?.template_card_event?.task_id ?? "";
    const action = parseButtonKey(key);
    if (!b || !action || !task) return;
    const chatId = chatOf(b);
    const incoming: IncomingMessage = {
      platform: PLATFORM,
      eventId: b.msgid ?? `${task}:${key}`,
      text: "",
      userId: b.from?.userid ?? "",
      chatId,
      addressed: true,
      action,
    };
    if (b.from?.corpid) incoming.teamId = b.from.corpid;
    answering.track(
      answerInBackground(
        { dispatcher: opts.dispatcher, dedupe, log },
        incoming,
        senderForCard(frame, chatId, task),
      ),
    );
  }

  client.on("message.text", (frame) => {
    try {
      onText(frame as WsFrame<MessageBody>);
    } catch (err) {
      log.error("wecom: message failed", { error: describeError(err) });
    }
  });
  client.on("event.template_card_event", (frame) => {
    try {
      onCardEvent(frame as WsFrame<CardEventBody>);
    } catch (err) {
      log.error("wecom: card event failed", { error: describeError(err) });
    }
  });
  let connection: Connecting | undefined;
  client.on("authenticated", () => log.info("wecom: long connection ready"));
  // After the first connection the SDK reconnects by itself; its errors then are reported here
  // (during an attempt, authenticateWecom reports them). Without a listener, an "error" would throw.
  client.on("error", (err: Error) => {
    if (connection?.connected) log.error(`企业微信长连接出错：${connectionProblem(wecomRefusal(err))}`);
  });

  return {
    /**
     * Connect: without connectivity or with a wrong secret, one Chinese line naming the host and
     * the reason, then retries (connect.ts).
     */
    async start() {
      connection = await connectWithRetry({
        title: "企业微信",
        host: hostOf(opts.wsUrl, "openws.work.weixin.qq.com"),
        log,
        firstDelayMs: opts.retryDelayMs,
        attempt: () => authenticateWecom(client),
      });
      return { mode: "ws" };
    },
    async stop(ms?: number) {
      connection?.stop();
      // Let answers being sent finish (at most `ms`) before the connection they go out on closes.
      await answering.drain(ms);
      client.disconnect();
    },
    client,
  };
}
