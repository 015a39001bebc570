/** Slack request signing (v0): HMAC-SHA256 of "v0:<timestamp>:<raw body>" with the signing secret. */
import { createHmac } from "node:crypto";

/** The two headers Slack adds to every request it sends to an app. */
export interface SlackSignatureHeaders {
  "x-slack-request-timestamp": string;
  "x-slack-signature": string;
}

/** Sign a raw request body; `timestampSec` defaults to now (pass an old one to make a stale request). */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSec: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest("hex");
  return { "x-slack-request-timestamp": String(timestampSec), "x-slack-signature": `v0=${digest}` };
}

/** A form-encoded body as Slack sends slash commands (`fields`) and interactivity (`payload=<json>`). */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
