/**
 * The `bot` CLI dispatcher: picks the subcommand, turns usage mistakes into a Chinese message
 * with the usage line (exit 2) and any other error into one short message (exit 1).
 */
import { CLI_COMMANDS } from "./commands.js";
import { type CliIO, CliUsageError } from "./types.js";

/** The help text listing every subcommand. */
export function cliHelp(): string {
  const lines = ["用法：npm run --silent bot -- <子命令> [参数…]", "", "子命令："];
  for (const [name, c] of Object.entries(CLI_COMMANDS))
    lines.push(`  ${name.padEnd(10)}${c.summary}`, `            ${c.usage}`);
  lines.push("", "数据库路径：--db，否则环境变量 BUDGET_DB，否则 data/budget.db");
  return lines.join("\n");
}

/** Run the CLI with `argv` (arguments after the script name); resolves to the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(cliHelp());
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(CLI_COMMANDS, name) ? CLI_COMMANDS[name] : undefined;
  if (!entry) {
    io.err(`未知子命令：${name}`);
    io.err(cliHelp());
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`${entry.summary}\n用法：${entry.usage}`);
    return 0;
  }
  try {
    const mod = await entry.load();
    return await mod.default.run(rest, io);
  } catch (err) {
    // A bad environment variable (src/config.ts ConfigError, matched by name to keep loading lazy).
    if (err instanceof Error && err.name === "ConfigError") {
      io.err(`${err.message}（参见 .env.example）`);
      return 2;
    }
    if (err instanceof CliUsageError) {
      io.err(err.message);
      io.err(`用法：${entry.usage}`);
      return 2;
    }
    io.err(`出错：${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
