/**
 * DingTalk (钉钉)'s metadata: Stream mode (DINGTALK_MODE=stream, default: no public URL) or the HTTP
 * callback on PORT at /dingtalk/events (DINGTALK_MODE=http). Weekly posts go to group robot webhooks
 * registered with the CLI, or to groups that ran /subscribe through the OpenAPI.
 * The runtime (start, posting) is src/adapters/dingtalk/index.ts.
 */
import { z } from "zod";
import { documented, envList, optionalText } from "../../config-fields.js";
import { setTogether, urlVariable } from "../env-fields.js";
import { definePlatformInfo, listAllows } from "../info.js";
import { DINGTALK_MANIFEST_MODES, DINGTALK_MANIFEST_URL, dingtalkManifest } from "./manifest.js";

/** DingTalk's OpenAPI base. */
export const DINGTALK_DEFAULT_API_URL = "https://api.dingtalk.com";
/** DingTalk's old OpenAPI base (media upload for robot image messages). */
export const DINGTALK_DEFAULT_OAPI_URL = "https://oapi.dingtalk.com";
/** Path of the Stream gateway under the API base. */
export const DINGTALK_GATEWAY_PATH = "/v1.0/gateway/connections/open";

const url = urlVariable("https://api.dingtalk.com");

/** DingTalk's environment variables. */
export const dingtalkConfig = z.object({
  DINGTALK_CLIENT_ID: documented(optionalText, {
    doc: "Client ID (原 AppKey) of the internal app with a robot, 开发者后台 → 凭证与基础信息.",
  }),
  DINGTALK_CLIENT_SECRET: documented(optionalText, {
    doc: "Client Secret (原 AppSecret) of the same app; also verifies HTTP callbacks.",
  }),
  DINGTALK_MODE: documented(z.enum(["stream", "http"]).default("stream"), {
    doc: "stream = Stream mode, no public URL (default); http = callback on PORT at /dingtalk/events.",
    example: "stream",
  }),
  DINGTALK_API_URL: documented(url, {
    doc: "OpenAPI base URL: https://api.dingtalk.com (default), a private deployment or a local fake.",
  }),
  DINGTALK_OAPI_URL: documented(urlVariable(DINGTALK_DEFAULT_OAPI_URL), {
    doc: "Old OpenAPI base URL for media uploads (charts as images): https://oapi.dingtalk.com (default), a private deployment or a local fake.",
  }),
  DINGTALK_GATEWAY_URL: documented(url, {
    doc: "Stream gateway URL (default: DINGTALK_API_URL + /v1.0/gateway/connections/open).",
  }),
  ALLOWED_DINGTALK_CHATS: documented(envList, {
    doc: "DingTalk conversation ids (cid…) allowed to use the bot (comma-separated; empty = every chat).",
  }),
});

/** Parsed DingTalk configuration. */
export type DingtalkConfig = z.infer<typeof dingtalkConfig>;

/** The DingTalk platform. */
export const dingtalkInfo = definePlatformInfo<DingtalkConfig>({
  name: "dingtalk",
  title: "钉钉",
  chatNoun: "钉钉群聊（单聊）",
  config: dingtalkConfig,
  env: { title: "DingTalk 钉钉 (CLIENT_ID + CLIENT_SECRET; Stream mode by default)" },
  configured: (c) => Boolean(c.DINGTALK_CLIENT_ID && c.DINGTALK_CLIENT_SECRET),
  check: (c) =>
    setTogether(
      { name: "DINGTALK_CLIENT_ID", value: c.DINGTALK_CLIENT_ID },
      { name: "DINGTALK_CLIENT_SECRET", value: c.DINGTALK_CLIENT_SECRET },
    ),
  posts: true,
  allows: (c, who) => listAllows(c.ALLOWED_DINGTALK_CHATS, who.chatId),
  checkWebhook: (u, secret) => {
    const problems: string[] = [];
    if (!u.searchParams.get("access_token")) {
      problems.push(
        "钉钉群机器人 webhook 地址应含 access_token（形如 https://oapi.dingtalk.com/robot/send?access_token=…）",
      );
    }
    if (secret !== undefined && !/^SEC[0-9a-zA-Z]+$/.test(secret)) {
      problems.push("加签密钥应以 SEC 开头（群机器人“安全设置”→“加签”中复制）");
    }
    return problems;
  },
  manifest: {
    modes: DINGTALK_MANIFEST_MODES,
    url: { default: DINGTALK_MANIFEST_URL },
    render: (commands, f) =>
      dingtalkManifest(commands, f.mode ?? DINGTALK_MANIFEST_MODES[0], f.url ?? DINGTALK_MANIFEST_URL),
  },
  subscribeNotes: [
    "周报通过机器人的群消息接口推送：请确认机器人已加入本群；也可由管理员用 bot digest subscribe dingtalk <群机器人 webhook> 登记",
  ],
});
