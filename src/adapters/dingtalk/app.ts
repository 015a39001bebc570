/**
 * DingTalk adapter: robot messages (`/v1.0/im/bot/messages/get`) arrive over Stream mode (our own
 * client, stream.ts: no public URL) or as HTTP callbacks at /dingtalk/events on the shared server
 * (headers `timestamp` + `sign` checked, 401 otherwise); either way they become IncomingMessages
 * for the shared pipeline, and the answer goes back through the message's `sessionWebhook` as
 * markdown (renderDingtalk: tables as monospace blocks, commands as hints). It decides nothing
 * about budgets.
 *
 * - Every delivery is answered once (shared dedupe on the message's `msgId`).
 * - Group messages reach a robot only when they @-mention it (`isInAtList`); 1:1 always.
 * - CSV: a sessionWebhook cannot carry files (DingTalk files need a media upload and the OpenAPI),
 *   so the CSV is sent as code blocks the user can copy, split over messages, saying so.
 * - Chart (issue 21): uploaded as a media file and sent as the app robot's image message
 *   (`sampleImageMsg`) to the group or the user, after the markdown answer.
 */
import type { IncomingMessage as HttpRequest, ServerResponse } from "node:http";
import type { Dispatcher } from "../../commands/types.js";
import { inFlight } from "../../lifecycle/in-flight.js";
import { DINGTALK_INLINE_CSV_MAX_BYTES, DINGTALK_MARKDOWN_MAX_BYTES } from "../../platforms/limits.js";
import { hostOf } from "../../platforms/network-problem.js";
import { escapeMarkdown, utf8Bytes } from "../../render/markdown.js";
import type { ReplyAttachment } from "../../reply/reply.js";
import { type AdapterLog, describeError } from "../common.js";
import { type Connecting, connectWithRetry } from "../connect.js";
import type { ChartImage, HttpRoutes, ReplySender } from "../contract.js";
import { type Dedupe, memoryDedupe } from "../dedupe.js";
import { readBody } from "../http-server.js";
import { answerInBackground, type IncomingMessage } from "../pipeline.js";
import { postDingtalk } from "./api.js";
import { type DingtalkPoster, dingtalkPoster, type RobotTarget } from "./poster.js";
import { type DingtalkMarkdown, renderDingtalk } from "./render.js";
import { checkDingtalkCallback } from "./sign.js";
import { createStreamClient, DINGTALK_TOPIC_ROBOT, type StreamClient } from "./stream.js";

/** The platform name (registry key). */
const PLATFORM = "dingtalk";
/** Path of the HTTP callback on the shared server. */
export const DINGTALK_EVENTS_PATH = "/dingtalk/events";
/** Largest request body accepted on the endpoint. */
/** Shown while a slow answer is being prepared. */
const WORKING_TEXT = "正在查询，请稍候…";

/** Options for createDingtalkApp. */
export interface DingtalkAppOptions {
  clientId: string;
  clientSecret: string;
  mode: "stream" | "http";
  /** OpenAPI base URL (https://api.dingtalk.com, a private deployment, a fake). */
  apiUrl: string;
  /** Old OpenAPI base for media uploads (default https://oapi.dingtalk.com). */
  oapiUrl?: string;
  /** Stream gateway: the full connections/open URL. */
  gatewayUrl: string;
  dispatcher: Dispatcher;
  log: AdapterLog;
  dedupe?: Dedupe;
  /** The shared HTTP server (HTTP mode). */
  http?: HttpRoutes;
  clock?: () => Date;
  /** Stream reconnect backoff (tests shorten it). */
  backoffMs?: number;
  /** First retry delay of the start-up credentials check (tests shorten it). */
  retryDelayMs?: number;
}

/** A running DingTalk app. */
export interface DingtalkApp {
  start(): Promise<{ mode: "stream" | "http" }>;
  /** Wait for the answers in flight (at most `ms`), then close. */
  stop(ms?: number): Promise<void>;
  readonly poster: DingtalkPoster;
  /** The Stream client (stream mode, after start). */
  readonly stream: StreamClient | undefined;
}

/** The parts of a robot message the adapter reads (Stream `data` and HTTP body alike). */
export interface RobotMessage {
  msgId?: string;
  msgtype?: string;
  text?: { content?: string };
  conversationType?: string;
  conversationId?: string;
  senderStaffId?: string;
  senderId?: string;
  chatbotCorpId?: string;
  senderCorpId?: string;
  sessionWebhook?: string;
  isInAtList?: boolean;
}

/** The CSV as markdown messages: a note, then the lines in code blocks, each message below the limit. */
export function csvMessages(a: ReplyAttachment): DingtalkMarkdown[] {
  const title = a.filename;
  const note = `**${escapeMarkdown(a.filename)}**\n\n钉钉机器人回复不能附带文件，CSV 内容如下（可复制后另存为 .csv）：`;
  const max = Math.min(DINGTALK_MARKDOWN_MAX_BYTES, DINGTALK_INLINE_CSV_MAX_BYTES);
  const messages: DingtalkMarkdown[] = [];
  let lines: string[] = [];
  let head = note;
  const flush = () => {
    messages.push({
      msgtype: "markdown",
      markdown: { title, text: `${head}\n\n\`\`\`\n${lines.join("\n")}\n\`\`\`` },
    });
    lines = [];
    head = `**${escapeMarkdown(a.filename)}（续）**`;
  };
  for (const line of a.content.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n")) {
    const safe = line.replace(/```/g, "ˋˋˋ");
    if (lines.length > 0 && utf8Bytes(`${head}\n\n\`\`\`\n${[...lines, safe].join("\n")}\n\`\`\``) > max)
      flush();
    lines.push(safe);
  }
  flush();
  return messages;
}

/** Create the DingTalk app; nothing touches the network until start(). */
export function createDingtalkApp(opts: DingtalkAppOptions): DingtalkApp {
  const { log } = opts;
  const dedupe = opts.dedupe ?? memoryDedupe();
  const answering = inFlight();
  const clock = opts.clock ?? (() => new Date());
  const poster = dingtalkPoster({
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    apiUrl: opts.apiUrl,
    oapiUrl: opts.oapiUrl,
    clock,
  });
  let stream: StreamClient | undefined;

  /**
   * Where the answer to a message goes: its sessionWebhook. A chart cannot go there (session
   * replies take text, markdown and action cards; markdown shows images by public URL only), so it
   * goes as the app robot's image message through the OpenAPI, to the group or to the user.
   */
  function senderFor(webhook: string, robot: RobotTarget | null): ReplySender {
    const send = (body: unknown) => postDingtalk(webhook, body, "回复");
    return {
      answer: async (reply) => {
        for (const m of renderDingtalk(reply)) await send(m);
      },
      file: async (a) => {
        for (const m of csvMessages(a)) await send(m);
      },
      working: async () => {
        await send({ msgtype: "text", text: { content: WORKING_TEXT } });
      },
      ...(robot ? { image: (image: ChartImage) => poster.robotImage(robot, image) } : {}),
    };
  }

  /** Handle one robot message; returns at once (the answer follows in the background). */
  function onMessage(m: RobotMessage): void {
    if (!m.sessionWebhook || !m.conversationId) {
      log.info("dingtalk: message without sessionWebhook ignored", { id: m.msgId });
      return;
    }
    if (m.msgtype !== "text") {
      log.info("dingtalk: non-text message ignored", { type: m.msgtype });
      return;
    }
    const group = m.conversationType === "2";
    const incoming: IncomingMessage = {
      platform: PLATFORM,
      text: (m.text?.content ?? "").replace(/\s+/g, " ").trim(),
      userId: m.senderStaffId ?? m.senderId ?? "",
      chatId: m.conversationId,
      // DingTalk delivers group messages to a robot only when it is @-mentioned.
      addressed: !group || m.isInAtList !== false,
    };
    if (m.msgId) incoming.eventId = m.msgId;
    const corp = m.senderCorpId ?? m.chatbotCorpId;
    if (corp) incoming.teamId = corp;
    const staff = m.senderStaffId;
    const robot: RobotTarget | null = group ? { group: m.conversationId } : staff ? { user: staff } : null;
    answering.track(
      answerInBackground(
        { dispatcher: opts.dispatcher, dedupe, log },
        incoming,
        senderFor(m.sessionWebhook, robot),
      ),
    );
  }

  function parseMessage(raw: string): RobotMessage | null {
    try {
      const m = JSON.parse(raw) as unknown;
      return m && typeof m === "object" ? (m as RobotMessage) : null;
    } catch {
      return null;
    }
  }

  /** The HTTP callback: check the signature and window, acknowledge, dispatch. */
  function endpoint(req: HttpRequest, res: ServerResponse): void | Promise<void> {
    const refused = checkDingtalkCallback(req.headers, opts.clientSecret, clock());
    if (refused) {
      log.info("dingtalk: request refused", { reason: refused });
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ msg: "unauthorized" }));
      req.resume();
      return;
    }
    return readBody(req, res, (raw) => {
      const m = parseMessage(raw);
      if (!m) {
        res.writeHead(400).end();
        return;
      }
      try {
        onMessage(m);
      } catch (err) {
        log.error("dingtalk: message failed", { error: describeError(err) });
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  }

  let connection: Connecting | undefined;
  let stopped = false;

  /** Open the Stream connection (its own reconnects take over from there). */
  async function startStream(): Promise<void> {
    if (stopped || stream) return;
    stream = createStreamClient({
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      gatewayUrl: opts.gatewayUrl,
      topics: [DINGTALK_TOPIC_ROBOT],
      log,
      backoffMs: opts.backoffMs,
      onCallback: (_topic, data) => {
        const m = parseMessage(data);
        if (m) onMessage(m);
        else log.error("dingtalk: robot message is not JSON");
        return null;
      },
    });
    await stream.start();
  }

  /**
   * Check the credentials (an access token) before anything else: without connectivity or with a
   * wrong secret, one Chinese line naming the host and the reason, then retries (connect.ts); the
   * Stream connection opens once the check passed.
   */
  async function start(): Promise<{ mode: "stream" | "http" }> {
    if (opts.mode === "http") {
      if (!opts.http) throw new Error("dingtalk: HTTP mode needs the shared HTTP server");
      opts.http.mount(DINGTALK_EVENTS_PATH, endpoint);
      log.info("dingtalk: callbacks at the shared HTTP server", { endpoint: DINGTALK_EVENTS_PATH });
    }
    connection = await connectWithRetry({
      title: "钉钉",
      host: hostOf(opts.apiUrl, "api.dingtalk.com"),
      log,
      firstDelayMs: opts.retryDelayMs,
      attempt: async () => {
        await poster.accessToken();
      },
    });
    if (opts.mode === "http") return { mode: "http" };
    if (connection.connected) await startStream();
    else void connection.ready.then(startStream);
    return { mode: "stream" };
  }

  return {
    start,
    async stop(ms?: number) {
      stopped = true;
      connection?.stop();
      await answering.drain(ms);
      await stream?.stop();
    },
    poster,
    get stream() {
      return stream;
    },
  };
}
