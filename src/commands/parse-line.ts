/** Split a chat line into command name and argument text. */

import { normalizeText } from "../query/normalize.js";

/** The command part of a chat line: "/budget@bot 容东 2024" → { name: "budget", rest: "容东 2024" }. */
export interface CommandLine {
  name: string;
  rest: string;
}

/** How a chat line is to be answered. */
export type RoutedLine =
  | ({ kind: "command" } & CommandLine)
  /** "/budget@other_bot …": addressed to another bot in the same chat; answer nothing. */
  | { kind: "elsewhere" }
  /** Nothing but blanks and invisible characters. */
  | { kind: "empty" };

/** The command a line without a leading slash runs (README: such a line is a /budget query). */
export const BARE_LINE_COMMAND = "budget";

/**
 * Parse "/name args". Accepts a full-width slash, a Telegram "@botname" suffix and surrounding
 * blanks. Returns null when the line does not start with a slash.
 */
export function parseCommandLine(line: string): CommandLine | null {
  const t = line.replace(/\u3000/g, " ").trim();
  const m = /^[/／]([^\s@]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(t);
  if (!m) return null;
  return { name: (m[1] ?? "").toLowerCase(), rest: (m[2] ?? "").trim() };
}

/**
 * The one rule every adapter applies to a chat line (the dispatcher applies it too):
 * - the line is normalised (invisible characters, width, traditional characters);
 * - "/name@bot args" is for this bot when "bot" is one of `botNames` (case-insensitive); another name
 *   is addressed elsewhere; without `botNames` (console, CLI, Slack) the suffix is dropped;
 * - a line without a slash whose first word is a command name or alias runs that command
 *   ("help", "项目 后勤保障"); any other line without a slash is a /budget query.
 */
export function routeLine(
  text: string,
  commandNames: readonly string[],
  botNames?: readonly string[],
): RoutedLine {
  const t = normalizeText(text);
  if (t === "") return { kind: "empty" };
  const m = /^\/([^\s@]*)(?:@(\S*))?(?:\s+([\s\S]*))?$/.exec(t);
  if (m) {
    const target = m[2];
    if (target !== undefined && botNames && !botNames.some((n) => n.toLowerCase() === target.toLowerCase())) {
      return { kind: "elsewhere" };
    }
    return { kind: "command", name: (m[1] ?? "").toLowerCase(), rest: (m[3] ?? "").trim() };
  }
  const [first = "", ...rest] = t.split(" ");
  if (commandNames.includes(first.toLowerCase())) {
    return { kind: "command", name: first.toLowerCase(), rest: rest.join(" ") };
  }
  return { kind: "command", name: BARE_LINE_COMMAND, rest: t };
}

/** Levenshtein distance (moved to domain/text.ts so the query layer can rank names by it). */
export { editDistance } from "../domain/text.js";
