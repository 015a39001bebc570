/**
 * Files sent in chat, the same way on every platform: the platform turns its file event into
 * `IncomingFiles` (downloads included) and a ReplySender; this decides whether the sender may
 * store files (INGEST_USERS), says `正在读取 N 个文件…` at once, reads the files in the background
 * (ingest/from-chat.ts, the one pipeline) and answers one line per file, then the overview of each
 * department-year stored, with buttons for the usual topics. The platform acknowledges the delivery
 * as soon as `handleFiles` resolves; reading never holds up other messages.
 */
import type { Dispatcher } from "../commands/types.js";
import { type ChatFile, ingestChatFiles, outcomeLine, type PlatformLimit } from "../ingest/from-chat.js";
import type { IngestOutcome } from "../ingest/pipeline.js";
import type { Reply, ReplyAction } from "../reply/reply.js";
import type { Store } from "../store/ports.js";
import { type AdapterLog, describeError } from "./common.js";
import type { ReplySender } from "./contract.js";
import type { Dedupe } from "./dedupe.js";
import type { Handled } from "./pipeline.js";

/** Files in one chat message, as a platform received them. */
export interface IncomingFiles {
  platform: string;
  eventId?: string;
  userId: string;
  chatId: string;
  teamId?: string;
  /** In a 1:1 chat, or a group message that mentions the bot, or a channel configured for files. */
  addressed: boolean;
  files: ChatFile[];
  /** The platform's own download limit, stated in its refusal. */
  limit?: PlatformLimit;
}

/** Where sent files are stored and who may send them: built once by the composition root. */
export interface FileIntake {
  store: Store;
  /** May this user store files? */
  mayIngest(platform: string, userId: string): boolean;
  /** The user ids of `platform` who may (named in the refusal). */
  whoMay(platform: string): string[];
  /** Group chats where files are read without a mention (INGEST_CHATS). */
  takesFiles?(platform: string, chatId: string): boolean;
  /** Reload what answers use after files were stored through this store. */
  refresh(): Promise<void>;
  /** Per-file deadline (ingest/from-chat.ts's default when absent). */
  deadlineMs?: number;
  clock?: () => Date;
}

/** What handling files needs besides the message. */
export interface FileDeps {
  intake: FileIntake;
  dispatcher: Dispatcher;
  dedupe: Dedupe;
  log: AdapterLog;
}

/** The usual topics offered under the overview of a department-year. */
const TOPIC_BUTTONS: ReadonlyArray<[string, string]> = [
  ["三公经费", "三公"],
  ["收入", "收入"],
  ["支出", "支出"],
  ["项目", "项目"],
];

/** The refusal for a user who may not store files, naming who may. */
export function notPermittedReply(who: string[]): Reply {
  const named = who.length ? `：${who.join("、")}` : "（由管理员配置）";
  return {
    heading: "您没有通过聊天导入文件的权限",
    text: [`可以导入文件的用户${named}`, "名单由 INGEST_USERS 配置（未设置时为 ADMIN_USERS）；请联系管理员"],
    kind: "error",
  };
}

/** One line per file, with the totals as heading. */
export function outcomesReply(outcomes: readonly IngestOutcome[]): Reply {
  const stored = outcomes.filter((o) => o.kind === "stored").length;
  const heading =
    stored === outcomes.length
      ? `已读取 ${outcomes.length} 个文件`
      : `已读取 ${outcomes.length} 个文件，导入 ${stored} 个`;
  return { heading, text: outcomes.map(outcomeLine), kind: stored > 0 ? "answer" : "error" };
}

/** The department-years stored, each once, in order. */
function storedYears(outcomes: readonly IngestOutcome[]): Array<{ department: string; year: number | null }> {
  const seen = new Set<string>();
  const out: Array<{ department: string; year: number | null }> = [];
  for (const o of outcomes) {
    if (o.kind !== "stored" || o.department === null) continue;
    const key = `${o.department}|${o.year ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ department: o.department, year: o.year });
  }
  return out;
}

/** The overview of a department-year (the /budget answer) with buttons for the usual topics. */
async function overview(
  deps: FileDeps,
  msg: IncomingFiles,
  department: string,
  year: number | null,
): Promise<Reply> {
  const base = `/budget ${department} ${year ?? ""}`.trim();
  const reply = await deps.dispatcher.dispatch({
    text: base,
    platform: msg.platform,
    userId: msg.userId,
    chatId: msg.chatId,
    ...(msg.teamId !== undefined ? { teamId: msg.teamId } : {}),
  });
  if (reply.kind === "error") return reply;
  const buttons: ReplyAction[] = TOPIC_BUTTONS.map(([label, word]) => ({
    label,
    command: `${base} ${word}`,
    kind: "choose",
  }));
  return { ...reply, actions: [...(reply.actions ?? []), ...buttons] };
}

/** Read the files and answer; never rejects (a failure is logged and told). */
async function readAndAnswer(deps: FileDeps, msg: IncomingFiles, sender: ReplySender): Promise<void> {
  const { intake, log } = deps;
  try {
    const at = (intake.clock ?? (() => new Date()))().toISOString();
    const source = {
      platform: msg.platform,
      userId: msg.userId,
      chatId: msg.chatId,
      teamId: msg.teamId ?? null,
      at,
    };
    const outcomes = await ingestChatFiles(msg.files, {
      store: intake.store,
      deadlineMs: intake.deadlineMs,
      platformLimit: msg.limit,
      onStored: (docId) => intake.store.disclosures.recordSource(docId, source),
    });
    if (outcomes.some((o) => o.kind === "stored")) await intake.refresh();
    log.info(`${msg.platform}: files read`, {
      chatId: msg.chatId,
      files: outcomes.map((o) => `${o.file}: ${o.kind}`),
    });
    await sender.answer(outcomesReply(outcomes));
    for (const dy of storedYears(outcomes)) {
      await sender.answer(await overview(deps, msg, dy.department, dy.year));
    }
  } catch (err) {
    log.error(`${msg.platform}: reading files failed`, { chatId: msg.chatId, error: describeError(err) });
    await sender
      .answer({ heading: "读取文件时出错，未完成导入，请稍后再试", kind: "error" })
      .catch(() => undefined);
  }
}

/**
 * Handle the files of one message: resolves once it is known new and the first line is sent (or
 * the refusal); `done` settles when the files were read and answered.
 */
export async function handleFiles(deps: FileDeps, msg: IncomingFiles, sender: ReplySender): Promise<Handled> {
  if (msg.eventId && !(await deps.dedupe.firstTime(msg.platform, msg.eventId))) {
    return { outcome: "duplicate", done: Promise.resolve() };
  }
  const addressed = msg.addressed || deps.intake.takesFiles?.(msg.platform, msg.chatId) === true;
  if (!addressed || msg.files.length === 0) return { outcome: "ignored", done: Promise.resolve() };
  if (!deps.intake.mayIngest(msg.platform, msg.userId)) {
    const done = sender.answer(notPermittedReply(deps.intake.whoMay(msg.platform))).catch((err: unknown) => {
      deps.log.error(`${msg.platform}: refusal failed`, { error: describeError(err) });
    });
    return { outcome: "answered", done };
  }
  const first = sender.answer({ heading: `正在读取 ${msg.files.length} 个文件…`, kind: "answer" });
  const done = first
    .catch((err: unknown) =>
      deps.log.error(`${msg.platform}: progress notice failed`, { error: describeError(err) }),
    )
    .then(() => readAndAnswer(deps, msg, sender));
  return { outcome: "answered", done };
}

/** Handle files to the end (what a platform tracks); never rejects. */
export async function filesInBackground(
  deps: FileDeps,
  msg: IncomingFiles,
  sender: ReplySender,
): Promise<void> {
  try {
    await (await handleFiles(deps, msg, sender)).done;
  } catch (err) {
    deps.log.error(`${msg.platform}: files failed`, { error: describeError(err) });
  }
}
