/**
 * Posting to WeCom without a user message (the weekly summary), to either kind of target:
 * - a group robot webhook registered by an admin (`bot digest subscribe wecom <webhook/send?key=…>`):
 *   POST `markdown_v2` (pipe tables; ≤ 4096 bytes a message, longer summaries in several);
 * - a chat that ran /subscribe (its chatid): an active message over the 智能机器人 long connection
 *   (`sendMessage`), on the running bot's connection or, from the CLI, a connection opened for
 *   the post and closed after it.
 * A summary's chart follows as an image: the webhook's `image` message (base64 + md5, ≤ 2 MB;
 * larger: the table stays as text), or an uploaded image media over the long connection.
 * WeCom has no idempotency key; the job_runs claim keeps one post per slot. Errors never quote
 * the webhook URL.
 */
import { createHash } from "node:crypto";
import type { WSClient } from "@wecom/aibot-node-sdk";
import { WECOM_WEBHOOK_IMAGE_MAX_BYTES } from "../../platforms/limits.js";
import { parseWebhookTarget } from "../../platforms/webhook-target.js";
import type { AdapterLog } from "../common.js";
import type { Poster } from "../contract.js";
import { callDeadline } from "../deadline.js";
import { renderWecom } from "./render.js";

/** What the poster needs: a live client, or credentials to open one (chat-id targets only). */
export interface WecomPosterOptions {
  /** The running bot's client. */
  client?: WSClient;
  credentials?: { botId: string; secret: string; wsUrl: string };
  log?: AdapterLog;
}

const quiet: AdapterLog = { info: () => {}, error: () => {} };

/** POST a message (markdown_v2, image) to a group robot webhook; throw on a WeCom error code. */
async function postWebhook(url: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: callDeadline(),
  });
  const data = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
  if (!res.ok || (typeof data.errcode === "number" && data.errcode !== 0)) {
    throw new Error(
      `企业微信群机器人推送失败（HTTP ${res.status}${typeof data.errcode === "number" ? `，错误码 ${data.errcode}` : ""}${data.errmsg ? `：${data.errmsg}` : ""}）`,
    );
  }
}

/** Create the poster (no network until a post). */
export function wecomPoster(opts: WecomPosterOptions): Poster {
  const log = opts.log ?? quiet;
  const poster: Poster = {
    platform: "wecom",
    async post(chatId, reply) {
      // A posted summary's buttons would point at no conversation: leave them out.
      const bare = { ...reply, actions: undefined };
      const hook = parseWebhookTarget(chatId);
      if (hook) {
        for (const content of renderWecom(bare, "webhook"))
          await postWebhook(hook.url, { msgtype: "markdown_v2", markdown_v2: { content } });
        return;
      }
      const { sendMarkdown } = await import("./app.js");
      const parts = renderWecom(bare, "reply");
      await withClient((client) => sendMarkdown(client, chatId, parts));
    },
    async image(chatId, image) {
      const hook = parseWebhookTarget(chatId);
      if (hook) {
        // The group robot's image message: base64 + md5 of the PNG, at most 2 MB.
        if (image.png.length > WECOM_WEBHOOK_IMAGE_MAX_BYTES) return false;
        const md5 = createHash("md5").update(image.png).digest("hex");
        await postWebhook(hook.url, {
          msgtype: "image",
          image: { base64: image.png.toString("base64"), md5 },
        });
        return true;
      }
      const { uploadWecomImage } = await import("./app.js");
      await withClient(async (client) => {
        await client.sendMediaMessage(chatId, "image", await uploadWecomImage(client, image));
      });
      return true;
    },
  };
  return poster;

  /** Run `fn` on the running bot's connection, or on one opened for it (the CLI) and closed after. */
  async function withClient(fn: (client: WSClient) => Promise<void>): Promise<void> {
    if (opts.client) return fn(opts.client);
    if (!opts.credentials) {
      throw new Error(
        "未配置 WECOM_BOT_ID 与 WECOM_BOT_SECRET，无法向企业微信会话推送（或用群机器人 webhook 订阅）",
      );
    }
    const { connectWecomForPost, wecomClient } = await import("./app.js");
    const client = wecomClient({ ...opts.credentials, log });
    try {
      await connectWecomForPost(client);
      await fn(client);
    } finally {
      client.disconnect();
    }
  }
}
