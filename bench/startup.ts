/**
 * Start-up as a user meets it, on the bundled data/ corpus and the compiled build (dist/):
 * `bot ask "容东 2024 三公"` end to end, and `npm start` (console mode) until it answers the first
 * line piped in — what a user waits for before the prompt is of any use. Each runs against a
 * database of its own (first run ingests data/, untimed), median of `runs`. npm's own start-up
 * (~0.2 s) is not included: the commands are run with node directly, as npm runs them.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Median milliseconds of each start-up; null when dist/ is missing (run `npm run build`). */
export interface StartupResult {
  askMs: number;
  consoleReadyMs: number;
  runs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Milliseconds until the console bot writes its first answer to a line on stdin. */
function consoleReady(root: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [join(root, "dist/src/main.js")], {
      cwd: root,
      env,
      stdio: ["pipe", "pipe", "ignore"],
    });
    let ready: number | null = null;
    child.stdout.once("data", () => {
      ready = performance.now() - t;
      child.stdin.end();
    });
    child.on("error", reject);
    child.on("exit", () =>
      ready === null ? reject(new Error("console bot answered nothing")) : resolve(ready),
    );
    child.stdin.write("/help\n");
  });
}

/** Times `bot ask` and the console start `runs` times each (after one untimed run that ingests). */
export async function benchStartup(root: string, dir: string, runs = 5): Promise<StartupResult | null> {
  const cli = join(root, "dist/src/cli/main.js");
  if (!existsSync(cli)) return null;
  const env = { ...process.env, BUDGET_DB: join(dir, "startup.db"), LOG_LEVEL: "error" };
  const ask = () => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [cli, "ask", "容东 2024 三公"], {
      cwd: root,
      env,
      stdio: "ignore",
    });
    if (r.status !== 0) throw new Error(`bot ask exited ${r.status ?? r.signal}`);
    return performance.now() - t;
  };
  ask(); // first start: ingests data/
  const asks: number[] = [];
  const consoles: number[] = [];
  for (let i = 0; i < runs; i++) {
    asks.push(ask());
    consoles.push(await consoleReady(root, env));
  }
  return { askMs: median(asks), consoleReadyMs: median(consoles), runs };
}
