/** A CliIO over a test bot's database that records every line the CLI writes (errors as "ERR …"). */
import { join } from "node:path";
import type { CliIO } from "../../src/cli/types.js";
import type { TestBot } from "./test-bot.js";

/** The CLI's IO for `bot` with extra environment `env`; `out` collects what it writes. */
export function botCliIO(bot: TestBot, env: Record<string, string>): { io: CliIO; out: string[] } {
  const out: string[] = [];
  return {
    out,
    io: {
      write: (t) => out.push(t),
      out: (l) => out.push(l),
      err: (l) => out.push(`ERR ${l}`),
      env: { BUDGET_DB: join(bot.dir, "budget.db"), ...env },
      cwd: bot.dir,
    },
  };
}
