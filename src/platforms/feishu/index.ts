/**
 * Feishu/Lark's metadata: the long connection (FEISHU_MODE=ws, default: no public URL) or the HTTP
 * event callback on PORT at /feishu/events (FEISHU_MODE=http).
 * The runtime (start, posting) is src/adapters/feishu/index.ts.
 */
import { z } from "zod";
import { documented, envList, optionalText } from "../../config-fields.js";
import { setTogether, urlVariable } from "../env-fields.js";
import { definePlatformInfo, listAllows } from "../info.js";
import { FEISHU_MANIFEST_MODES, FEISHU_MANIFEST_URL, feishuManifest } from "./manifest.js";

/** Feishu's public API base; Lark (international) is https://open.larksuite.com. */
export const FEISHU_DEFAULT_DOMAIN = "https://open.feishu.cn";
/** What WSClient accepts as an app id (it silently refuses anything else). */
const APP_ID = /^cli_[0-9a-fA-F]{16}$/;

/** Feishu's environment variables. */
export const feishuConfig = z.object({
  FEISHU_APP_ID: documented(optionalText, {
    doc: "App ID of the self-built app (cli_…), 开发者后台 → 凭证与基础信息.",
  }),
  FEISHU_APP_SECRET: documented(optionalText, { doc: "App Secret of the same app." }),
  FEISHU_ENCRYPT_KEY: documented(optionalText, {
    doc: "Encrypt Key (事件与回调 → 加密策略). Required for FEISHU_MODE=http and for card buttons:\nFeishu signs requests only when it is set.",
  }),
  FEISHU_VERIFICATION_TOKEN: documented(optionalText, {
    doc: "Verification Token (事件与回调 → 加密策略); checked on every HTTP request when set.",
  }),
  FEISHU_MODE: documented(z.enum(["ws", "http"]).default("ws"), {
    doc: "ws = long connection, no public URL (default); http = event callback on PORT at /feishu/events.",
    example: "ws",
  }),
  FEISHU_DOMAIN: documented(urlVariable(FEISHU_DEFAULT_DOMAIN), {
    doc: "API base URL: https://open.feishu.cn (default), https://open.larksuite.com, or a private deployment.",
  }),
  ALLOWED_FEISHU_CHATS: documented(envList, {
    doc: "Feishu chat ids (oc_…) allowed to use the bot (comma-separated; empty = every chat).",
  }),
});

/** Parsed Feishu configuration. */
export type FeishuConfig = z.infer<typeof feishuConfig>;

/** The Feishu/Lark platform. */
export const feishuInfo = definePlatformInfo<FeishuConfig>({
  name: "feishu",
  title: "飞书",
  chatNoun: "飞书群聊（单聊）",
  config: feishuConfig,
  env: { title: "Feishu / Lark (APP_ID + APP_SECRET; long connection by default)" },
  configured: (c) => Boolean(c.FEISHU_APP_ID && c.FEISHU_APP_SECRET),
  check: (c) => {
    const problems = setTogether(
      { name: "FEISHU_APP_ID", value: c.FEISHU_APP_ID },
      { name: "FEISHU_APP_SECRET", value: c.FEISHU_APP_SECRET },
    );
    if (c.FEISHU_APP_ID && c.FEISHU_MODE === "ws" && !APP_ID.test(c.FEISHU_APP_ID)) {
      problems.push("FEISHU_APP_ID 应形如 cli_ 加 16 位十六进制字符（长连接模式要求）");
    }
    if (c.FEISHU_APP_ID && c.FEISHU_MODE === "http" && !c.FEISHU_ENCRYPT_KEY) {
      problems.push("FEISHU_MODE=http 需要 FEISHU_ENCRYPT_KEY（飞书只在设置了 Encrypt Key 时签名请求）");
    }
    return problems;
  },
  posts: true,
  allows: (c, who) => listAllows(c.ALLOWED_FEISHU_CHATS, who.chatId),
  manifest: {
    modes: FEISHU_MANIFEST_MODES,
    url: { default: FEISHU_MANIFEST_URL },
    render: (commands, f) =>
      feishuManifest(commands, f.mode ?? FEISHU_MANIFEST_MODES[0], f.url ?? FEISHU_MANIFEST_URL),
  },
  subscribeNotes: ["请确认机器人已加入本群，否则无法推送"],
});
