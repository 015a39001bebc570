/**
 * A fake Telegram Bot API on 127.0.0.1 for offline tests: `/bot<token>/<method>`. Point grammY's
 * `client.apiRoot` at `apiRoot`. Records every call; serves getUpdates from a queue the test fills.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { closeServer, listenLoopback, parseMultipart, readBody, waitUntil } from "./http.js";

/** One recorded Bot API call; multipart files appear as `{ filename, content }`. */
export interface TelegramApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A recorded uploaded file. */
export interface TelegramFilePart {
  filename?: string;
  content: string;
  /** The file's bytes as sent (a photo's PNG). */
  bytes: Buffer;
}

/** A running fake Bot API. */
export interface FakeTelegramApi {
  /** For grammY's `client.apiRoot` (no trailing slash). */
  apiRoot: string;
  token: string;
  calls: TelegramApiCall[];
  /** Queue an update for the next getUpdates (update_id is assigned when missing). */
  pushUpdate(update: Record<string, unknown>): number;
  /** Make the next call of `method` fail with a Bot API error. */
  failNext(method: string, errorCode: number, description: string): void;
  callsOf(method: string): TelegramApiCall[];
  /** Serve a file through getFile and the file API; `hold` delays its download until it settles. */
  addFile(fileId: string, bytes: Uint8Array, hold?: Promise<void>): void;
  /** File ids downloaded from the file API, in order. */
  downloads: string[];
  /** Wait (bounded) for a call of `method` that satisfies `pred`. */
  waitForCall(method: string, pred?: (c: TelegramApiCall) => boolean): Promise<TelegramApiCall>;
  close(): Promise<void>;
}

/** How long an empty getUpdates waits for a pushed update before answering []. */
const LONG_POLL_MS = 150;

const BOT_USER = {
  id: 4242,
  is_bot: true,
  first_name: "预算助手",
  username: "budget_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
};

function parsePayload(raw: Buffer, contentType: string): Record<string, unknown> {
  if (contentType.includes("multipart/form-data")) {
    const out: Record<string, unknown> = {};
    const files = new Map<string, TelegramFilePart>();
    for (const part of parseMultipart(raw, contentType)) {
      const text = part.data.toString("utf8");
      if (part.filename !== undefined)
        files.set(part.name, { filename: part.filename, content: text, bytes: part.data });
      else out[part.name] = text;
    }
    // grammY sends files as separate parts referenced by "attach://<name>".
    for (const [key, value] of Object.entries(out)) {
      const ref =
        typeof value === "string" && value.startsWith("attach://") ? files.get(value.slice(9)) : undefined;
      if (ref) out[key] = ref;
    }
    for (const [name, file] of files)
      if (!(name in out) && !Object.values(out).includes(file)) out[name] = file;
    return out;
  }
  const text = raw.toString("utf8");
  if (!text) return {};
  if (contentType.includes("application/json")) return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}

/** Start the fake on an ephemeral loopback port. */
export async function startFakeTelegramApi(token = "123456:TEST-token"): Promise<FakeTelegramApi> {
  const calls: TelegramApiCall[] = [];
  const queue: Array<Record<string, unknown> & { update_id: number }> = [];
  const failures = new Map<string, { error_code: number; description: string }>();
  const waiters = new Set<() => void>();
  let nextUpdateId = 1000;
  let nextMessageId = 500;
  const files = new Map<string, { bytes: Uint8Array; hold?: Promise<void> }>();
  const downloads: string[] = [];

  function take(offset: number): Array<Record<string, unknown>> {
    while (queue.length > 0 && (queue[0]?.update_id ?? 0) < offset) queue.shift();
    return queue.splice(0, queue.length);
  }

  function result(method: string, p: Record<string, unknown>): unknown {
    const chat = { id: Number(p.chat_id), type: "private" };
    const date = 1_700_000_000;
    /** A new message from the bot carrying `part` (text, photo, document). */
    const sent = (part: Record<string, unknown>) => {
      nextMessageId += 1;
      return { message_id: nextMessageId, date, chat, from: BOT_USER, ...part };
    };
    switch (method) {
      case "getMe":
        return BOT_USER;
      case "sendMessage":
        return sent({ text: p.text });
      case "sendPhoto":
        return sent({ photo: [{ file_id: "photo1", file_unique_id: "p1", width: 800, height: 500 }] });
      case "sendDocument":
        return sent({ document: { file_id: "doc1", file_unique_id: "u1" } });
      case "getFile": {
        const id = String(p.file_id);
        const f = files.get(id);
        return {
          file_id: id,
          file_unique_id: `u-${id}`,
          file_size: f?.bytes.length,
          file_path: `documents/${id}`,
        };
      }
      case "editMessageText":
        return {
          message_id: Number(p.message_id),
          date,
          chat,
          from: BOT_USER,
          text: p.text,
          edit_date: date,
        };
      default:
        return true;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const download = /^\/file\/bot([^/]+)\/documents\/(.+)$/.exec(path);
    if (download) {
      const f = download[1] === token ? files.get(download[2] as string) : undefined;
      if (!f) {
        res.writeHead(404).end();
        return;
      }
      downloads.push(download[2] as string);
      await f.hold;
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from(f.bytes));
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    const raw = await readBody(req);
    const send = (body: unknown) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (!m || m[1] !== token) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return;
    }
    const method = m[2] as string;
    const payload = parsePayload(raw, req.headers["content-type"] ?? "");
    calls.push({ method, payload });
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      res.writeHead(failure.error_code, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, ...failure }));
      return;
    }
    if (method === "getUpdates") {
      const offset = Number(payload.offset ?? 0);
      const ready = take(offset);
      const timeout = Number(payload.timeout ?? 0);
      if (ready.length > 0 || timeout === 0) {
        send({ ok: true, result: ready });
        return;
      }
      // Long poll: answer at once when an update is pushed, else [] after a short wait.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, LONG_POLL_MS);
        waiters.add(done);
        req.once("close", done);
        res.once("close", done);
      });
      if (!res.writableEnded && !res.destroyed) send({ ok: true, result: take(offset) });
      return;
    }
    send({ ok: true, result: result(method, payload) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const port = await listenLoopback(server);

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    pushUpdate(update) {
      nextUpdateId += 1;
      const id = typeof update.update_id === "number" ? update.update_id : nextUpdateId;
      queue.push({ ...update, update_id: id });
      for (const wake of [...waiters]) wake();
      return id;
    },
    addFile(fileId, bytes, hold) {
      files.set(fileId, hold ? { bytes, hold } : { bytes });
    },
    downloads,
    failNext(method, errorCode, description) {
      failures.set(method, { error_code: errorCode, description });
    },
    callsOf: (method) => calls.filter((c) => c.method === method),
    waitForCall: (method, pred = () => true) =>
      waitUntil(() => calls.find((c) => c.method === method && pred(c)), `Telegram ${method}`),
    close: async () => {
      for (const wake of [...waiters]) wake();
      await closeServer(server);
    },
  };
}
