/** Telegram's command list, generated from the command registry (one source of truth). */
import type { CommandInfo } from "../info.js";

/** Telegram's command list for setMyCommands / BotFather. */
export function telegramCommands(
  commands: readonly CommandInfo[],
): Array<{ command: string; description: string }> {
  return commands.map((c) => ({ command: c.name, description: c.summary.slice(0, 256) }));
}
