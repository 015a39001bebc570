/**
 * Load under faults (issue 16): for each concurrency 1/10/50/200, start `npm start` with Slack over
 * HTTP on 127.0.0.1 (fake Slack Web API and response_url), run a `bot ingest` of a real PDF into the
 * same database meanwhile, send signed slash commands, and send SIGTERM to the bot once half of
 * them were acknowledged. Then count: acknowledged (HTTP 200), refused after the stop (503 or no
 * connection: never acknowledged, so never owed), answered (an answer at the response_url),
 * lost (acknowledged, never answered), duplicated (answered more than once), ack latency p50/p99,
 * the bot's peak RSS and its exit code.
 *
 *   npm run load                      (all four levels; at most LEVEL_LIMIT_MS each)
 *   npm run load -- --levels 1,10     (some levels)
 *
 * Bounded: at most 3 × concurrency commands per level (30 at least, 600 at most), every wait
 * bounded, 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startSlackBotProcess, textDataDir } from "../test/fakes/slack-bot-process.js";
import { summarize } from "./stats.js";

const root = join(import.meta.dirname, "..");
/** Every wait of one level ends by then. */
const LEVEL_LIMIT_MS = 180_000;
/** Chat lines the commands cycle through (all answered from the bundled text disclosures). */
const LINES: Array<[string, string]> = [
  ["/budget", "承德 2023"],
  ["/budget", "承德 2023 三公"],
  ["/project", "社区"],
  ["/help", ""],
];

/** Real PDFs to ingest while the commands run: the shared corpus, else the bundled ones. */
function pdfsToIngest(): string[] {
  for (const dir of [join(root, "..", "shared", "corpus"), join(root, "data")]) {
    if (!existsSync(dir)) continue;
    const pdfs = readdirSync(dir)
      .filter((f) => f.endsWith(".pdf"))
      .sort()
      .map((f) => join(dir, f));
    if (pdfs.length > 0) return pdfs;
  }
  return [];
}

/** Peak resident set size of a process, sampled from /proc (0 where /proc is absent). */
function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** One level's outcome. */
interface LevelResult {
  concurrency: number;
  sent: number;
  acked: number;
  refused: number;
  ackP50Ms: number;
  ackP99Ms: number;
  answered: number;
  lost: number;
  duplicated: number;
  peakRssMb: number;
  exitCode: number | null;
  ingest: string;
}

async function runLevel(concurrency: number, dir: string, pdf: string | undefined): Promise<LevelResult> {
  const bot = await startSlackBotProcess({ dir });
  const deadline = Date.now() + LEVEL_LIMIT_MS;
  let peak = rssMb(bot.child.pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(bot.child.pid));
  }, 100);

  // The ingest beside it, into the same database.
  let ingest: ChildProcess | undefined;
  let ingestState = "none";
  let ingestDone: Promise<void> = Promise.resolve();
  if (pdf) {
    ingestState = "running";
    ingest = spawn(
      process.execPath,
      ["--import", "tsx", join(root, "src/cli/main.ts"), "ingest", pdf, "--db", join(dir, "budget.db")],
      { cwd: root, stdio: "ignore" },
    );
    ingestDone = new Promise((resolve) =>
      ingest?.once("exit", (code) => {
        ingestState = code === 0 ? "done" : `exit ${code}`;
        resolve();
      }),
    );
  }

  const total = Math.min(600, Math.max(30, 3 * concurrency));
  const ackMs: number[] = [];
  const acked = new Set<string>();
  let sent = 0;
  let refused = 0;
  let termSent = false;
  const worker = async () => {
    while (sent < total && Date.now() < deadline) {
      const n = sent++;
      const id = `c${concurrency}-${n}`;
      const [command, text] = LINES[n % LINES.length] ?? ["/help", ""];
      const t0 = performance.now();
      try {
        const res = await bot.slash(command, text, id);
        await res.arrayBuffer();
        if (res.status === 200) {
          acked.add(id);
          ackMs.push(performance.now() - t0);
        } else refused++;
      } catch {
        refused++; // the listener is closed: never acknowledged
      }
      if (!termSent && acked.size >= total / 2) {
        termSent = true;
        bot.child.kill("SIGTERM");
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (!termSent) bot.child.kill("SIGTERM");
  const exitCode = await Promise.race([
    bot.exited,
    sleep(Math.max(0, deadline - Date.now())).then(() => null),
  ]);
  clearInterval(sampler);

  const posts = new Map<string, number>();
  for (const r of bot.fake.responses) posts.set(r.id, (posts.get(r.id) ?? 0) + 1);
  const answered = [...acked].filter((id) => posts.has(id)).length;
  const duplicated = [...posts.values()].filter((n) => n > 1).length;
  await bot.close();
  await Promise.race([ingestDone, sleep(Math.max(1000, deadline - Date.now()))]);
  if (ingestState === "running") {
    ingest?.kill("SIGKILL");
    ingestState = "killed at the level's time limit";
  }
  const ack = summarize(ackMs);
  return {
    concurrency,
    sent: Math.min(sent, total),
    acked: acked.size,
    refused,
    ackP50Ms: Math.round(ack.p50),
    ackP99Ms: Math.round(ack.p99),
    answered,
    lost: acked.size - answered,
    duplicated,
    peakRssMb: peak,
    exitCode,
    ingest: pdf ? `${pdf.split("/").pop()}: ${ingestState}` : "none",
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { levels: { type: "string" } } });
  const levels = (values.levels ?? "1,10,50,200")
    .split(",")
    .map(Number)
    .filter((n) => n > 0);
  const dir = textDataDir();
  const pdfs = pdfsToIngest();
  const results: LevelResult[] = [];
  try {
    for (const [i, c] of levels.entries()) {
      const r = await runLevel(c, dir, pdfs[i % Math.max(1, pdfs.length)]);
      results.push(r);
      process.stdout.write(`${JSON.stringify(r)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const header =
    "| conc | sent | acked | refused | ack p50 ms | ack p99 ms | answered | lost | duplicated | peak RSS MB | exit | ingest |";
  const rows = results.map(
    (r) =>
      `| ${r.concurrency} | ${r.sent} | ${r.acked} | ${r.refused} | ${r.ackP50Ms} | ${r.ackP99Ms} | ${r.answered} | ${r.lost} | ${r.duplicated} | ${r.peakRssMb} | ${r.exitCode} | ${r.ingest} |`,
  );
  process.stdout.write(`\n${header}\n|${"---|".repeat(12)}\n${rows.join("\n")}\n`);
  const bad = results.filter((r) => r.lost > 0 || r.duplicated > 0 || r.exitCode !== 0);
  return bad.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`load failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
