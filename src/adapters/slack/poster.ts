/**
 * Posting a Reply into a Slack channel without a user message (the weekly summary):
 * chat.postMessage with renderSlack output (the native table rides in `attachments`; a workspace
 * that rejects the table block gets the code-block layout).
 */
import type { webApi } from "@slack/bolt";
import type { Poster } from "../contract.js";
import { sendRendered } from "./app.js";

/** The subset of Slack's WebClient a poster needs. */
export interface SlackPostClient {
  chat: { postMessage(args: webApi.ChatPostMessageArguments): Promise<unknown> };
}

/** A Slack poster over a WebClient (the adapter's `app.client`, or one made from config). */
export function slackPoster(client: SlackPostClient): Poster {
  return {
    platform: "slack",
    async post(channel, reply) {
      await sendRendered(reply, (msg) =>
        client.chat.postMessage({ channel, unfurl_links: false, ...msg } as webApi.ChatPostMessageArguments),
      );
    },
  };
}
