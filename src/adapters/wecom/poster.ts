/**
 * Posting to WeCom without a user message (the weekly summary), to either kind of target:
 * - a group robot webhook registered by an admin (`bot digest subscribe wecom <webhook/send?key=…>`):
 *   POST `markdown_v2` (pipe tables; ≤ 4096 bytes a message, longer summaries in several);
 * - a chat that ran /subscribe (its chatid): an active message over the 智能机器人 long connection
 *   (`sendMessage`), on the running bot's connection or, from the CLI, a connection opened for
 *   the post and closed after it.
 * WeCom has no idempotency key; the job_runs claim keeps one post per slot. Errors never quote
 * the webhook URL.
 */
import type { WSClient } from "@wecom/aibot-node-sdk";
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

/** POST a markdown_v2 message to a group robot webhook; throw on a WeCom error code. */
async function postWebhook(url: string, content: string): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ msgtype: "markdown_v2", markdown_v2: { content } }),
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
  return {
    platform: "wecom",
    async post(chatId, reply) {
      // A posted summary's buttons would point at no conversation: leave them out.
      const bare = { ...reply, actions: undefined };
      const hook = parseWebhookTarget(chatId);
      if (hook) {
        for (const part of renderWecom(bare, "webhook")) await postWebhook(hook.url, part);
        return;
      }
      const { sendMarkdown } = await import("./app.js");
      const parts = renderWecom(bare, "reply");
      if (opts.client) {
        await sendMarkdown(opts.client, chatId, parts);
        return;
      }
      if (!opts.credentials) {
        throw new Error(
          "未配置 WECOM_BOT_ID 与 WECOM_BOT_SECRET，无法向企业微信会话推送（或用群机器人 webhook 订阅）",
        );
      }
      const { connectWecomForPost, wecomClient } = await import("./app.js");
      const client = wecomClient({ ...opts.credentials, log });
      try {
        await connectWecomForPost(client);
        await sendMarkdown(client, chatId, parts);
      } finally {
        client.disconnect();
      }
    },
  };
}
