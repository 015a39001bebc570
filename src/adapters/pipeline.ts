/**
 * The shared path of one incoming chat message, for platforms that deliver plain messages
 * (no native slash commands): drop a redelivery, decide what the text means, acknowledge at once
 * and answer in the background, send the reply through the platform's ReplySender.
 *
 * The platform turns its event into an `IncomingMessage` (mentions of the bot already removed
 * from the text) and acknowledges the delivery as soon as `handleIncoming` returns; `done`
 * settles when the answer was sent (tests await it; the platform never blocks on it).
 */
import type { Dispatcher, Invocation } from "../commands/types.js";
import type { Reply, ReplyAction } from "../reply/reply.js";
import { ADAPTER_FAILURE_TEXT, type AdapterLog, describeError, messageToLine } from "./common.js";
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
  /** A button press: the command it runs and its kind (page/choose replace the message). */
  action?: Pick<ReplyAction, "kind" | "command">;
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
  /** "answered": an answer is being produced; the others mean nothing is sent. */
  outcome: "answered" | "duplicate" | "ignored";
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

/** Send a reply: page/choose buttons replace their message where the platform can, then the file. */
export async function sendReply(
  sender: ReplySender,
  reply: Reply,
  action?: Pick<ReplyAction, "kind">,
): Promise<void> {
  const replace = action && (action.kind === "page" || action.kind === "choose");
  if (replace && sender.update) await sender.update(reply);
  else await sender.answer(reply);
  if (reply.attachment && sender.file) await sender.file(reply.attachment);
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

/** Handle one incoming message; settles once the dedupe answered, the answer follows in the background. */
export async function handleIncoming(
  deps: PipelineDeps,
  msg: IncomingMessage,
  sender: ReplySender,
): Promise<Handled> {
  const { log } = deps;
  if (msg.eventId && !(await deps.dedupe.firstTime(msg.platform, msg.eventId))) {
    log.info(`${msg.platform}: duplicate delivery ignored`, { id: msg.eventId });
    return { outcome: "duplicate", done: Promise.resolve() };
  }
  const line = msg.action
    ? msg.action.command
    : msg.addressed
      ? messageToLine(msg.text, {
          commandNames: commandNames(deps.dispatcher),
          botNames: deps.botNames,
        })
      : null;
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
      const reply = await deps.dispatcher.dispatch(inv);
      clearTimeout(slow);
      await sendReply(sender, reply, msg.action);
    } catch (err) {
      clearTimeout(slow);
      log.error(`${msg.platform}: answer failed`, {
        chatId: msg.chatId,
        text: line,
        error: describeError(err),
      });
      await sender.answer({ heading: ADAPTER_FAILURE_TEXT, kind: "error" }).catch(() => undefined);
    }
  })();
  return { outcome: "answered", done };
}
