/**
 * The WeCom (企业微信) platform: the 智能机器人 long connection (@wecom/aibot-node-sdk, no public
 * URL; WECOM_WS_URL for a private deployment or a local fake). Weekly posts go to group robot
 * webhooks registered with the CLI, or to chats that ran /subscribe over the long connection.
 * SDK modules load only when the platform starts or posts.
 */
import { z } from "zod";
import { documented, envList, optionalText } from "../../config-fields.js";
import { listAllows } from "../common.js";
import { definePlatform } from "../contract.js";
import { setTogether, urlVariable } from "../platform-config.js";
import { wecomManifest } from "./manifest.js";

/** The long-connection endpoint (the SDK's default). */
const DEFAULT_WS_URL = "wss://openws.work.weixin.qq.com";

/** WeCom's environment variables. */
export const wecomConfig = z.object({
  WECOM_BOT_ID: documented(optionalText, {
    doc: "Bot ID of the 智能机器人 (管理后台 → 应用管理 → 智能机器人 → API 模式 → 长连接).",
  }),
  WECOM_BOT_SECRET: documented(optionalText, { doc: "Secret of the same 智能机器人." }),
  WECOM_WS_URL: documented(urlVariable(DEFAULT_WS_URL), {
    doc: "Long-connection URL: wss://openws.work.weixin.qq.com (default), a private deployment or a local fake.",
  }),
  ALLOWED_WECOM_CHATS: documented(envList, {
    doc: "WeCom chat ids (groups) or user ids (1:1) allowed to use the bot (comma-separated; empty = every chat).",
  }),
});

/** Parsed WeCom configuration. */
type WecomConfig = z.infer<typeof wecomConfig>;

/** The WeCom platform. */
export const wecomPlatform = definePlatform<WecomConfig>({
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
  allows: (c, inv) => listAllows(c.ALLOWED_WECOM_CHATS, inv.chatId),
  async start(c, ctx) {
    const [{ createWecomApp }, { wecomPoster }] = await Promise.all([
      import("./app.js"),
      import("./poster.js"),
    ]);
    const app = createWecomApp({
      botId: c.WECOM_BOT_ID ?? "",
      secret: c.WECOM_BOT_SECRET ?? "",
      wsUrl: c.WECOM_WS_URL ?? DEFAULT_WS_URL,
      dispatcher: ctx.dispatcher,
      log: ctx.log,
      dedupe: ctx.dedupe,
    });
    await app.start();
    return {
      name: "wecom-ws",
      stop: (ms) => app.stop(ms),
      poster: wecomPoster({ client: app.client, log: ctx.log }),
    };
  },
  // Webhook targets need no bot credentials: the poster exists even without them.
  async poster(c) {
    const { wecomPoster } = await import("./poster.js");
    return wecomPoster({
      credentials:
        c.WECOM_BOT_ID && c.WECOM_BOT_SECRET
          ? { botId: c.WECOM_BOT_ID, secret: c.WECOM_BOT_SECRET, wsUrl: c.WECOM_WS_URL ?? DEFAULT_WS_URL }
          : undefined,
    });
  },
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
  manifest: (commands) => wecomManifest(commands),
  subscribeNotes: [
    "周报通过智能机器人推送到本会话；也可由管理员用 bot digest subscribe wecom <群机器人 webhook> 登记",
  ],
});
