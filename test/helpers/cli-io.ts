/** Run the CLI in-process (runCli) with its output captured. */
import { runCli } from "../../src/cli/run.js";
import type { CliIO } from "../../src/cli/types.js";

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
