/**
 * Reply → DingTalk markdown messages (`msgtype: markdown`, {title, text}) for the sessionWebhook
 * replies, the OpenAPI group send and the group robot webhook. DingTalk's markdown has no tables,
 * so the table is a monospace code block aligned by display width with the labels last; its
 * buttons are links (ActionCard) and interactive cards need a registered template, so commands
 * are shown as hints the user can type. Long replies continue in further messages ("（续）").
 */

import { DINGTALK_MARKDOWN_MAX_BYTES } from "../../platforms/limits.js";
import { type MarkdownMessage, renderMarkdown } from "../../render/markdown.js";
import type { Reply } from "../../reply/reply.js";

/** One DingTalk markdown message body. */
export interface DingtalkMarkdown {
  msgtype: "markdown";
  markdown: MarkdownMessage;
}

/** Render a Reply as DingTalk markdown messages, each below the size limit. */
export function renderDingtalk(reply: Reply): DingtalkMarkdown[] {
  return renderMarkdown(reply, { maxBytes: DINGTALK_MARKDOWN_MAX_BYTES, table: "mono", hints: true }).map(
    (markdown) => ({ msgtype: "markdown", markdown }),
  );
}
