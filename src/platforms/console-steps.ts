/**
 * Parts of the console-steps manifests (`bot manifest dingtalk|feishu|wecom`): platforms without an
 * app manifest file print the steps to follow in their console, ending with the command list.
 */
import type { CommandInfo } from "./info.js";

/** The command list at the end of the steps: "  /budget — summary" per command. */
export function commandLines(commands: readonly CommandInfo[]): string[] {
  return commands.map((c) => `  /${c.name} — ${c.summary}`);
}
