/**
 * Why a request to a platform's API failed, in Chinese and without internals: Node's network error
 * codes in words, a platform's refusal (ApiRefusal) named with its code, the host a request went to.
 * Pure functions over error objects: the runtime adapters (connect.ts) and the scheduler's posting
 * both use them, so they live below adapters/.
 */

/** Error codes of Node's network layer, in words. */
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "连接被拒绝",
  ENOTFOUND: "无法解析域名",
  EAI_AGAIN: "无法解析域名",
  ETIMEDOUT: "连接超时",
  UND_ERR_CONNECT_TIMEOUT: "连接超时",
  ECONNRESET: "连接被重置",
  EHOSTUNREACH: "主机不可达",
  ENETUNREACH: "网络不可达",
  CERT_HAS_EXPIRED: "证书已过期",
  DEPTH_ZERO_SELF_SIGNED_CERT: "证书不受信任",
  SELF_SIGNED_CERT_IN_CHAIN: "证书不受信任",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "证书不受信任",
};

/** What a platform's API said when it refused a request. */
export interface Refusal {
  /** HTTP status, when the refusal came as one. */
  status?: number;
  /** The platform's own error code ("10014", "InvalidAuthentication", 40001). */
  code?: string | number;
  /** The platform's own message ("app secret invalid"). */
  text?: string;
  /** The credentials were refused; absent: guessed from the status, code and text. */
  credentials?: boolean;
}

/** An API refusal (Feishu's `code`, DingTalk's HTTP error, WeCom's auth errcode) that connectionProblem can name. */
export class ApiRefusal extends Error {
  constructor(
    message: string,
    readonly refusal: Refusal,
  ) {
    super(message);
    this.name = "ApiRefusal";
  }
}

/** Words in a refusal's code or text that mean the credentials are wrong. */
const CREDENTIAL_WORDS =
  /auth|secret|token|credential|client.?id|app.?id|app.?key|unauthori[sz]ed|凭证|密钥/i;

/** A refusal in words: "凭据无效（10014 app secret invalid）" or "平台拒绝（HTTP 503 ServiceUnavailable）". */
function refusalProblem(r: Refusal): string {
  const said = [r.code, r.text].filter((x) => x !== undefined && x !== "").join(" ");
  const what = said || (r.status !== undefined ? `HTTP ${r.status}` : "未说明原因");
  const credentials = r.credentials ?? (r.status === 401 || r.status === 403 || CREDENTIAL_WORDS.test(said));
  return credentials ? `凭据无效（${what}）` : `平台拒绝（${what}）`;
}

/** Slack Web API error codes that mean the token is wrong. */
const BAD_CREDENTIALS =
  /^(invalid_auth|not_authed|account_inactive|token_revoked|token_expired|no_permission)$/;

/** Walk an error and its causes (fetch wraps the network error in `cause`, axios in `original`, grammY in `error`). */
function* causes(err: unknown): Generator<Record<string, unknown>> {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const o = e as Record<string, unknown>;
    yield o;
    // Node's connect over several addresses fails with an AggregateError holding one per address.
    e = o.cause ?? o.original ?? o.error ?? (Array.isArray(o.errors) ? o.errors[0] : undefined);
  }
}

/** Why a connection attempt failed, in Chinese and without internals. */
export function connectionProblem(err: unknown): string {
  for (const o of causes(err)) {
    if (o instanceof ApiRefusal) return refusalProblem(o.refusal);
    // Slack Web API: { code: "slack_webapi_platform_error", data: { error: "invalid_auth" } }
    const data = o.data as { error?: unknown } | undefined;
    if (o.code === "slack_webapi_platform_error" && typeof data?.error === "string") {
      return BAD_CREDENTIALS.test(data.error) ? `凭据无效（${data.error}）` : `平台拒绝（${data.error}）`;
    }
    // Telegram Bot API (GrammyError): { error_code: 401, description: "Unauthorized" }
    if (typeof o.error_code === "number") {
      const code = o.error_code;
      const what = `${code}${typeof o.description === "string" ? ` ${o.description}` : ""}`;
      return code === 401 || code === 404 ? `凭据无效（${what}）` : `平台拒绝（${what}）`;
    }
    if (typeof o.code === "string" && NETWORK_CODES[o.code]) return `${NETWORK_CODES[o.code]}（${o.code}）`;
    if (typeof o.statusCode === "number") return `平台返回 HTTP ${o.statusCode}`;
  }
  const name = err instanceof Error ? err.name : typeof err;
  return `连接失败（${name}）`;
}

/**
 * The host a failed request went to, from the network error: Node's `hostname` or `address`:`port`,
 * or node-fetch's "request to <url> failed" (only the URL's host is kept: its path may hold a token).
 */
function hostInError(err: unknown): string | undefined {
  for (const o of causes(err)) {
    if (typeof o.hostname === "string" && o.hostname) return o.hostname;
    if (typeof o.address === "string" && o.address) {
      return typeof o.port === "number" ? `${o.address}:${o.port}` : o.address;
    }
    const url = typeof o.message === "string" ? /^request to (\S+) failed/.exec(o.message)?.[1] : undefined;
    const host = url ? hostOf(url, "") : "";
    if (host) return host;
  }
  return undefined;
}

/**
 * A request that failed in the network, in words — "无法连接 api.telegram.org：连接被拒绝（ECONNREFUSED）"
 * — or null when the platform answered (its refusal is the caller's text). Never "fetch failed" alone.
 */
export function networkProblem(err: unknown): string | null {
  const network = [...causes(err)].some(
    (o) => (typeof o.code === "string" && NETWORK_CODES[o.code]) || o.message === "fetch failed",
  );
  if (!network) return null;
  const host = hostInError(err);
  return `${host ? `无法连接 ${host}` : "网络请求失败"}：${connectionProblem(err)}`;
}

/** The host:port of a base URL, or `fallback`. */
export function hostOf(url: string | undefined, fallback: string): string {
  if (!url) return fallback;
  try {
    return new URL(url).host || fallback;
  } catch {
    return fallback;
  }
}
