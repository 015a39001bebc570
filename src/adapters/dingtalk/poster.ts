/**
 * Posting to DingTalk without a user message (the weekly summary), to either kind of target:
 * - a group robot webhook registered by an admin (`bot digest subscribe dingtalk <url> --secret SEC…`):
 *   POST markdown to the URL, with 加签 (`timestamp` + `sign`) in the query when it has a secret;
 * - a group that ran /subscribe (its openConversationId): the app robot's OpenAPI
 *   `/v1.0/robot/groupMessages/send` (`sampleMarkdown`), with an access token from
 *   `/v1.0/oauth2/accessToken` (cached until shortly before it expires).
 * A summary's chart goes as the app robot's image message (`sampleImageMsg` with a media_id from
 * the media upload) to chat-id targets; a group robot webhook cannot carry an uploaded image (its
 * markdown shows images by public URL only), so there the table stays as text.
 * DingTalk has no idempotency key for either; the job_runs claim keeps posts once per slot.
 * Errors never quote the webhook URL.
 */

import { DINGTALK_DEFAULT_OAPI_URL } from "../../platforms/dingtalk/index.js";
import { parseWebhookTarget } from "../../platforms/webhook-target.js";
import type { ChartImage, Poster } from "../contract.js";
import { postDingtalk, uploadDingtalkImage } from "./api.js";
import { renderDingtalk } from "./render.js";
import { signedWebhookUrl } from "./sign.js";

/** What the poster needs (credentials only for chat-id targets). */
export interface DingtalkPosterOptions {
  clientId?: string;
  clientSecret?: string;
  apiUrl: string;
  /** The old OpenAPI base (media upload), https://oapi.dingtalk.com by default. */
  oapiUrl?: string;
  clock?: () => Date;
}

/** Where a robot image goes: a group (openConversationId) or one user (1:1, staff id). */
export type RobotTarget = { group: string } | { user: string };

/**
 * A DingTalk poster; `accessToken()` also checks the app credentials at start; `robotImage` sends
 * a chart as the app robot's image message (media upload, then `sampleImageMsg`) to a group or a user.
 */
export type DingtalkPoster = Poster & {
  accessToken(): Promise<string>;
  robotImage(to: RobotTarget, image: ChartImage): Promise<void>;
};

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

  /** Send one robot message (msgKey + msgParam) through the OpenAPI to a group or a user. */
  async function robotSend(to: RobotTarget, msgKey: string, msgParam: unknown, what: string): Promise<void> {
    const [path, target] =
      "group" in to
        ? ["/v1.0/robot/groupMessages/send", { openConversationId: to.group }]
        : ["/v1.0/robot/oToMessages/batchSend", { userIds: [to.user] }];
    await postDingtalk(
      `${opts.apiUrl}${path}`,
      { robotCode: opts.clientId, ...target, msgKey, msgParam: JSON.stringify(msgParam) },
      what,
      { "x-acs-dingtalk-access-token": await accessToken() },
    );
  }

  async function robotImage(to: RobotTarget, image: ChartImage): Promise<void> {
    const token = await accessToken();
    const oapi = (opts.oapiUrl ?? DINGTALK_DEFAULT_OAPI_URL).replace(/\/+$/, "");
    const mediaId = await uploadDingtalkImage(oapi, token, image.png, image.fileName);
    await robotSend(to, "sampleImageMsg", { photoURL: mediaId }, "图片消息推送");
  }

  return {
    platform: "dingtalk",
    accessToken,
    robotImage,
    // A group robot webhook (custom robot) has no image upload, and its markdown shows images by
    // public URL only: there the summary's table stays as text.
    async image(chatId, image) {
      if (parseWebhookTarget(chatId)) return false;
      await robotImage({ group: chatId }, image);
      return true;
    },
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
        const param = { title: m.markdown.title, text: m.markdown.text };
        await robotSend({ group: chatId }, "sampleMarkdown", param, "群消息推送");
      }
    },
  };
}
