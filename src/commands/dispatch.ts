/**
 * The dispatcher: the one place where a chat line becomes a command run, and the one error funnel.
 * UserError → friendly Chinese reply with usage; anything else → logged once with a reference id.
 */
import { randomBytes } from "node:crypto";
import { issuesMessage } from "../domain/issues.js";
import type { Logger } from "../domain/log.js";
import { IGNORED_REPLY, type Reply } from "../reply/reply.js";
import type { CommandDef } from "./define.js";
import { UserError } from "./errors.js";
import { editDistance, routeLine } from "./parse-line.js";
import type { Services } from "./services.js";
import type { Dispatcher, Invocation } from "./types.js";

/** The logger the dispatcher reports unexpected errors to (domain/log.ts). */
export type { Logger } from "../domain/log.js";

/** The longest chat line answered (characters); real questions are far shorter. */
export const MAX_LINE_CHARS = 500;

/** Build an error reply shown to the user. */
export function errorReply(
  message: string,
  hints: string[] = [],
  actions: Reply["actions"] = [],
  usage?: string,
): Reply {
  return {
    heading: message,
    text: hints.length ? hints : undefined,
    // The usage line comes last: heading → hints and candidates → usage.
    notes: usage ? [usage] : undefined,
    actions: actions?.length ? actions : undefined,
    kind: "error",
  };
}

/** Find a command by name or alias. */
export function findCommand(commands: readonly CommandDef[], name: string): CommandDef | undefined {
  return commands.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Create the dispatcher over a command list and the services they use. */
export function createDispatcher(
  commands: readonly CommandDef[],
  services: Services,
  log: Logger,
  isAdmin: (inv: Invocation) => boolean = () => true,
): Dispatcher {
  const commandWords = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  async function dispatch(inv: Invocation): Promise<Reply> {
    // The one length limit: a longer line is refused, so no reply can echo a flood of input.
    const length = [...inv.text].length;
    if (length > MAX_LINE_CHARS) {
      return errorReply(`输入太长（${length} 个字符），请缩短到 ${MAX_LINE_CHARS} 个字符以内`, [
        "例如 /budget 容东 2024 三公；输入 /help 查看全部命令",
      ]);
    }
    const line = routeLine(inv.text, commandWords, inv.botName ? [inv.botName] : undefined);
    if (line.kind === "elsewhere") return IGNORED_REPLY;
    if (line.kind === "empty") {
      return errorReply("请输入命令，例如 /budget 容东 2024 三公", ["输入 /help 查看全部命令"]);
    }
    const cmd = findCommand(commands, line.name);
    if (!cmd) {
      const nearest = [...commands]
        .map((c) => ({ c, d: editDistance(line.name, c.name) }))
        .sort((a, b) => a.d - b.d)[0];
      const hint =
        nearest && nearest.d <= Math.max(2, Math.floor(line.name.length / 2))
          ? [`您是不是要输入 /${nearest.c.name}？（${nearest.c.summary}）`]
          : [];
      return errorReply(`未知命令 /${line.name}`, [...hint, "输入 /help 查看全部命令"]);
    }
    if (cmd.adminOnly && !isAdmin(inv)) {
      return errorReply(`/${cmd.name} 仅限管理员使用`, ["管理员名单由 ADMIN_USERS 配置"]);
    }
    try {
      const raw = cmd.parse(line.rest, services);
      const parsed = cmd.args.safeParse(raw);
      if (!parsed.success) {
        throw new UserError(`参数有误：${issuesMessage(parsed.error.issues)}`);
      }
      return await cmd.run({ args: parsed.data, services, invocation: inv });
    } catch (err) {
      if (err instanceof UserError) {
        return errorReply(err.message, err.hints, err.actions, `用法：${cmd.usage}`);
      }
      const ref = randomBytes(4).toString("hex");
      log.error("command failed", {
        ref,
        command: cmd.name,
        text: inv.text,
        platform: inv.platform,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
      return errorReply(`处理命令时出错（参考编号 ${ref}），请稍后再试或联系管理员`);
    }
  }
  return {
    dispatch,
    commandList: () => commands.map((c) => ({ name: c.name, summary: c.summary, usage: c.usage })),
  };
}
