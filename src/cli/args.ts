/**
 * Argument parsing for subcommands: node:util parseArgs with Chinese usage errors.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliUsageError } from "./types.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parsed flags (string or boolean values) and positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parse `args` strictly against `options`; an unknown or malformed flag is a CliUsageError. */
export function parseCliArgs(args: string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (err) {
    const code = (err as { code?: string }).code;
    // Node's own message is English: name the flag and say what to do instead.
    const message = err instanceof Error ? err.message : String(err);
    const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
      throw new CliUsageError(`未知参数 ${flag}（可用参数见下方用法；以 - 开头的文字请放在 -- 之后）`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
      throw new CliUsageError(`参数 ${flag} 缺少取值或不需要取值，请按下方用法填写`);
    throw new CliUsageError(`参数有误 ${flag}，请按下方用法填写`);
  }
}

/** A string flag's value, or undefined. */
export function stringFlag(values: ParsedArgs["values"], name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** Parse a --year value: a four-digit year, else a CliUsageError. */
export function parseYear(text: string, what = "--year"): number {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) throw new CliUsageError(`${what} 应为四位年份，例如 2023（收到“${text}”）`);
  return Number(t);
}

/** A flag that must be an absolute http(s) URL (e.g. a manifest's --url); else a CliUsageError saying what to type. */
export function requireWebUrl(flag: string, value: string, example: string): string {
  const ok =
    URL.canParse(value) &&
    ["https:", "http:"].includes(new URL(value).protocol) &&
    new URL(value).hostname !== "";
  if (!ok) {
    const shown = [...value].length > 60 ? `${[...value].slice(0, 60).join("")}…` : value;
    throw new CliUsageError(
      `${flag} 应为完整的网址（以 https:// 开头），例如 ${flag} ${example}（收到“${shown}”）`,
    );
  }
  return value;
}
