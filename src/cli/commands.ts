/**
 * The `bot` subcommands: name → summary, usage and a lazy loader of the handler module.
 * To add a subcommand (ask, manifest, check, digest …): write src/cli/<name>.ts with a default
 * export implementing CliCommand, and add one entry here. Modules load lazily, so a subcommand
 * never pays for (or breaks on) another's imports.
 */
import type { CliCommand } from "./types.js";

/** One registered subcommand. */
export interface CliCommandEntry {
  summary: string;
  usage: string;
  load: () => Promise<{ default: CliCommand }>;
}

/** Every subcommand of `npm run --silent bot -- <subcommand>`. */
export const CLI_COMMANDS: Record<string, CliCommandEntry> = {
  ingest: {
    summary: "读取预算公开文件（.txt 或文件夹）并写入数据库",
    usage:
      "bot ingest <文件或文件夹…> [--db 路径] [--department 名称] [--code 编码] [--year 2023] [--verbose]",
    load: () => import("./ingest.js"),
  },
  export: {
    summary: "导出数据库中的全部项目（CSV 或 JSON）",
    usage: "bot export projects --format csv|json [--db 路径] [--out 文件]",
    load: () => import("./export.js"),
  },
  ask: {
    summary: "把一行聊天命令交给与聊天平台相同的调度器，打印纯文本回答（--json 打印 Reply）",
    usage: 'bot ask "/budget 容东 2024 三公" [--json] [--out 文件夹或文件] [--db 路径]',
    load: () => import("./ask.js"),
  },
  manifest: {
    summary: "生成聊天平台后台要填写的内容（应用清单、命令列表或接入步骤）、.env.example 或 README 命令表",
    usage: "bot manifest <平台> [选项] | bot manifest env | bot manifest readme",
    load: () => import("./manifest.js"),
  },
  check: {
    summary: "核对预算公开文件自身是否一致；无问题退出码 0，有问题 1",
    usage: "bot check [文件或单位…] [--year 2024] [--json] [--db 路径]",
    load: () => import("./check.js"),
  },
  digest: {
    summary:
      "预算周报：预览某个订阅或单位的周报；推送到期的周报（每个时段只推送一次）；列出订阅；登记或删除群机器人 webhook 订阅",
    usage:
      "bot digest preview <订阅编号|单位…|全部> [--at 2024-03-04T09:00:00+08:00] | bot digest run-due [--at 时间] | bot digest list [--db 路径] | bot digest subscribe <平台> <webhook 地址> [单位…] [--secret 加签密钥] [--schedule cron] | bot digest unsubscribe <订阅编号>",
    load: () => import("./digest.js"),
  },
};
