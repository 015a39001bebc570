/**
 * Subscription targets that are webhooks (platform-neutral). A subscription's `chatId` is either a
 * chat id (a /subscribe in a chat) or a group robot's webhook URL registered by an admin with
 * `bot digest subscribe <platform> <webhook-url>`; a signing secret (DingTalk 加签) rides in the
 * URL's fragment, which is never sent over HTTP. A webhook URL and its secret are secrets: they
 * are shown only masked (`maskTarget`), and error texts are masked before they are shown or logged.
 */

/** What a stored webhook target holds. */
export interface WebhookTarget {
  /** The webhook URL as registered (query included, fragment removed). */
  url: string;
  /** The signing secret, when the robot has one. */
  secret?: string;
}

/** Fragment key holding the secret. */
const SECRET_KEY = "secret=";

/** Is this subscription target a webhook URL (not a chat id)? */
export function isWebhookTarget(chatId: string): boolean {
  return /^https?:\/\//i.test(chatId);
}

/** The stored form of a webhook target. */
export function webhookTarget(url: string, secret?: string): string {
  const u = new URL(url);
  u.hash = secret ? `${SECRET_KEY}${encodeURIComponent(secret)}` : "";
  return u.toString();
}

/** A stored webhook target's URL and secret, or null for a chat id. */
export function parseWebhookTarget(chatId: string): WebhookTarget | null {
  if (!isWebhookTarget(chatId)) return null;
  const u = new URL(chatId);
  const hash = u.hash.replace(/^#/, "");
  u.hash = "";
  const target: WebhookTarget = { url: u.toString() };
  if (hash.startsWith(SECRET_KEY)) target.secret = decodeURIComponent(hash.slice(SECRET_KEY.length));
  return target;
}

/** Last characters of a query value kept visible, so two webhooks can be told apart. */
const VISIBLE_TAIL = 4;

/** A target as it may be shown: chat ids as they are; a webhook as host and path, its query values cut to their last characters. */
export function maskTarget(chatId: string): string {
  if (!isWebhookTarget(chatId)) return chatId;
  let u: URL;
  try {
    u = new URL(chatId);
  } catch {
    return "（webhook 地址已隐藏）";
  }
  const query = [...u.searchParams.entries()]
    .map(([k, v]) => `${k}=…${v.length > VISIBLE_TAIL * 2 ? v.slice(-VISIBLE_TAIL) : ""}`)
    .join("&");
  const signed = u.hash ? "（加签）" : "";
  return `${u.origin}${u.pathname}${query ? `?${query}` : ""}${signed}`;
}

/** Mask every URL with a query or fragment in a text (an error message that might quote one). */
export function maskUrls(text: string): string {
  return text.replace(/https?:\/\/[^\s"'<>）)]+/gi, (url) => (/[?#]/.test(url) ? maskTarget(url) : url));
}
