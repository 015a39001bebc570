import { z } from "zod";
import type { CommandDef } from "../src/commands/define.js";
import { defineCommand } from "../src/commands/define.js";
import { helpReply } from "../src/commands/help.js";

/** /help, over the registry it is given (avoids an import cycle with commands/index.ts). */
export function helpCommand(all: () => readonly CommandDef[]) {
  return defineCommand({
    name: "help",
    summary: "查看命令说明与示例",
    usage: "/help [命令]",
    examples: ["/help", "/help budget"],
    aliases: ["帮助"],
    args: z.object({ name: z.string().optional() }),
    parse: (text) => ({ name: text.trim() || undefined }),
    run: ({ args }) => helpReply(all(), args.name),
  });
}

/** /start: Telegram's greeting; same as /help. */
export function startCommand(all: () => readonly CommandDef[]) {
  return defineCommand({
    name: "start",
    summary: "开始使用（显示帮助）",
    usage: "/start",
    examples: ["/start"],
    args: z.object({}),
    parse: () => ({}),
    run: () => helpReply(all()),
  });
}
