/**
 * A small DingTalk Stream-mode client (instead of the `dingtalk-stream` package, whose gateway URL
 * is hard-coded, whose SYSTEM `disconnect` only flips flags and whose keep-alive timer leaks on
 * every reconnect; PLATFORMS-CN.md).
 *
 * Protocol: POST the gateway (`{api}/v1.0/gateway/connections/open`) with clientId, clientSecret
 * and the subscriptions → `{ endpoint, ticket }`; open the websocket `${endpoint}?ticket=…`; every
 * frame is JSON `{ specVersion, type: SYSTEM|EVENT|CALLBACK, headers: { topic, messageId, … }, data }`
 * and is answered with an ack frame `{ code: 200, headers: { contentType, messageId }, message, data }`
 * (unanswered frames are resent within 60 s). SYSTEM `ping` is answered with its own data; SYSTEM
 * `disconnect` means the gateway is about to close this connection: open a new one.
 *
 * Reconnects back off exponentially (with a cap); a websocket ping every `keepAliveMs` detects a
 * dead connection. The client holds at most one timer of each kind at any time and none after stop().
 */
import WebSocket from "ws";
import { ApiRefusal, connectionProblem, hostOf } from "../../platforms/network-problem.js";
import { type AdapterLog, describeError } from "../common.js";
import { callDeadline } from "../deadline.js";

/** The robot message topic. */
export const DINGTALK_TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

/** Options of the Stream client. */
export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** The full connections/open URL (DINGTALK_GATEWAY_URL, default `{DINGTALK_API_URL}/v1.0/gateway/connections/open`). */
  gatewayUrl: string;
  /** CALLBACK topics to subscribe to. */
  topics: readonly string[];
  /**
   * A CALLBACK frame's data (JSON text) for a subscribed topic; what it returns is sent back as
   * the ack's `response`. It should return quickly (answers are produced in the background).
   */
  onCallback(topic: string, data: string): unknown;
  log: AdapterLog;
  /** First reconnect delay (doubled per failure up to maxBackoffMs). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Websocket ping interval; a missing pong by the next ping closes the connection. */
  keepAliveMs?: number;
  /** User agent sent to the gateway. */
  ua?: string;
}

/** A DingTalk Stream frame as received. */
export interface StreamFrame {
  specVersion?: string;
  type?: string;
  headers?: Record<string, string | undefined>;
  data?: string;
}

/** The running client. */
export interface StreamClient {
  /** Connect; resolves when the first connection is open or the first attempt failed (retries go on). */
  start(): Promise<void>;
  /** Close the connection and cancel every timer; no reconnect follows. */
  stop(): Promise<void>;
  /** Is a connection open? */
  readonly connected: boolean;
  /** Timers currently pending (reconnect, keep-alive): 0 after stop(). For tests and diagnostics. */
  pendingTimers(): number;
}

const DEFAULT_BACKOFF_MS = 1000;
const DEFAULT_MAX_BACKOFF_MS = 60_000;
const DEFAULT_KEEPALIVE_MS = 30_000;

/** Create the client; nothing touches the network until start(). */
export function createStreamClient(opts: StreamClientOptions): StreamClient {
  const { log } = opts;
  const base = opts.backoffMs ?? DEFAULT_BACKOFF_MS;
  const maxBackoff = opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  const keepAliveMs = opts.keepAliveMs ?? DEFAULT_KEEPALIVE_MS;
  let ws: WebSocket | undefined;
  let stopped = false;
  let failures = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let keepAlive: NodeJS.Timeout | undefined;
  let firstSettled: (() => void) | undefined;

  function settleFirst(): void {
    firstSettled?.();
    firstSettled = undefined;
  }

  async function openConnection(): Promise<string> {
    const res = await fetch(opts.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        clientId: opts.clientId,
        clientSecret: opts.clientSecret,
        subscriptions: opts.topics.map((topic) => ({ type: "CALLBACK", topic })),
        ua: opts.ua ?? "budget-bot",
      }),
      signal: callDeadline(),
    });
    const body = (await res.json().catch(() => ({}))) as {
      endpoint?: string;
      ticket?: string;
      code?: string;
      message?: string;
    };
    if (!res.ok || !body.endpoint || !body.ticket) {
      throw new ApiRefusal(`gateway refused (HTTP ${res.status}${body.message ? `: ${body.message}` : ""})`, {
        status: res.status,
        code: body.code,
        text: body.message,
      });
    }
    const url = new URL(body.endpoint);
    url.searchParams.set("ticket", body.ticket);
    return url.toString();
  }

  function clearKeepAlive(): void {
    if (keepAlive) clearInterval(keepAlive);
    keepAlive = undefined;
  }

  function scheduleReconnect(): void {
    if (stopped || reconnectTimer) return;
    const delay = Math.min(maxBackoff, base * 2 ** Math.min(failures, 16));
    failures += 1;
    log.info("dingtalk: stream reconnecting", { inMs: delay });
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
  }

  function send(socket: WebSocket, frame: unknown): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  function ack(socket: WebSocket, messageId: string | undefined, data: unknown): void {
    send(socket, {
      code: 200,
      headers: { contentType: "application/json", messageId: messageId ?? "" },
      message: "OK",
      data: JSON.stringify(data),
    });
  }

  function onFrame(socket: WebSocket, raw: string): void {
    let frame: StreamFrame;
    try {
      frame = JSON.parse(raw) as StreamFrame;
    } catch {
      log.error("dingtalk: stream frame is not JSON");
      return;
    }
    const headers = frame.headers ?? {};
    const topic = headers.topic ?? "";
    if (frame.type === "SYSTEM") {
      if (topic === "ping") {
        send(socket, { code: 200, headers, message: "OK", data: frame.data ?? "" });
      } else if (topic === "disconnect") {
        log.info("dingtalk: gateway asked to reconnect");
        socket.close(1000, "disconnect requested");
      }
      return;
    }
    if (frame.type === "CALLBACK" && opts.topics.includes(topic)) {
      let response: unknown = null;
      try {
        response = opts.onCallback(topic, frame.data ?? "") ?? null;
      } catch (err) {
        log.error("dingtalk: callback handler failed", { error: describeError(err) });
      }
      ack(socket, headers.messageId, { response });
      return;
    }
    // Events and unsubscribed topics: acknowledge so the gateway does not resend them.
    ack(socket, headers.messageId, { status: "SUCCESS", message: "success" });
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    let url: string;
    try {
      url = await openConnection();
    } catch (err) {
      const host = hostOf(opts.gatewayUrl, "api.dingtalk.com");
      const reason = connectionProblem(err);
      log.error(`钉钉 Stream 网关无法连接 ${host}：${reason}`, { host, reason });
      settleFirst();
      scheduleReconnect();
      return;
    }
    if (stopped) return;
    const socket = new WebSocket(url);
    ws = socket;
    let alive = true;
    socket.on("open", () => {
      failures = 0;
      log.info("dingtalk: stream connected");
      settleFirst();
      clearKeepAlive();
      keepAlive = setInterval(() => {
        if (!alive) {
          log.info("dingtalk: stream keep-alive missed, reconnecting");
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, keepAliveMs);
    });
    socket.on("pong", () => {
      alive = true;
    });
    socket.on("message", (data) => onFrame(socket, data.toString()));
    socket.on("error", (err) => {
      if (stopped) return;
      log.error("dingtalk: stream connection error", { error: err.message });
    });
    socket.on("close", () => {
      if (ws === socket) {
        ws = undefined;
        clearKeepAlive();
      }
      settleFirst();
      scheduleReconnect();
    });
  }

  return {
    start() {
      stopped = false;
      return new Promise<void>((resolve) => {
        firstSettled = resolve;
        void connect();
      });
    },
    async stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      clearKeepAlive();
      const socket = ws;
      ws = undefined;
      if (socket && socket.readyState !== WebSocket.CLOSED) {
        await new Promise<void>((resolve) => {
          socket.once("close", () => resolve());
          socket.terminate();
        });
      }
      settleFirst();
    },
    get connected() {
      return ws?.readyState === WebSocket.OPEN;
    },
    pendingTimers: () => (reconnectTimer ? 1 : 0) + (keepAlive ? 1 : 0),
  };
}
