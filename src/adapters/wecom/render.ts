/**
 * Reply → WeCom (企业微信) markdown and template cards. Answers of the 智能机器人 are markdown in a
 * stream reply (≤ 20480 bytes), the weekly post goes to a group robot webhook as `markdown_v2`
 * (≤ 4096 bytes); both take pipe tables. Long replies continue in further messages ("（续）").
 * A reply with actions also gets a `button_interaction` template card: its buttons carry their
 * command in the button key and come back as `template_card_event`.
 */

import {
  WECOM_BUTTON_KEY_MAX_BYTES,
  WECOM_CARD_BUTTONS_MAX,
  WECOM_STREAM_MAX_BYTES,
  WECOM_WEBHOOK_MARKDOWN_MAX_BYTES,
} from "../../platforms/limits.js";
import { renderMarkdown, utf8Bytes } from "../../render/markdown.js";
import { formatPage } from "../../render/text.js";
import { truncateChars } from "../../render/width.js";
import type { Reply, ReplyAction } from "../../reply/reply.js";

/** One WeCom template card (button_interaction), as the SDK's TemplateCard. */
export interface WecomCard {
  card_type: "button_interaction";
  main_title: { title: string; desc?: string };
  button_list: Array<{ text: string; style: number; key: string }>;
  task_id: string;
}

/** Prefix of a button key: the rest is "<kind>:<command>". */
export const WECOM_BUTTON_PREFIX = "bb:";
/** Longest card title kept (WeCom suggests ≤ 26 characters). */
const CARD_TITLE_MAX = 26;
/** Longest button text kept (WeCom suggests ≤ 10 characters). */
const BUTTON_TEXT_MAX = 10;

/** Which channel a markdown text is for. */
export type WecomChannel = "reply" | "webhook";

/** Render a Reply as markdown texts for a channel, each below its byte limit. */
export function renderWecom(reply: Reply, channel: WecomChannel, opts: { hints?: boolean } = {}): string[] {
  const maxBytes = channel === "reply" ? WECOM_STREAM_MAX_BYTES : WECOM_WEBHOOK_MARKDOWN_MAX_BYTES;
  return renderMarkdown(reply, { maxBytes, table: "pipe", hints: opts.hints ?? false }).map((m) => m.text);
}

/** The key a button sends back, or null when the command is too long for a key. */
export function buttonKey(a: Pick<ReplyAction, "kind" | "command">): string | null {
  const key = `${WECOM_BUTTON_PREFIX}${a.kind}:${a.command}`;
  return utf8Bytes(key) <= WECOM_BUTTON_KEY_MAX_BYTES ? key : null;
}

/** A button key back to its action, or null when it is not one of ours. */
export function parseButtonKey(key: string): Pick<ReplyAction, "kind" | "command"> | null {
  if (!key.startsWith(WECOM_BUTTON_PREFIX)) return null;
  const rest = key.slice(WECOM_BUTTON_PREFIX.length);
  const i = rest.indexOf(":");
  const kind = rest.slice(0, i);
  if (i < 0 || !["page", "choose", "export", "share"].includes(kind)) return null;
  return { kind: kind as ReplyAction["kind"], command: rest.slice(i + 1) };
}

/** Order of the buttons on a card (six at most): paging first, then export, then choices. */
const KIND_ORDER: ReplyAction["kind"][] = ["page", "export", "choose"];

/**
 * The buttons card of a reply (heading, page, up to six actions; share has no meaning here) and
 * the actions that did not fit on it (shown as typed-command hints), or card null when no action fits.
 */
export function wecomCard(reply: Reply, taskId: string): { card: WecomCard | null; rest: ReplyAction[] } {
  const actions = (reply.actions ?? []).filter((a) => a.kind !== "share");
  const ordered = KIND_ORDER.flatMap((k) => actions.filter((a) => a.kind === k));
  const buttons: WecomCard["button_list"] = [];
  const rest: ReplyAction[] = [];
  for (const a of ordered) {
    const key = buttonKey(a);
    if (key && buttons.length < WECOM_CARD_BUTTONS_MAX) {
      buttons.push({ text: truncateChars(a.label, BUTTON_TEXT_MAX), style: a.kind === "page" ? 1 : 2, key });
    } else rest.push(a);
  }
  if (buttons.length === 0) return { card: null, rest };
  const card: WecomCard = {
    card_type: "button_interaction",
    main_title: { title: truncateChars(reply.heading || " ", CARD_TITLE_MAX) },
    button_list: buttons,
    task_id: taskId,
  };
  if (reply.page) card.main_title.desc = formatPage(reply.page);
  return { card, rest };
}
