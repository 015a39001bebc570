/**
 * Parts of the console-steps manifests (`bot manifest dingtalk|feishu|wecom`): platforms without an
 * app manifest file print the steps to follow in their console, ending with the command list.
 */
import { parseCliArgs, stringFlag } from "../cli/args.js";
import { CliUsageError } from "../cli/types.js";
import type { CommandDef } from "../commands/define.js";

/** `[--mode A|B] [--url …]`: the receiving mode (the first of `modes` by default) and the callback URL. */
export function modeAndUrl<M extends string>(
  args: string[],
  modes: readonly [M, M],
  defaultUrl: string,
): { mode: M; url: string } {
  const { values } = parseCliArgs(args, { mode: { type: "string" }, url: { type: "string" } });
  const mode = stringFlag(values, "mode") ?? modes[0];
  if (!(modes as readonly string[]).includes(mode)) {
    throw new CliUsageError(`--mode 应为 ${modes[0]} 或 ${modes[1]}（收到“${mode}”）`);
  }
  return { mode: mode as M, url: stringFlag(values, "url") ?? defaultUrl };
}

/** The command list at the end of the steps: "  /budget — summary" per command. */
export function commandLines(commands: readonly CommandDef[]): string[] {
  return commands.map((c) => `  /${c.name} — ${c.summary}`);
}
