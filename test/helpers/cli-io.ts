/**
 * CLI IO for tests: a CliIO over a test bot's database that records every line (botCliIO), and an
 * in-process CLI run with its output captured (runCliCaptured).
 */
import { join } from "node:path";
import { runCli } from "../../src/cli/run.js";
import type { CliIO } from "../../src/cli/types.js";
import type { TestBot } from "./test-bot.js";

/** The CLI's IO for `bot` with extra environment `env`; `out` collects what it writes (errors as "ERR …"). */
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

/** What one CLI run printed: `out` (write + out), `err`, and `all` (both, in the order printed). */
export interface CliRun {
  code: number;
  out: string;
  err: string;
  all: string;
}

/** Run `args` with `env` in `cwd` (the repository by default). */
export async function runCliCaptured(
  args: string[],
  env: Record<string, string> = {},
  cwd: string = process.cwd(),
): Promise<CliRun> {
  let out = "";
  let err = "";
  let all = "";
  const io: CliIO = {
    write: (t) => {
      out += t;
      all += t;
    },
    out: (l) => {
      out += `${l}\n`;
      all += `${l}\n`;
    },
    err: (l) => {
      err += `${l}\n`;
      all += `${l}\n`;
    },
    env,
    cwd,
  };
  const code = await runCli(args, io);
  return { code, out, err, all };
}
