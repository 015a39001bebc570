/**
 * DingTalk's HMAC signatures, used twice: the HTTP callback carries headers `timestamp` (ms) and
 * `sign` = base64 HMAC-SHA256(key = appSecret, timestamp + "\n" + appSecret), accepted within 1 h;
 * a group robot with 加签 wants `timestamp` and `sign` (same HMAC with its `SEC…` secret) in the
 * webhook URL's query.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { DINGTALK_CALLBACK_WINDOW_MS } from "../../platforms/limits.js";

/** base64 HMAC-SHA256 of timestamp + "\n" + secret, keyed by the secret. */
export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

/** Why an HTTP callback is refused, or null when it is genuine and fresh. */
export function checkDingtalkCallback(
  headers: IncomingHttpHeaders,
  appSecret: string,
  now: Date,
): string | null {
  const timestamp = header(headers, "timestamp");
  const sign = header(headers, "sign");
  if (!timestamp || !sign) return "unsigned";
  const expected = Buffer.from(dingtalkSign(timestamp, appSecret));
  const got = Buffer.from(sign);
  if (expected.length !== got.length || !timingSafeEqual(expected, got)) return "bad signature";
  const sent = Number(timestamp);
  if (!Number.isFinite(sent) || Math.abs(now.getTime() - sent) > DINGTALK_CALLBACK_WINDOW_MS) {
    return "stale timestamp";
  }
  return null;
}

/** The webhook URL with 加签 query parameters for `now` (unchanged without a secret). */
export function signedWebhookUrl(webhook: string, secret: string | undefined, now: Date): string {
  if (!secret) return webhook;
  const url = new URL(webhook);
  const timestamp = String(now.getTime());
  url.searchParams.set("timestamp", timestamp);
  url.searchParams.set("sign", dingtalkSign(timestamp, secret));
  return url.toString();
}
