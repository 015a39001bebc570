/**
 * Posting to DingTalk without a user message (the weekly summary), to either kind of target:
 * - a group robot webhook registered by an admin (`bot digest subscribe dingtalk <url> --secret SEC…`):
 *   POST markdown to the URL, with 加签 (`timestamp` + `sign`) in the query when it has a secret;
 * - a group that ran /subscribe (its openConversationId): the app robot's OpenAPI
 *   `/v1.0/robot/groupMessages/send` (`sampleMarkdown`), with an access token from
 *   `/v1.0/oauth2/accessToken` (cached until shortly before it expires).
 * DingTalk has no idempotency key for either; the job_runs claim keeps posts once per slot.
 * Errors never quote the webhook URL.
 */

import { parseWebhookTarget } from "../../platforms/webhook-target.js";
import type { Poster } from "../contract.js";
import { postDingtalk } from "./api.js";
import { renderDingtalk } from "./render.js";
import { signedWebhookUrl } from "./sign.js";

/** What the poster needs (credentials only for chat-id targets). */
export interface DingtalkPosterOptions {
  clientId?: string;
  clientSecret?: string;
  apiUrl: string;
  clock?: () => Date;
}

/** A DingTalk poster; `accessToken()` also checks the app credentials at start. */
export type DingtalkPoster = Poster & { accessToken(): Promise<string> };

/** Renew a cached token this long before it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/** Create the poster (no network until a post). */
export function dingtalkPoster(opts: DingtalkPosterOptions): DingtalkPoster {
  const clock = opts.clock ?? (() => new Date());
  let token: { value: string; until: number } | undefined;

  async function accessToken(): Promise<string> {
    const now = clock().getTime();
    if (token && token.until > now) return token.value;
    if (!opts.clientId || !opts.clientSecret) {
      throw new Error(
        "未配置 DINGTALK_CLIENT_ID 与 DINGTALK_CLIENT_SECRET，无法向钉钉群推送（或用群机器人 webhook 订阅）",
      );
    }
    const data = await postDingtalk(
      `${opts.apiUrl}/v1.0/oauth2/accessToken`,
      { appKey: opts.clientId, appSecret: opts.clientSecret },
      "获取 accessToken ",
    );
    const value = typeof data.accessToken === "string" ? data.accessToken : "";
    if (!value) throw new Error("钉钉获取 accessToken 失败（无 accessToken）");
    const expireIn = typeof data.expireIn === "number" ? data.expireIn : 7200;
    token = { value, until: now + expireIn * 1000 - TOKEN_MARGIN_MS };
    return value;
  }

  return {
    platform: "dingtalk",
    accessToken,
    async post(chatId, reply) {
      // A posted summary's buttons would point at no conversation: leave them out.
      const messages = renderDingtalk({ ...reply, actions: undefined });
      const hook = parseWebhookTarget(chatId);
      if (hook) {
        for (const m of messages) {
          await postDingtalk(signedWebhookUrl(hook.url, hook.secret, clock()), m, "群机器人推送");
        }
        return;
      }
      for (const m of messages) {
        await postDingtalk(
          `${opts.apiUrl}/v1.0/robot/groupMessages/send`,
          {
            robotCode: opts.clientId,
            openConversationId: chatId,
            msgKey: "sampleMarkdown",
            msgParam: JSON.stringify({ title: m.markdown.title, text: m.markdown.text }),
          },
          "群消息推送",
          { "x-acs-dingtalk-access-token": await accessToken() },
        );
      }
    },
  };
}
