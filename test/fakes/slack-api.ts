/**
 * A fake Slack Web API on 127.0.0.1 for offline tests. Point Bolt's `clientOptions.slackApiUrl`
 * at `apiUrl`, and slash-command `response_url`s at `responseUrl(id)`. Every call is recorded;
 * conversations.history answers with the messages posted (and their metadata).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { closeServer, listenLoopback, parseMultipart, readBody, waitUntil } from "./http.js";

/** One recorded Web API call, e.g. { method: "chat.postMessage", body: { channel, text, blocks } }. */
export interface SlackApiCall {
  method: string;
  /** Form or JSON fields; `blocks`, `attachments` and `files` JSON strings are parsed. */
  body: Record<string, unknown>;
  /** The Authorization header (Bearer token). */
  authorization?: string;
}

/** One body posted to a response_url. */
export interface SlackResponsePost {
  id: string;
  body: Record<string, unknown>;
  /** True when the fake answered this post with 400 (see rejectNextResponse). */
  rejected?: boolean;
  /** True once the fake's answer to this post reached the sender (false: the sender went away first). */
  delivered?: boolean;
}

/** One file body uploaded to an upload_url handed out by files.getUploadURLExternal. */
export interface SlackUpload {
  fileId: string;
  /** The file bytes (the multipart part's data, or the raw body). */
  data: Buffer;
}

/** A running fake Slack Web API. */
export interface FakeSlackApi {
  /** Base URL, e.g. "http://127.0.0.1:41234". */
  url: string;
  /** Value for `slackApiUrl` (ends with "/api/"). */
  apiUrl: string;
  calls: SlackApiCall[];
  responses: SlackResponsePost[];
  uploads: SlackUpload[];
  /** Answer the next response_url post with 400 invalid_blocks (as Slack does for an unsupported layout). */
  rejectNextResponse(): void;
  /** Hold the answers to response_url posts (a slow network) until releaseResponses(). */
  holdResponses(): void;
  /** Answer every held response_url post, and answer the next ones at once again. */
  releaseResponses(): void;
  /** Answer the next call of `method` with { ok: false, error } (e.g. not_in_channel). */
  failNext(method: string, error: string): void;
  /** When set, auth.test answers { ok: false, error: authError } (a wrong token). */
  authError: string | undefined;
  /** A response_url served by this fake. */
  responseUrl(id: string): string;
  /** Calls of one method. */
  callsOf(method: string): SlackApiCall[];
  /** Serve a file at `${url}/files/<id>` to a request with `authorization`; returns its url_private. */
  addFile(id: string, bytes: Uint8Array, authorization: string): string;
  /** File ids downloaded, in order. */
  downloads: string[];
  /** Wait (bounded) for a call of `method` that satisfies `pred`. */
  waitForCall(method: string, pred?: (c: SlackApiCall) => boolean): Promise<SlackApiCall>;
  /** Wait (bounded) for a response_url post that satisfies `pred`. */
  waitForResponse(pred?: (r: SlackResponsePost) => boolean): Promise<SlackResponsePost>;
  close(): Promise<void>;
}

const JSON_FIELDS = ["blocks", "attachments", "files", "view", "metadata"];

function parseFields(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString("utf8");
  let body: Record<string, unknown> = {};
  if (contentType.includes("application/json")) {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } else if (contentType.includes("multipart/form-data")) {
    for (const part of parseMultipart(raw, contentType)) {
      body[part.name] = part.filename !== undefined ? part.data : part.data.toString("utf8");
    }
  } else {
    body = Object.fromEntries(new URLSearchParams(text));
  }
  for (const key of JSON_FIELDS) {
    const value = body[key];
    if (typeof value === "string") {
      try {
        body[key] = JSON.parse(value);
      } catch {
        // keep the string
      }
    }
  }
  return body;
}

/** Start the fake on an ephemeral loopback port. */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackApiCall[] = [];
  const responses: SlackResponsePost[] = [];
  const uploads: SlackUpload[] = [];
  let base = "";
  let seq = 0;
  let rejectNext = false;
  /** Messages posted with chat.postMessage, oldest first: what conversations.history answers. */
  const history: Array<{ channel: unknown; ts: string; at: number; text: unknown; metadata?: unknown }> = [];
  let held: Array<() => void> | undefined;
  const files = new Map<string, { bytes: Uint8Array; authorization: string }>();
  const downloads: string[] = [];

  const failures = new Map<string, string>();

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const failure = failures.get(method);
    if (failure !== undefined) {
      failures.delete(method);
      return { ok: false, error: failure };
    }
    seq += 1;
    const ts = `1700000000.${String(seq).padStart(6, "0")}`;
    if (method === "chat.postMessage")
      history.push({
        channel: body.channel,
        ts,
        at: Date.now() / 1000,
        text: body.text,
        metadata: body.metadata,
      });
    if (method === "conversations.history") {
      // Newest first, as Slack answers; `oldest` against the real time of the post (the fake's
      // ts values are fixed); metadata only when asked for (include_all_metadata).
      const withMeta = String(body.include_all_metadata) === "true";
      const messages = history
        .filter((m) => m.channel === body.channel && m.at >= Number(body.oldest ?? 0))
        .reverse()
        .map((m) => ({
          type: "message",
          ts: m.ts,
          text: m.text,
          ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
        }));
      return { ok: true, messages, has_more: false, response_metadata: { next_cursor: "" } };
    }
    if (method === "chat.postMessage" || method === "chat.update" || method === "chat.postEphemeral") {
      return { ok: true, channel: body.channel, ts, message: { text: body.text, ts } };
    }
    if (method === "files.getUploadURLExternal") {
      const fileId = `F${String(seq).padStart(6, "0")}`;
      return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
    }
    if (method === "files.completeUploadExternal") {
      const files = Array.isArray(body.files) ? (body.files as Array<{ id: string; title?: string }>) : [];
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? "" })) };
    }
    if (method === "auth.test") {
      if (api.authError) return { ok: false, error: api.authError };
      return {
        ok: true,
        url: "https://fake.slack.test/",
        team: "Fake",
        user: "budget-bot",
        team_id: "T0FAKE",
        user_id: "U0BOT",
        bot_id: "B0BOT",
      };
    }
    if (method.startsWith("views.")) {
      return { ok: true, view: { id: `V${seq}` } };
    }
    return { ok: true };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const raw = await readBody(req);
    const contentType = req.headers["content-type"] ?? "";
    if (path.startsWith("/api/")) {
      const method = path.slice("/api/".length);
      const body = parseFields(raw, contentType);
      calls.push({ method, body, authorization: req.headers.authorization });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer(method, body)));
      return;
    }
    if (path.startsWith("/response/")) {
      const post: SlackResponsePost = {
        id: path.slice("/response/".length),
        body: parseFields(raw, contentType),
      };
      responses.push(post);
      res.once("finish", () => {
        post.delivered = true;
      });
      if (held) {
        const answer = () => {
          if (!res.destroyed) res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        };
        held.push(answer);
        return;
      }
      if (rejectNext) {
        rejectNext = false;
        post.rejected = true;
        res.writeHead(400, { "content-type": "text/plain" }).end("invalid_blocks");
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (path.startsWith("/files/")) {
      const id = path.slice("/files/".length);
      const f = files.get(id);
      if (!f || req.headers.authorization !== f.authorization) {
        res.writeHead(f ? 403 : 404).end();
        return;
      }
      downloads.push(id);
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from(f.bytes));
      return;
    }
    if (path.startsWith("/upload/")) {
      const fileId = path.slice("/upload/".length);
      const parts = contentType.includes("multipart/form-data") ? parseMultipart(raw, contentType) : [];
      uploads.push({ fileId, data: parts[0]?.data ?? raw });
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${raw.length}`);
      return;
    }
    res.writeHead(404).end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const port = await listenLoopback(server);
  base = `http://127.0.0.1:${port}`;

  const api: FakeSlackApi = {
    url: base,
    apiUrl: `${base}/api/`,
    calls,
    responses,
    uploads,
    rejectNextResponse: () => {
      rejectNext = true;
    },
    holdResponses: () => {
      held ??= [];
    },
    releaseResponses: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const answer of waiting) answer();
    },
    failNext: (method, error) => {
      failures.set(method, error);
    },
    authError: undefined,
    responseUrl: (id) => `${base}/response/${id}`,
    callsOf: (method) => calls.filter((c) => c.method === method),
    addFile: (id, bytes, authorization) => {
      files.set(id, { bytes, authorization });
      return `${base}/files/${id}`;
    },
    downloads,
    waitForCall: (method, pred = () => true) =>
      waitUntil(() => calls.find((c) => c.method === method && pred(c)), `Slack ${method}`),
    waitForResponse: (pred = () => true) => waitUntil(() => responses.find(pred), "a response_url post"),
    close: () => closeServer(server),
  };
  return api;
}
