/**
 * `bot manifest <platform> [options]` prints what to paste into that platform's admin console
 * (each platform's `manifest` in src/platforms/: the Slack app manifest, Telegram's BotFather list,
 * …); `bot manifest env` prints .env.example; `bot manifest readme` the README command table.
 * The flags a platform's manifest takes (--mode, --url, --socket) are declared there and parsed here.
 */
import { commands } from "../../commands/index.js";
import { commandTableMarkdown } from "../commands/help.js";
import { renderEnvExample } from "../config.js";
import { PLATFORM_INFOS, platformInfoNamed } from "../platforms/index.js";
import type { ManifestFlags, ManifestSpec } from "../platforms/info.js";
import { parseCliArgs, requireWebUrl, stringFlag } from "./args.js";
import { type CliCommand, CliUsageError } from "./types.js";

/** Parse the flags `spec` declares (a platform that declares none ignores its arguments). */
function manifestFlags(spec: ManifestSpec, args: string[]): ManifestFlags {
  if (!spec.modes && !spec.url && !spec.socket) return {};
  const { values } = parseCliArgs(args, {
    ...(spec.modes ? { mode: { type: "string" as const } } : {}),
    ...(spec.url ? { url: { type: "string" as const } } : {}),
    ...(spec.socket ? { socket: { type: "boolean" as const } } : {}),
  });
  const flags: ManifestFlags = {};
  if (spec.modes) {
    const [first, second] = spec.modes;
    const mode = stringFlag(values, "mode") ?? first;
    if (mode !== first && mode !== second) {
      throw new CliUsageError(`--mode 应为 ${first} 或 ${second}（收到“${mode}”）`);
    }
    flags.mode = mode;
  }
  if (spec.url) {
    const url = stringFlag(values, "url") ?? spec.url.default;
    flags.url = spec.url.example ? requireWebUrl("--url", url, spec.url.example) : url;
  }
  if (spec.socket) flags.socket = Boolean(values.socket);
  return flags;
}

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
    const spec = which ? platformInfoNamed(which)?.manifest : undefined;
    if (spec) {
      io.out(spec.render(commands, manifestFlags(spec, rest)));
      return 0;
    }
    const names = PLATFORM_INFOS.filter((p) => p.manifest).map((p) => `manifest ${p.name}`);
    throw new CliUsageError(`请指定平台：${[...names, "manifest env", "manifest readme"].join("、")}`);
  },
};

export default command;
