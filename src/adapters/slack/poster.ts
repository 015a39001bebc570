/**
 * Posting a Reply into a Slack channel without a user message (the weekly summary):
 * chat.postMessage with renderSlack output (the native table rides in `attachments`; a workspace
 * that rejects the table block gets the code-block layout). A post with a key carries it in the
 * message metadata, so a post whose outcome is unknown can be looked up in conversations.history.
 * A summary's chart follows as an uploaded PNG (files.uploadV2, files:write).
 */
import type { webApi } from "@slack/bolt";
import type { Poster } from "../contract.js";
import { type SlackUploadClient, sendRendered, uploadSlackFile } from "./app.js";

/** The subset of Slack's WebClient a poster needs (history: to find a post whose outcome is unknown). */
export interface SlackPostClient {
  chat: { postMessage(args: webApi.ChatPostMessageArguments): Promise<unknown> };
  /** Uploads (a summary's chart); absent: charts are not posted. */
  files?: SlackUploadClient["files"];
  conversations?: {
    history(args: webApi.ConversationsHistoryArguments): Promise<webApi.ConversationsHistoryResponse>;
  };
}

/** Metadata event type of a keyed post (a weekly summary). */
export const POST_EVENT_TYPE = "budget_bot_post";
/** History pages (200 messages each) looked through for a post; beyond them the poster cannot tell. */
const HISTORY_PAGES = 5;
/** Looked back this much before the send began, for clocks that differ. */
const CLOCK_SLACK_S = 300;

/** A Slack poster over a WebClient (the adapter's `app.client`, or one made from config). */
export function slackPoster(client: SlackPostClient): Poster {
  const poster: Poster = {
    platform: "slack",
    async post(channel, reply, key) {
      const metadata = key ? { metadata: { event_type: POST_EVENT_TYPE, event_payload: { key } } } : {};
      await sendRendered(reply, (msg) =>
        client.chat.postMessage({
          channel,
          unfurl_links: false,
          ...msg,
          ...metadata,
        } as webApi.ChatPostMessageArguments),
      );
    },
  };
  const files = client.files;
  if (files) {
    poster.image = async (channel, image) => {
      await uploadSlackFile(
        { files },
        { channel },
        { content: image.png, filename: image.fileName, title: image.title },
      );
      return true;
    };
  }
  const history = client.conversations?.history.bind(client.conversations);
  if (history) {
    poster.delivered = async (channel, key, since) => {
      const oldest = String(Math.floor(since.getTime() / 1000) - CLOCK_SLACK_S);
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        let res: webApi.ConversationsHistoryResponse;
        try {
          res = await history({ channel, oldest, include_all_metadata: true, limit: 200, cursor });
        } catch (err) {
          // Slack answered with an error (no history scope, not in the channel): it cannot tell.
          if ((err as { data?: { error?: unknown } }).data?.error !== undefined) return null;
          throw err;
        }
        const found = (res.messages ?? []).some(
          (m) =>
            m.metadata?.event_type === POST_EVENT_TYPE &&
            (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
        );
        if (found) return true;
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) return false;
      }
      return null;
    };
  }
  return poster;
}
