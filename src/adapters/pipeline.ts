/**
 * The one way in, for every platform and the console: drop a redelivery (dedupe), decide what
 * the message means (the line rule), answer in the background (dispatch), send the reply through
 * the platform's ReplySender (send). Slash commands, @-mentions, plain messages, button presses
 * and console lines all come through here.
 *
 * The platform turns its event into an `IncomingMessage` (mentions of the bot already removed
 * from the text; a native slash command already split into name and arguments; a button press
 * as its action) and a ReplySender that keeps every platform detail (Slack's response_url and
 * ephemeral answers, Telegram's callback answer and message edits, Feishu's card update…). It
 * acknowledges the delivery as soon as `handleIncoming` resolves; `done` settles when the answer
 * was sent (tests await it; the platform never blocks its acknowledgement on it).
 */
import type { Dispatcher, Invocation } from "../commands/types.js";
import type { Reply, ReplyAction } from "../reply/reply.js";
import { sendChart } from "../scheduler/chart-image.js";
import {
  ADAPTER_FAILURE_TEXT,
  type AdapterLog,
  commandLine,
  describeError,
  messageToLine,
} from "./common.js";
import type { ReplySender } from "./contract.js";
import type { Dedupe } from "./dedupe.js";

/** A chat message or button press, as a platform received it. */
export interface IncomingMessage {
  /** Registry name of the platform. */
  platform: string;
  /** The platform's id of this delivery (event id); a repeat is answered once. */
  eventId?: string;
  /** Message text with the bot's @-mentions removed. */
  text: string;
  userId: string;
  chatId: string;
  /** Tenant / workspace id, when the platform has one (access lists, subscriptions). */
  teamId?: string;
  /**
   * Whether the message is meant for the bot: always in a 1:1 chat; in a group only when it
   * @-mentions the bot (platforms that deliver every group message set false otherwise).
   */
  addressed: boolean;
  /**
   * A native slash command the platform already parsed (Slack's /budget, Telegram's bot_command):
   * it runs as "/name args", whatever `text` and `addressed` say.
   */
  command?: { name: string; args: string };
  /**
   * A button press: the command it runs and its kind (page/choose replace the message), or
   * "expired" for a button the platform no longer knows (its sender says so; nothing runs).
   */
  action?: Pick<ReplyAction, "kind" | "command"> | "expired";
  /** The platform's retry counter of this delivery (logged with a duplicate). */
  retry?: number;
}

/** What the pipeline needs besides the message. */
export interface PipelineDeps {
  dispatcher: Dispatcher;
  dedupe: Dedupe;
  log: AdapterLog;
  /** The bot's names for "/cmd@name"; "/cmd@other" is ignored. */
  botNames?: readonly string[];
  /** After this long without an answer, `sender.working()` tells the user it is coming. */
  slowMs?: number;
}

/** What happened to a message. */
export interface Handled {
  /** "answered": an answer is being produced; "expired": the sender tells the user; the others send nothing. */
  outcome: "answered" | "duplicate" | "ignored" | "expired";
  /** Settles when the answer (or the failure notice) was sent; never rejects. */
  done: Promise<void>;
}

/** Default delay before the "正在查询…" notice. */
export const SLOW_ANSWER_MS = 2000;

/** The Invocation for a message and the chat line it means. */
export function toInvocation(msg: IncomingMessage, line: string): Invocation {
  const inv: Invocation = { text: line, platform: msg.platform, userId: msg.userId, chatId: msg.chatId };
  if (msg.teamId !== undefined) inv.teamId = msg.teamId;
  return inv;
}

/**
 * Send a reply: page/choose buttons replace their message where the platform can, then the file,
 * then the chart as an image where the platform shows images (issue 21). The chart is drawn after
 * the text went out and never costs the answer: a failure is logged once (`log`), nothing more.
 */
export async function sendReply(
  sender: ReplySender,
  reply: Reply,
  action?: Pick<ReplyAction, "kind"> | "expired",
  chart?: { log: AdapterLog; platform: string },
): Promise<void> {
  const replace = typeof action === "object" && (action.kind === "page" || action.kind === "choose");
  if (replace && sender.update) await sender.update(reply);
  else await sender.answer(reply);
  if (reply.attachment && sender.file) await sender.file(reply.attachment);
  const image = sender.image?.bind(sender);
  if (reply.chart && image && chart) await sendChart(reply.chart, image, chart.log, chart.platform);
}

/** Command names by dispatcher, listed once rather than on every message (the list is fixed at start-up). */
const commandNamesOf = new WeakMap<Dispatcher, readonly string[]>();

/** The command names of `dispatcher` ("help 容东" runs /help, not /budget help). */
function commandNames(dispatcher: Dispatcher): readonly string[] {
  let names = commandNamesOf.get(dispatcher);
  if (!names) {
    names = dispatcher.commandList().map((c) => c.name);
    commandNamesOf.set(dispatcher, names);
  }
  return names;
}

/**
 * The line rule: what a message runs. A button its command, a native slash command "/name args",
 * an addressed message the shared meaning of its text (messageToLine); null: nothing.
 */
export function lineOf(
  msg: IncomingMessage,
  dispatcher: Dispatcher,
  botNames?: readonly string[],
): string | null {
  if (typeof msg.action === "object") return msg.action.command;
  if (msg.command) return commandLine(msg.command.name, msg.command.args);
  if (!msg.addressed) return null;
  return messageToLine(msg.text, { commandNames: commandNames(dispatcher), botNames });
}

/** Tell the user their button expired, where the platform can; a failure is logged. */
async function tellExpired(deps: PipelineDeps, msg: IncomingMessage, sender: ReplySender): Promise<void> {
  try {
    await sender.expired?.();
  } catch (err) {
    deps.log.error(`${msg.platform}: expired-button notice failed`, { error: describeError(err) });
  }
}

/** Handle one incoming message; resolves once it is known new (dedupe), the answer follows in the background. */
export async function handleIncoming(
  deps: PipelineDeps,
  msg: IncomingMessage,
  sender: ReplySender,
): Promise<Handled> {
  const { log } = deps;
  if (msg.eventId && !(await deps.dedupe.firstTime(msg.platform, msg.eventId))) {
    const retry = msg.retry !== undefined ? { retryNum: msg.retry } : {};
    log.info(`${msg.platform}: duplicate delivery ignored`, { id: msg.eventId, ...retry });
    return { outcome: "duplicate", done: Promise.resolve() };
  }
  if (msg.action === "expired") return { outcome: "expired", done: tellExpired(deps, msg, sender) };
  const line = lineOf(msg, deps.dispatcher, deps.botNames);
  if (line === null) return { outcome: "ignored", done: Promise.resolve() };
  const inv = toInvocation(msg, line);
  const done = (async () => {
    const slow = sender.working
      ? setTimeout(() => {
          sender.working?.().catch((err: unknown) => {
            log.error(`${msg.platform}: progress notice failed`, { error: describeError(err) });
          });
        }, deps.slowMs ?? SLOW_ANSWER_MS)
      : undefined;
    try {
      await sender.received?.();
      const reply = await deps.dispatcher.dispatch(inv);
      clearTimeout(slow);
      await sendReply(sender, reply, msg.action, { log, platform: msg.platform });
    } catch (err) {
      clearTimeout(slow);
      log.error(`${msg.platform}: answer failed`, {
        chatId: msg.chatId,
        text: line,
        error: describeError(err),
      });
      const notice = sender.failed
        ? sender.failed()
        : sender.answer({ heading: ADAPTER_FAILURE_TEXT, kind: "error" });
      await notice.catch(() => undefined);
    }
  })();
  return { outcome: "answered", done };
}

/**
 * Handle one message to the end (dedupe, line, dispatch, send): what a platform tracks when it
 * acknowledges the delivery without waiting. Never rejects: a failure before the answer (the
 * dedupe store) is logged.
 */
export async function answerInBackground(
  deps: PipelineDeps,
  msg: IncomingMessage,
  sender: ReplySender,
): Promise<void> {
  try {
    await (await handleIncoming(deps, msg, sender)).done;
  } catch (err) {
    deps.log.error(`${msg.platform}: message failed`, { error: describeError(err) });
  }
}
