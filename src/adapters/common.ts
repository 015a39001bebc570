/** Pieces shared by the Slack and Telegram adapters: the logger shape and argument helpers. */

/** The logger adapters report to (same shape as the dispatcher's Logger). */
export interface AdapterLog {
  info(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

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
