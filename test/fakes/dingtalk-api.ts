/**
 * A fake DingTalk open platform on 127.0.0.1, enough for the DingTalk adapter: the Stream gateway
 * (POST /v1.0/gateway/connections/open → endpoint + ticket, then a websocket speaking JSON frames:
 * `pushRobotMessage` sends a CALLBACK frame and resolves with the client's ack, `system` sends a
 * SYSTEM frame), sessionWebhook replies, the OpenAPI token and group send, and a group robot
 * webhook with 加签 (a wrong or stale signature is refused like DingTalk does: errcode 310000).
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { dingtalkSign } from "../../src/adapters/dingtalk/sign.js";
import { closeServer, listenLoopback, parseMultipart, readBody, waitUntil } from "./http.js";

export const FAKE_CLIENT_ID = "dingfakeclientid";
export const FAKE_CLIENT_SECRET = "fake-dingtalk-client-secret";
/** The 加签 secret of the fake group robot, and its access token. */
export const FAKE_ROBOT_SECRET = "SECfake0123456789abcdef";
export const FAKE_ROBOT_TOKEN = "robot-access-token-0123456789";
const ACCESS_TOKEN = "fake-dingtalk-access-token";

/** A message the fake delivered. */
export interface DingtalkDelivered {
  how: "session" | "group" | "user" | "webhook";
  /** sessionWebhook id, openConversationId, the user's staff id, or the robot's access token. */
  target: string;
  msgtype: string;
  /** The markdown text (or text content). */
  text: string;
  title?: string;
}

/** One frame the client sent over the stream. */
export interface ClientFrame {
  code?: number;
  headers?: Record<string, string>;
  message?: string;
  data?: string;
}

/** The fake server and its records. */
export interface FakeDingtalkApi {
  /** API base URL (DINGTALK_API_URL). */
  apiUrl: string;
  /** Gateway URL (DINGTALK_GATEWAY_URL). */
  gatewayUrl: string;
  /** The group robot webhook URL (without 加签 parameters). */
  robotWebhook: string;
  delivered: DingtalkDelivered[];
  /** Images uploaded with media/upload, by media_id. */
  media: Map<string, Buffer>;
  /** Frames received from the client (acks). */
  frames: ClientFrame[];
  /** Requests refused (bad credentials, bad signature) by path. */
  refused: string[];
  /** Gateway calls so far. */
  gatewayCalls(): number;
  /** Websocket connections so far. */
  connections(): number;
  /** Refuse the next `n` gateway calls (to exercise the backoff). */
  refuseGateway(n: number): void;
  /** Wait until `n` connections were made and the last is open. */
  waitForConnection(n?: number): Promise<void>;
  /** Send a robot message over the current connection; resolves with the client's ack. */
  pushRobotMessage(data: Record<string, unknown>): Promise<ClientFrame>;
  /** Send a SYSTEM frame; for `ping`, resolves with the client's answer. */
  system(topic: string, data?: string): Promise<ClientFrame | undefined>;
  waitForDelivered(pred: (m: DingtalkDelivered) => boolean, what?: string): Promise<DingtalkDelivered>;
  close(): Promise<void>;
}

/** A robot message as DingTalk delivers it (group @-message by default). */
export function robotMessage(
  fake: Pick<FakeDingtalkApi, "apiUrl">,
  o: {
    text: string;
    msgId?: string;
    conversationId?: string;
    group?: boolean;
    atBot?: boolean;
    session?: string;
  },
): Record<string, unknown> {
  const group = o.group ?? true;
  const session = o.session ?? o.msgId ?? randomUUID();
  return {
    conversationId: o.conversationId ?? "cidGroup001==",
    atUsers: group && o.atBot !== false ? [{ dingtalkId: "$:LWCP_v1:$bot" }] : [],
    chatbotCorpId: "dingcorp001",
    chatbotUserId: "$:LWCP_v1:$bot",
    msgId: o.msgId ?? `msg${randomUUID()}`,
    senderNick: "张三",
    isAdmin: false,
    senderStaffId: "staff001",
    sessionWebhookExpiredTime: Date.now() + 90 * 60_000,
    createAt: Date.now(),
    senderCorpId: "dingcorp001",
    conversationType: group ? "2" : "1",
    senderId: "$:LWCP_v1:$sender",
    conversationTitle: group ? "财务群" : undefined,
    isInAtList: group ? o.atBot !== false : undefined,
    sessionWebhook: `${fake.apiUrl}/robot/sendBySession?session=${encodeURIComponent(session)}`,
    // DingTalk removes the @-mention of the robot from the text (a leading blank stays).
    text: { content: ` ${o.text}` },
    robotCode: FAKE_CLIENT_ID,
    msgtype: "text",
  };
}

/** Start the fake. */
export async function startFakeDingtalkApi(): Promise<FakeDingtalkApi> {
  const delivered: DingtalkDelivered[] = [];
  const media = new Map<string, Buffer>();
  const frames: ClientFrame[] = [];
  const refused: string[] = [];
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const waiting = new Map<string, (f: ClientFrame) => void>();
  let gatewayCalls = 0;
  let refuseNext = 0;
  let connections = 0;
  let port = 0;

  const json = (res: ServerResponse, body: unknown, status = 200) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));

  function record(how: DingtalkDelivered["how"], target: string, msg: Record<string, unknown>): void {
    const md = msg.markdown as { title?: string; text?: string } | undefined;
    const text = msg.text as { content?: string } | undefined;
    delivered.push({
      how,
      target,
      msgtype: String(msg.msgtype ?? ""),
      text: md?.text ?? text?.content ?? "",
      title: md?.title,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const bytes = await readBody(req);
    const contentType = String(req.headers["content-type"] ?? "");
    if (url.pathname === "/media/upload") {
      // The old OpenAPI: access_token in the query, the file as multipart field `media`.
      const part = contentType.startsWith("multipart/form-data")
        ? parseMultipart(bytes, contentType).find((p) => p.name === "media")
        : undefined;
      if (url.searchParams.get("access_token") !== ACCESS_TOKEN || url.searchParams.get("type") !== "image") {
        refused.push(url.pathname);
        json(res, { errcode: 40014, errmsg: "不合法的access_token" });
        return;
      }
      if (!part) {
        json(res, { errcode: 40004, errmsg: "不合法的媒体文件" });
        return;
      }
      const id = `@lADPfakemedia${media.size + 1}`;
      media.set(id, part.data);
      json(res, { errcode: 0, errmsg: "ok", type: "image", media_id: id, created_at: Date.now() });
      return;
    }
    const raw = bytes.toString("utf8");
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    switch (url.pathname) {
      case "/v1.0/gateway/connections/open": {
        gatewayCalls += 1;
        if (refuseNext > 0) {
          refuseNext -= 1;
          json(res, { code: "ServiceUnavailable", message: "try later" }, 503);
          return;
        }
        if (body.clientId !== FAKE_CLIENT_ID || body.clientSecret !== FAKE_CLIENT_SECRET) {
          refused.push(url.pathname);
          json(res, { code: "InvalidAuthentication", message: "bad credentials" }, 401);
          return;
        }
        const ticket = randomUUID();
        tickets.add(ticket);
        json(res, { endpoint: `ws://127.0.0.1:${port}/connect`, ticket });
        return;
      }
      case "/robot/sendBySession":
        record("session", url.searchParams.get("session") ?? "", body);
        json(res, { errcode: 0, errmsg: "ok" });
        return;
      case "/robot/send": {
        const token = url.searchParams.get("access_token") ?? "";
        const ts = url.searchParams.get("timestamp") ?? "";
        const sign = url.searchParams.get("sign") ?? "";
        const fresh = Math.abs(Date.now() - Number(ts)) < 60 * 60_000;
        if (token !== FAKE_ROBOT_TOKEN) {
          json(res, { errcode: 300001, errmsg: "token is not exist" });
          return;
        }
        if (!fresh || sign !== dingtalkSign(ts, FAKE_ROBOT_SECRET)) {
          refused.push(url.pathname);
          json(res, { errcode: 310000, errmsg: "sign not match" });
          return;
        }
        record("webhook", token, body);
        json(res, { errcode: 0, errmsg: "ok" });
        return;
      }
      case "/v1.0/oauth2/accessToken":
        if (body.appKey !== FAKE_CLIENT_ID || body.appSecret !== FAKE_CLIENT_SECRET) {
          refused.push(url.pathname);
          json(res, { code: "InvalidAuthentication", message: "bad credentials" }, 400);
          return;
        }
        json(res, { accessToken: ACCESS_TOKEN, expireIn: 7200 });
        return;
      case "/v1.0/robot/oToMessages/batchSend":
      case "/v1.0/robot/groupMessages/send": {
        if (
          req.headers["x-acs-dingtalk-access-token"] !== ACCESS_TOKEN ||
          body.robotCode !== FAKE_CLIENT_ID
        ) {
          refused.push(url.pathname);
          json(res, { code: "InvalidAuthentication", message: "bad token" }, 401);
          return;
        }
        const param = JSON.parse(String(body.msgParam ?? "{}")) as {
          title?: string;
          text?: string;
          photoURL?: string;
        };
        const single = url.pathname.includes("oToMessages");
        const target = single
          ? String((body.userIds as string[] | undefined)?.join(",") ?? "")
          : String(body.openConversationId ?? "");
        // An image message: its photoURL (a media_id) stands as its text.
        const shown = param.photoURL !== undefined ? { text: param.photoURL } : param;
        record(single ? "user" : "group", target, { msgtype: String(body.msgKey ?? ""), markdown: shown });
        json(res, { processQueryKey: randomUUID() });
        return;
      }
      default:
        json(res, { code: "NotFound" }, 404);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, { code: "Internal" }, 500));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/connect" || !tickets.delete(ticket)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections += 1;
      sockets.push(ws);
      ws.on("message", (data) => {
        const frame = JSON.parse(data.toString()) as ClientFrame;
        frames.push(frame);
        const id = frame.headers?.messageId ?? "";
        const w = waiting.get(id);
        if (w) {
          waiting.delete(id);
          w(frame);
        }
      });
    });
  });
  port = await listenLoopback(server);
  const apiUrl = `http://127.0.0.1:${port}`;

  const current = () => {
    const ws = sockets[sockets.length - 1];
    if (!ws || ws.readyState !== ws.OPEN) throw new Error("no open stream connection");
    return ws;
  };
  const sendFrame = (type: string, topic: string, data: string): Promise<ClientFrame> => {
    const messageId = randomUUID();
    const answered = new Promise<ClientFrame>((resolve) => waiting.set(messageId, resolve));
    current().send(
      JSON.stringify({
        specVersion: "1.0",
        type,
        headers: {
          appId: FAKE_CLIENT_ID,
          contentType: "application/json",
          messageId,
          time: String(Date.now()),
          topic,
        },
        data,
      }),
    );
    return answered;
  };

  return {
    apiUrl,
    gatewayUrl: `${apiUrl}/v1.0/gateway/connections/open`,
    robotWebhook: `${apiUrl}/robot/send?access_token=${FAKE_ROBOT_TOKEN}`,
    delivered,
    media,
    frames,
    refused,
    gatewayCalls: () => gatewayCalls,
    connections: () => connections,
    refuseGateway: (n) => {
      refuseNext = n;
    },
    waitForConnection: async (n = 1) => {
      await waitUntil(
        () => (connections >= n && sockets[sockets.length - 1]?.readyState === 1 ? true : undefined),
        `stream connection ${n}`,
      );
    },
    pushRobotMessage: (data) => sendFrame("CALLBACK", "/v1.0/im/bot/messages/get", JSON.stringify(data)),
    system: async (topic, data = "") => {
      if (topic === "ping") return sendFrame("SYSTEM", topic, data);
      current().send(
        JSON.stringify({
          specVersion: "1.0",
          type: "SYSTEM",
          headers: { messageId: randomUUID(), topic },
          data,
        }),
      );
      return undefined;
    },
    waitForDelivered: (pred, what = "a delivered message") => waitUntil(() => delivered.find(pred), what),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}
