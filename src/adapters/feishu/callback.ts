/**
 * What the Feishu SDK does not check on the HTTP event/callback endpoint, checked here before
 * anything is dispatched: the signature over the raw body (the SDK re-serializes the parsed body,
 * and answers 200 with an empty body when it does not match), a timestamp window (the SDK has
 * none), and the verification token in the body. A bad request is answered 401.
 *
 * Signature (Feishu docs, measured in PLATFORMS-CN.md): hex sha256 of
 * timestamp + nonce + encryptKey + raw body, in X-Lark-Signature, with X-Lark-Request-Timestamp
 * (seconds) and X-Lark-Request-Nonce. Feishu signs only when the app has an Encrypt Key, so HTTP
 * mode requires one (config check).
 */
import { createDecipheriv, createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** How far a request's timestamp may be from our clock (replay window), in seconds. */
export const FEISHU_TIMESTAMP_WINDOW_S = 5 * 60;

/** Verification settings. */
export interface CallbackSecrets {
  encryptKey: string;
  verificationToken?: string;
}

/** The outcome of checking one request. */
export type CallbackCheck =
  | { ok: true; body: Record<string, unknown>; challenge?: string }
  | { ok: false; reason: string };

/** Decrypt an `encrypt` field: AES-256-CBC, key = sha256(encryptKey), IV = the first 16 bytes. */
export function decryptFeishu(encrypt: string, encryptKey: string): string {
  const key = createHash("sha256").update(encryptKey).digest();
  const buf = Buffer.from(encrypt, "base64");
  const decipher = createDecipheriv("aes-256-cbc", key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString("utf8");
}

/** The signature Feishu sends for a raw body. */
export function feishuSignature(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  rawBody: string,
): string {
  return createHash("sha256")
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest("hex");
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The verification token a (decrypted) body carries: schema 2.0 in header.token, 1.0 and challenges in token. */
function bodyToken(body: Record<string, unknown>): string | undefined {
  const h = body.header as { token?: unknown } | undefined;
  const t = h?.token ?? body.token;
  return typeof t === "string" ? t : undefined;
}

/**
 * Check one request to /feishu/events. A `url_verification` challenge (sent when the admin saves
 * the URL) passes on its verification token alone; every other request needs a valid signature,
 * a timestamp within the window and, when configured, the verification token.
 */
export function checkFeishuRequest(
  headers: IncomingHttpHeaders,
  rawBody: string,
  secrets: CallbackSecrets,
  now: Date,
): CallbackCheck {
  let outer: Record<string, unknown>;
  try {
    outer = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "body is not JSON" };
  }
  let body = outer;
  if (typeof outer.encrypt === "string") {
    try {
      body = JSON.parse(decryptFeishu(outer.encrypt, secrets.encryptKey)) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: "cannot decrypt" };
    }
  }
  const token = bodyToken(body);
  if (secrets.verificationToken && token !== undefined && !sameText(token, secrets.verificationToken)) {
    return { ok: false, reason: "verification token mismatch" };
  }
  if (body.type === "url_verification") {
    if (secrets.verificationToken && token === undefined)
      return { ok: false, reason: "challenge without token" };
    return { ok: true, body, challenge: String(body.challenge ?? "") };
  }
  const timestamp = header(headers, "x-lark-request-timestamp");
  const nonce = header(headers, "x-lark-request-nonce");
  const signature = header(headers, "x-lark-signature");
  if (!timestamp || !signature) return { ok: false, reason: "unsigned" };
  const expected = feishuSignature(timestamp, nonce, secrets.encryptKey, rawBody);
  if (!sameText(expected, signature)) return { ok: false, reason: "bad signature" };
  const sent = Number(timestamp);
  if (!Number.isFinite(sent) || Math.abs(now.getTime() / 1000 - sent) > FEISHU_TIMESTAMP_WINDOW_S) {
    return { ok: false, reason: "stale timestamp" };
  }
  return { ok: true, body };
}
