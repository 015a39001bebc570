/**
 * WeCom (企业微信)'s metadata: the 智能机器人 long connection (no public URL; WECOM_WS_URL for a
 * private deployment or a local fake). Weekly posts go to group robot webhooks registered with the
 * CLI, or to chats that ran /subscribe over the long connection.
 * The runtime (start, posting) is src/adapters/wecom/index.ts.
 */
import { z } from "zod";
import { documented, envList, optionalText } from "../../config-fields.js";
import { setTogether, urlVariable } from "../env-fields.js";
import { definePlatformInfo, listAllows } from "../info.js";
import { wecomManifest } from "./manifest.js";

/** The long-connection endpoint (the SDK's default). */
export const WECOM_DEFAULT_WS_URL = "wss://openws.work.weixin.qq.com";

/** WeCom's environment variables. */
export const wecomConfig = z.object({
  WECOM_BOT_ID: documented(optionalText, {
    doc: "Bot ID of the 智能机器人 (管理后台 → 应用管理 → 智能机器人 → API 模式 → 长连接).",
  }),
  WECOM_BOT_SECRET: documented(optionalText, { doc: "Secret of the same 智能机器人." }),
  WECOM_WS_URL: documented(urlVariable(WECOM_DEFAULT_WS_URL), {
    doc: "Long-connection URL: wss://openws.work.weixin.qq.com (default), a private deployment or a local fake.",
  }),
  ALLOWED_WECOM_CHATS: documented(envList, {
    doc: "WeCom chat ids (groups) or user ids (1:1) allowed to use the bot (comma-separated; empty = every chat).",
  }),
});

/** Parsed WeCom configuration. */
export type WecomConfig = z.infer<typeof wecomConfig>;

/** The WeCom platform. */
export const wecomInfo = definePlatformInfo<WecomConfig>({
  name: "wecom",
  title: "企业微信",
  chatNoun: "企业微信群聊（单聊）",
  config: wecomConfig,
  env: { title: "WeCom 企业微信 智能机器人 (BOT_ID + BOT_SECRET; long connection)" },
  configured: (c) => Boolean(c.WECOM_BOT_ID && c.WECOM_BOT_SECRET),
  check: (c) =>
    setTogether(
      { name: "WECOM_BOT_ID", value: c.WECOM_BOT_ID },
      { name: "WECOM_BOT_SECRET", value: c.WECOM_BOT_SECRET },
    ),
  posts: true,
  allows: (c, who) => listAllows(c.ALLOWED_WECOM_CHATS, who.chatId),
  checkWebhook: (u, secret) => {
    const problems: string[] = [];
    if (!u.searchParams.get("key")) {
      problems.push(
        "企业微信群机器人 webhook 地址应含 key（形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…）",
      );
    }
    if (secret !== undefined) problems.push("企业微信群机器人没有加签密钥，请去掉 --secret");
    return problems;
  },
  manifest: { render: (commands) => wecomManifest(commands) },
  subscribeNotes: [
    "周报通过智能机器人推送到本会话；也可由管理员用 bot digest subscribe wecom <群机器人 webhook> 登记",
  ],
});
