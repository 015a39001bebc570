/**
 * A fake Feishu open platform on 127.0.0.1, enough for the real @larksuiteoapi/node-sdk:
 * tenant_access_token, bot/v3/info, im.v1 message create/reply/patch (with the 1 h `uuid`
 * idempotency: a repeated uuid returns the first message and delivers nothing), file upload,
 * and the long connection (POST /callback/ws/endpoint, then a websocket speaking protobuf frames:
 * `pushEvent` sends an event and resolves with the client's ack). Helpers build event bodies and
 * signed (optionally encrypted) HTTP callback requests.
 */
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { feishuSignature } from "../../src/adapters/feishu/callback.js";
import { decodeFrame, encodeFrame } from "./feishu-frames.js";
import { closeServer, listenLoopback, parseMultipart, readBody, waitUntil } from "./http.js";

/** The bot's identity in the fake tenant. */
export const FAKE_BOT_OPEN_ID = "ou_bot000000000000000000000000000";
export const FAKE_BOT_NAME = "预算机器人";
/** An app id WSClient accepts (cli_ + 16 hex). */
export const FAKE_APP_ID = "cli_0123456789abcdef";
export const FAKE_APP_SECRET = "fake-app-secret";
export const FAKE_TENANT = "tenant-1";
const TOKEN = "t-fake-tenant-token";

/** One recorded API call. */
export interface FeishuApiCall {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body: Record<string, unknown>;
}

/** A message the fake delivered (uuid repeats are not delivered again). */
export interface DeliveredMessage {
  id: string;
  how: "create" | "reply" | "patch";
  /** The message replied to or patched, or the chat posted to. */
  target: string;
  msgType: string;
  /** Parsed content (card JSON, {text}, {file_key}). */
  content: Record<string, unknown>;
  uuid?: string;
}

/** The fake server and its records. */
export interface FakeFeishuApi {
  /** The API base URL (FEISHU_DOMAIN). */
  domain: string;
  calls: FeishuApiCall[];
  delivered: DeliveredMessage[];
  uploads: Array<{ fileName?: string; fileType?: string; data: Buffer }>;
  /** Long connections made so far. */
  connections(): number;
  /** Wait until a long connection is open. */
  waitForConnection(): Promise<void>;
  /** Send an event over the long connection; resolves with the client's ack payload. */
  pushEvent(body: Record<string, unknown>): Promise<{ code: number }>;
  /** Wait for a delivered message matching `pred`. */
  waitForDelivered(pred: (m: DeliveredMessage) => boolean, what?: string): Promise<DeliveredMessage>;
  close(): Promise<void>;
}

/** Start the fake. */
export async function startFakeFeishuApi(): Promise<FakeFeishuApi> {
  const calls: FeishuApiCall[] = [];
  const delivered: DeliveredMessage[] = [];
  const uploads: FakeFeishuApi["uploads"] = [];
  const byUuid = new Map<string, string>();
  const acks = new Map<string, { code: number }>();
  const sockets: WebSocket[] = [];
  let connections = 0;
  let seq = 0;
  let port = 0;

  const json = (res: ServerResponse, body: unknown, status = 200) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  function deliver(how: DeliveredMessage["how"], target: string, body: Record<string, unknown>): string {
    const uuid = typeof body.uuid === "string" ? body.uuid : undefined;
    const seen = uuid ? byUuid.get(uuid) : undefined;
    if (seen) return seen;
    seq += 1;
    const id = how === "patch" ? target : `om_${seq}`;
    if (uuid) byUuid.set(uuid, id);
    delivered.push({
      id,
      how,
      target,
      msgType: String(body.msg_type ?? "interactive"),
      content: JSON.parse(String(body.content ?? "{}")) as Record<string, unknown>,
      uuid,
    });
    return id;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    const contentType = String(req.headers["content-type"] ?? "");
    let body: Record<string, unknown> = {};
    if (contentType.startsWith("multipart/form-data")) {
      const parts = parseMultipart(raw, contentType);
      const field = (n: string) => parts.find((p) => p.name === n);
      uploads.push({
        fileName: field("file_name")?.data.toString("utf8"),
        fileType: field("file_type")?.data.toString("utf8") ?? field("image_type")?.data.toString("utf8"),
        data: field("file")?.data ?? field("image")?.data ?? Buffer.alloc(0),
      });
      body = { file_name: field("file_name")?.data.toString("utf8") };
    } else if (raw.length > 0) {
      body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    }
    const path = url.pathname;
    calls.push({
      method: req.method ?? "",
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
    });
    const authorized = req.headers.authorization === `Bearer ${TOKEN}`;
    if (path === "/open-apis/auth/v3/tenant_access_token/internal") {
      if (body.app_id !== FAKE_APP_ID || body.app_secret !== FAKE_APP_SECRET)
        return json(res, { code: 10014, msg: "app secret invalid" });
      return json(res, { code: 0, msg: "ok", tenant_access_token: TOKEN, expire: 7200 });
    }
    if (path === "/callback/ws/endpoint") {
      return json(res, {
        code: 0,
        msg: "ok",
        data: {
          URL: `ws://127.0.0.1:${port}/ws?device_id=dev1&service_id=7`,
          ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 0 },
        },
      });
    }
    if (!authorized) return json(res, { code: 99991663, msg: "invalid tenant access token" }, 400);
    if (path === "/open-apis/bot/v3/info") {
      return json(res, {
        code: 0,
        msg: "ok",
        bot: { open_id: FAKE_BOT_OPEN_ID, app_name: FAKE_BOT_NAME, activate_status: 2 },
      });
    }
    if (path === "/open-apis/im/v1/files" && req.method === "POST") {
      return json(res, { code: 0, msg: "ok", data: { file_key: `file_v2_${uploads.length}` } });
    }
    if (path === "/open-apis/im/v1/images" && req.method === "POST") {
      return json(res, { code: 0, msg: "ok", data: { image_key: `img_v3_${uploads.length}` } });
    }
    if (path === "/open-apis/im/v1/messages" && req.method === "POST") {
      const id = deliver("create", String(body.receive_id ?? ""), body);
      return json(res, { code: 0, msg: "ok", data: { message_id: id, chat_id: body.receive_id } });
    }
    const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (reply && req.method === "POST") {
      const id = deliver("reply", reply[1] ?? "", body);
      return json(res, { code: 0, msg: "ok", data: { message_id: id } });
    }
    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (patch && req.method === "PATCH") {
      deliver("patch", patch[1] ?? "", { ...body, msg_type: "interactive" });
      return json(res, { code: 0, msg: "ok", data: {} });
    }
    return json(res, { code: 404, msg: `no route ${req.method} ${path}` }, 404);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => json(res, { code: 500, msg: String(err) }, 500));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/ws")) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections += 1;
      sockets.push(ws);
      ws.on("message", (data: Buffer) => {
        const frame = decodeFrame(new Uint8Array(data));
        if (frame.method !== 1) return; // pings
        const id = frame.headers.find((h) => h.key === "message_id")?.value ?? "";
        const payload = frame.payload
          ? (JSON.parse(new TextDecoder().decode(frame.payload)) as { code: number })
          : { code: 0 };
        acks.set(id, payload);
      });
    });
  });
  port = await listenLoopback(server);
  let frameSeq = 0;

  return {
    domain: `http://127.0.0.1:${port}`,
    calls,
    delivered,
    uploads,
    connections: () => connections,
    waitForConnection: async () => {
      await waitUntil(
        () => (sockets.some((s) => s.readyState === s.OPEN) ? true : undefined),
        "a long connection",
      );
    },
    async pushEvent(body) {
      const socket = sockets.find((s) => s.readyState === s.OPEN);
      if (!socket) throw new Error("no long connection");
      frameSeq += 1;
      const id = `msg-frame-${frameSeq}`;
      socket.send(
        encodeFrame({
          SeqID: frameSeq,
          LogID: 0,
          service: 7,
          method: 1,
          headers: [
            { key: "type", value: "event" },
            { key: "message_id", value: id },
            { key: "sum", value: "1" },
            { key: "seq", value: "0" },
            { key: "trace_id", value: `trace-${frameSeq}` },
          ],
          payload: new TextEncoder().encode(JSON.stringify(body)),
        }),
      );
      return waitUntil(() => acks.get(id), `the ack of ${id}`);
    },
    waitForDelivered: (pred, what = "a delivered message") => waitUntil(() => delivered.find(pred), what),
    async close() {
      for (const s of sockets) s.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}

let eventSeq = 0;

/** An `im.message.receive_v1` body (schema 2.0) as Feishu sends it. */
export function messageEvent(opts: {
  text: string;
  chatType?: "group" | "p2p";
  /** Prefix the text with an @-mention of the bot (default: in groups). */
  mentionBot?: boolean;
  chatId?: string;
  eventId?: string;
  messageId?: string;
  token?: string;
}): Record<string, unknown> {
  eventSeq += 1;
  const chatType = opts.chatType ?? "group";
  const mention = opts.mentionBot ?? chatType === "group";
  return {
    schema: "2.0",
    header: {
      event_id: opts.eventId ?? `ev_${eventSeq}_${randomBytes(4).toString("hex")}`,
      event_type: "im.message.receive_v1",
      create_time: String(Date.now()),
      token: opts.token ?? "verify-token",
      app_id: FAKE_APP_ID,
      tenant_key: FAKE_TENANT,
    },
    event: {
      sender: {
        sender_id: { open_id: "ou_user1", user_id: "u1" },
        sender_type: "user",
        tenant_key: FAKE_TENANT,
      },
      message: {
        message_id: opts.messageId ?? `om_user_${eventSeq}`,
        chat_id: opts.chatId ?? "oc_group1",
        chat_type: chatType,
        message_type: "text",
        create_time: String(Date.now()),
        content: JSON.stringify({ text: mention ? `@_user_1 ${opts.text}` : opts.text }),
        mentions: mention
          ? [
              {
                key: "@_user_1",
                id: { open_id: FAKE_BOT_OPEN_ID },
                name: FAKE_BOT_NAME,
                tenant_key: FAKE_TENANT,
              },
            ]
          : [],
      },
    },
  };
}

/** A `card.action.trigger` callback body (schema 2.0) for a button press on a card message. */
export function cardActionEvent(opts: {
  value: unknown;
  messageId: string;
  chatId?: string;
  eventId?: string;
  token?: string;
}): Record<string, unknown> {
  eventSeq += 1;
  return {
    schema: "2.0",
    header: {
      event_id: opts.eventId ?? `ev_card_${eventSeq}`,
      event_type: "card.action.trigger",
      create_time: String(Date.now()),
      token: opts.token ?? "verify-token",
      app_id: FAKE_APP_ID,
      tenant_key: FAKE_TENANT,
    },
    event: {
      operator: { open_id: "ou_user1", tenant_key: FAKE_TENANT },
      token: "c-card-token",
      action: { tag: "button", value: opts.value },
      host: "im_message",
      context: { open_message_id: opts.messageId, open_chat_id: opts.chatId ?? "oc_group1" },
    },
  };
}

/** Encrypt a body as Feishu does with an Encrypt Key: {"encrypt": base64(iv + AES-256-CBC(json))}. */
export function encryptBody(body: Record<string, unknown>, encryptKey: string): Record<string, unknown> {
  const key = createHash("sha256").update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  const data = Buffer.concat([iv, cipher.update(JSON.stringify(body), "utf8"), cipher.final()]);
  return { encrypt: data.toString("base64") };
}

/** A signed HTTP callback request (raw body + headers); `timestampSec` for stale requests, `key` for forged ones. */
export function signedCallback(
  body: Record<string, unknown>,
  encryptKey: string,
  opts: { timestampSec?: number; signWith?: string; encrypt?: boolean } = {},
): { raw: string; headers: Record<string, string> } {
  const raw = JSON.stringify(opts.encrypt === false ? body : encryptBody(body, encryptKey));
  const timestamp = String(opts.timestampSec ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString("hex");
  return {
    raw,
    headers: {
      "content-type": "application/json",
      "x-lark-request-timestamp": timestamp,
      "x-lark-request-nonce": nonce,
      "x-lark-signature": feishuSignature(timestamp, nonce, opts.signWith ?? encryptKey, raw),
    },
  };
}
