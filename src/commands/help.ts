/** /help text generated from the registry: the one source for help, menus and the README table. */
import { clip } from "../answers/format.js";
import type { Reply } from "../reply/reply.js";
import type { CommandDef } from "./define.js";
import { findCommand } from "./dispatch.js";
import { UserError } from "./errors.js";

/** Help for all commands, or for one. */
export function helpReply(commands: readonly CommandDef[], name?: string): Reply {
  if (name) {
    const c = findCommand(commands, name.replace(/^[/／]/, "").toLowerCase());
    if (!c)
      throw new UserError(`没有命令 /${clip(name.replace(/^[/／]/, ""))}`, [
        `可用命令：${commands.map((x) => `/${x.name}`).join(" ")}`,
      ]);
    return {
      heading: `/${c.name}：${c.summary}`,
      fields: [{ label: "用法", value: c.usage }],
      text: ["示例：", ...c.examples],
      kind: "help",
    };
  }
  // A list, not a table: usage lines are long and a two-column table is far wider than a chat.
  return {
    heading: "预算公开查询机器人：可用命令",
    text: [
      ...commands.map((c) => `${c.usage}\n　${c.summary}`),
      "示例：/budget 容东 2024 三公 · /project 后勤保障",
      "查看某个命令：/help budget",
    ],
    kind: "help",
  };
}

/** The README's command table (markdown), generated from the registry. */
export function commandTableMarkdown(commands: readonly CommandDef[]): string {
  const rows = commands.map(
    (c) => `| \`${c.usage.replace(/\|/g, "\\|")}\` | ${c.summary} | \`${c.examples[0] ?? ""}\` |`,
  );
  return ["| 命令 | 说明 | 示例 |", "|---|---|---|", ...rows].join("\n");
}
