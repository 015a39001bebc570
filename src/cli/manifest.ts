/**
 * `bot manifest <platform> [options]` prints what to paste into that platform's admin console
 * (each registered platform's `manifest`: the Slack app manifest, Telegram's BotFather list, …);
 * `bot manifest env` prints .env.example; `bot manifest readme` the README command table.
 */
import { commands } from "../../commands/index.js";
import { PLATFORMS, platformNamed } from "../adapters/registry.js";
import { commandTableMarkdown } from "../commands/help.js";
import { renderEnvExample } from "../config.js";
import { type CliCommand, CliUsageError } from "./types.js";

const command: CliCommand = {
  async run(args, io) {
    const [which, ...rest] = args;
    if (which === "readme") {
      io.out(commandTableMarkdown(commands));
      return 0;
    }
    if (which === "env") {
      io.write(renderEnvExample());
      return 0;
    }
    const platform = which ? platformNamed(which) : undefined;
    if (platform?.manifest) {
      io.out(platform.manifest(commands, rest));
      return 0;
    }
    const names = PLATFORMS.filter((p) => p.manifest).map((p) => `manifest ${p.name}`);
    throw new CliUsageError(`请指定平台：${[...names, "manifest env", "manifest readme"].join("、")}`);
  },
};

export default command;
