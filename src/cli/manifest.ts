/**
 * `bot manifest slack [--url https://host/slack/events] [--socket]` prints the Slack app manifest;
 * `bot manifest telegram` prints the BotFather command list; `bot manifest readme` the README table. Both come from the command registry.
 */
import { commands } from "../../commands/index.js";
import { commandTableMarkdown } from "../commands/help.js";
import { slackManifest, telegramCommands } from "../manifest.js";
import { parseCliArgs, stringFlag } from "./args.js";
import { type CliCommand, CliUsageError } from "./types.js";

/** True for an absolute http(s) URL with a host. */
function isWebUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const u = new URL(text);
  return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "";
}

const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      url: { type: "string" },
      socket: { type: "boolean" },
    });
    const which = positionals[0];
    if (which === "slack") {
      const url = stringFlag(values, "url") ?? "https://example.com/slack/events";
      if (!isWebUrl(url)) {
        throw new CliUsageError(
          `--url 应为完整的网址（以 https:// 开头，Slack 要求 HTTPS），例如 --url https://bot.example.com/slack/events（收到“${[...url].slice(0, 60).join("")}”）`,
        );
      }
      io.out(JSON.stringify(slackManifest(commands, url, Boolean(values.socket)), null, 2));
      return 0;
    }
    if (which === "readme") {
      io.out(commandTableMarkdown(commands));
      return 0;
    }
    if (which === "telegram") {
      for (const c of telegramCommands(commands)) io.out(`${c.command} - ${c.description}`);
      return 0;
    }
    throw new CliUsageError("请指定平台：manifest slack、manifest telegram 或 manifest readme");
  },
};

export default command;
