/**
 * A fake WeCom 智能机器人 long-connection server on 127.0.0.1 speaking the JSON frames of
 * @wecom/aibot-node-sdk 1.0.7 (read in its source): the client authenticates with
 * `aibot_subscribe` {bot_id, secret} and is answered `{headers: {req_id}, errcode}`; heartbeats are
 * `ping`; the server pushes `aibot_msg_callback` (messages) and `aibot_event_callback`
 * (template card events); the client answers with `aibot_respond_msg` (stream, stream + card,
 * media), `aibot_respond_update_msg` (card update) and `aibot_send_msg` (active messages), uploads
 * with `aibot_upload_media_init|chunk|finish`; every client frame gets an ack with its req_id.
 * Also a group robot webhook (`/cgi-bin/webhook/send?key=…`).
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { closeServer, listenLoopback, readBody, waitUntil } from "./http.js";

export const FAKE_BOT_ID = "aibfakebot0001";
export const FAKE_BOT_SECRET = "fake-wecom-bot-secret";
export const FAKE_WEBHOOK_KEY = "0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9";

/** One frame the client sent (after authentication). */
export interface WecomClientFrame {
  cmd: string;
  headers: { req_id: string };
  body: Record<string, unknown>;
}

/** A webhook post the fake accepted. */
export interface WebhookPost {
  key: string;
  msgtype: string;
  content: string;
  /** An `image` message's picture (its md5 checked against the base64 data). */
  image?: Buffer;
}

/** The fake server and its records. */
export interface FakeWecomApi {
  /** WECOM_WS_URL. */
  wsUrl: string;
  /** The group robot webhook. */
  webhook: string;
  /** Frames the client sent, except subscribe and ping. */
  frames: WecomClientFrame[];
  webhookPosts: WebhookPost[];
  uploads: Array<{ filename: string; type: string; data: Buffer }>;
  /** Authenticated connections so far. */
  authenticated(): number;
  waitForAuth(n?: number): Promise<void>;
  /** Push a message callback; returns its req_id. */
  pushMessage(body: Record<string, unknown>): string;
  /** Push a template card event; returns its req_id. */
  pushCardEvent(body: Record<string, unknown>): string;
  /** Wait for a client frame matching `pred`. */
  waitForFrame(pred: (f: WecomClientFrame) => boolean, what?: string): Promise<WecomClientFrame>;
  close(): Promise<void>;
}

/** A text message callback body (a group @-message by default; the text keeps the @-mention). */
export function textMessage(o: {
  text: string;
  msgid?: string;
  chatid?: string;
  single?: boolean;
  userid?: string;
}): Record<string, unknown> {
  const single = o.single ?? false;
  return {
    msgid: o.msgid ?? `msg_${randomUUID()}`,
    aibotid: FAKE_BOT_ID,
    ...(single ? {} : { chatid: o.chatid ?? "wrGroup001" }),
    chattype: single ? "single" : "group",
    from: { userid: o.userid ?? "zhangsan" },
    msgtype: "text",
    text: { content: single ? o.text : `@预算机器人 ${o.text}` },
  };
}

/** A template_card_event body for a button key and task id. */
export function cardEvent(o: {
  key: string;
  taskId: string;
  msgid?: string;
  chatid?: string;
}): Record<string, unknown> {
  return {
    msgid: o.msgid ?? `ev_${randomUUID()}`,
    create_time: Math.floor(Date.now() / 1000),
    aibotid: FAKE_BOT_ID,
    chatid: o.chatid ?? "wrGroup001",
    chattype: "group",
    from: { userid: "zhangsan" },
    msgtype: "event",
    event: { eventtype: "template_card_event", event_key: o.key, task_id: o.taskId },
  };
}

/** Start the fake. */
export async function startFakeWecomApi(
  /** ackDelayMs: acknowledge replies this late (a slow network), to test a stop mid-answer. */
  opts: { ackDelayMs?: number } = {},
): Promise<FakeWecomApi> {
  const frames: WecomClientFrame[] = [];
  const webhookPosts: WebhookPost[] = [];
  const uploads: FakeWecomApi["uploads"] = [];
  const pendingUploads = new Map<string, { filename: string; type: string; chunks: Buffer[] }>();
  const sockets: WebSocket[] = [];
  let authed = 0;
  let live: WebSocket | undefined;

  const json = (res: ServerResponse, body: unknown, status = 200) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as Record<string, unknown>;
    if (url.pathname !== "/cgi-bin/webhook/send") {
      json(res, { errcode: 404, errmsg: "not found" }, 404);
      return;
    }
    const key = url.searchParams.get("key") ?? "";
    if (key !== FAKE_WEBHOOK_KEY) {
      json(res, { errcode: 93000, errmsg: "invalid webhook url" });
      return;
    }
    const msgtype = String(body.msgtype ?? "");
    const content = String((body[msgtype] as { content?: string } | undefined)?.content ?? "");
    if (Buffer.byteLength(content, "utf8") > 4096) {
      json(res, { errcode: 40058, errmsg: "markdown.content exceed max length 4096" });
      return;
    }
    if (msgtype === "image") {
      const image = body.image as { base64?: string; md5?: string } | undefined;
      const data = Buffer.from(image?.base64 ?? "", "base64");
      const md5 = createHash("md5").update(data).digest("hex");
      if (data.length === 0 || data.length > 2 * 1024 * 1024 || md5 !== image?.md5) {
        json(res, { errcode: 40009, errmsg: "invalid image size or md5" });
        return;
      }
      webhookPosts.push({ key, msgtype, content: "", image: data });
      json(res, { errcode: 0, errmsg: "ok" });
      return;
    }
    webhookPosts.push({ key, msgtype, content });
    json(res, { errcode: 0, errmsg: "ok" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, { errcode: -1, errmsg: "internal" }, 500));
  });
  const wss = new WebSocketServer({ server });
  wss.on("connection", (ws) => {
    sockets.push(ws);
    const ack = (reqId: string, extra: Record<string, unknown> = {}) =>
      ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 0, errmsg: "ok", ...extra }));
    ws.on("message", (data) => {
      const f = JSON.parse(data.toString()) as WecomClientFrame;
      const reqId = f.headers?.req_id ?? "";
      if (f.cmd === "aibot_subscribe") {
        const ok = f.body?.bot_id === FAKE_BOT_ID && f.body?.secret === FAKE_BOT_SECRET;
        if (!ok) {
          ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 40001, errmsg: "invalid secret" }));
          return;
        }
        authed += 1;
        live = ws;
        ack(reqId);
        return;
      }
      if (f.cmd === "ping") {
        ack(reqId);
        return;
      }
      frames.push(f);
      if (f.cmd === "aibot_upload_media_init") {
        const uploadId = randomUUID();
        pendingUploads.set(uploadId, {
          filename: String(f.body.filename ?? ""),
          type: String(f.body.type ?? ""),
          chunks: [],
        });
        ack(reqId, { body: { upload_id: uploadId } });
        return;
      }
      if (f.cmd === "aibot_upload_media_chunk") {
        const u = pendingUploads.get(String(f.body.upload_id));
        u?.chunks.push(Buffer.from(String(f.body.base64_data ?? ""), "base64"));
        ack(reqId);
        return;
      }
      if (f.cmd === "aibot_upload_media_finish") {
        const u = pendingUploads.get(String(f.body.upload_id));
        if (u) uploads.push({ filename: u.filename, type: u.type, data: Buffer.concat(u.chunks) });
        ack(reqId, {
          body: { type: u?.type ?? "file", media_id: `media_${uploads.length}`, created_at: "0" },
        });
        return;
      }
      if (opts.ackDelayMs) setTimeout(() => ws.readyState === ws.OPEN && ack(reqId), opts.ackDelayMs);
      else ack(reqId);
    });
  });
  const port = await listenLoopback(server);

  const push = (cmd: string, body: Record<string, unknown>) => {
    if (!live || live.readyState !== live.OPEN) throw new Error("no authenticated connection");
    const reqId = `${cmd}_${randomUUID()}`;
    live.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return reqId;
  };

  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    webhook: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${FAKE_WEBHOOK_KEY}`,
    frames,
    webhookPosts,
    uploads,
    authenticated: () => authed,
    waitForAuth: async (n = 1) => {
      await waitUntil(() => (authed >= n ? true : undefined), `authenticated connection ${n}`);
    },
    pushMessage: (body) => push("aibot_msg_callback", body),
    pushCardEvent: (body) => push("aibot_event_callback", body),
    waitForFrame: (pred, what = "a client frame") => waitUntil(() => frames.find(pred), what),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}
