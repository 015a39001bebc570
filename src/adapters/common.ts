/** Rules and helpers every platform shares: the logger shape, what a message means, argument helpers. */
import { routeLine } from "../commands/parse-line.js";
import type { Logger } from "../domain/log.js";

/** The logger adapters report to: the one Logger contract (domain/log.ts). */
export type AdapterLog = Logger;

/** What the user sees when the adapter itself fails (the dispatcher handles command errors). */
export const ADAPTER_FAILURE_TEXT = "处理请求时出错，请稍后再试";

/** Trailing words that make a Slack answer visible to the whole channel. */
export const SHARE_WORDS: readonly string[] = ["公开", "share"];

/** Split a trailing share word off an argument text: "容东 2024 公开" → { text: "容东 2024", share: true }. */
export function splitShare(text: string): { text: string; share: boolean } {
  const trimmed = text.replace(/\u3000/g, " ").trim();
  const words = trimmed.split(/\s+/);
  const last = words[words.length - 1] ?? "";
  if (words.length > 0 && SHARE_WORDS.includes(last.toLowerCase())) {
    return { text: words.slice(0, -1).join(" "), share: true };
  }
  return { text: trimmed, share: false };
}

/** Build the chat line for a command: "/budget" + " " + args (no trailing blank when args are empty). */
export function commandLine(name: string, args: string): string {
  const rest = args.trim();
  return rest ? `/${name} ${rest}` : `/${name}`;
}

/** Describe an unknown thrown value for a log line. */
export function describeError(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Options of messageToLine. */
export interface MessageLineOptions {
  /** Known command names: "help 容东" runs /help, not /budget help. */
  commandNames: readonly string[];
  /**
   * The bot's own names for "/cmd@name" (case-insensitive). When given, "/cmd@someoneelse" is
   * addressed to another bot and ignored; when absent, the suffix is simply dropped.
   */
  botNames?: readonly string[];
}

/**
 * The shared meaning of a chat message (its @-mentions of the bot already removed):
 * "" → "/help"; "/cmd …" runs as is ("/cmd@thisbot …" too, "/cmd@otherbot …" → null: ignored);
 * "help …" (a known command name first) → "/help …"; anything else is a /budget query.
 */
export function messageToLine(text: string, opts: MessageLineOptions): string | null {
  // One rule for every surface: the dispatcher applies the same routeLine (commands/parse-line.ts).
  const routed = routeLine(text, opts.commandNames, opts.botNames);
  if (routed.kind === "empty") return "/help";
  if (routed.kind === "elsewhere") return null;
  return commandLine(routed.name, routed.rest);
}

/** An access-list check over one list variable: empty (or absent) = everyone; else `id` must be listed. */
export function listAllows(list: unknown, id: string | undefined): boolean {
  if (!Array.isArray(list) || list.length === 0) return true;
  return id !== undefined && list.includes(id);
}
