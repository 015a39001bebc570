/**
 * `npm start` as a real child process with Slack in HTTP mode against the fake Slack Web API on
 * 127.0.0.1: the shared server on an ephemeral port (read from the start-up log), signed slash
 * commands whose response_url is the fake's. Used by the process-level reliability tests and
 * by the load script (bench/load.ts). The child is node itself (no tsx wrapper in between), so a
 * signal reaches the bot and nothing outlives it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitUntil } from "./http.js";
import { formBody, signSlackRequest } from "./sign.js";
import { type FakeSlackApi, startFakeSlackApi } from "./slack-api.js";

const root = join(import.meta.dirname, "..", "..");
/** The signing secret the child is started with. */
export const BOT_SIGNING_SECRET = "process-signing-secret";

/** A running bot process and its fake Slack. */
export interface SlackBotProcess {
  fake: FakeSlackApi;
  child: ChildProcess;
  /** Its folder (database, data). */
  dir: string;
  /** The shared server's port. */
  port: number;
  /** Everything the child wrote to stderr so far (JSON log lines). */
  stderr(): string;
  /** Resolves with the exit code once the child exited. */
  exited: Promise<number | null>;
  /** True once the child exited. */
  readonly gone: boolean;
  /** Send any request to /slack/events. */
  request(init: RequestInit & { path?: string }): Promise<Response>;
  /** POST a body signed with the bot's secret. */
  signed(body: string, contentType: string): Promise<Response>;
  /** POST a signed slash command whose answer goes to the fake's response_url `/response/<id>`. */
  slash(command: string, text: string, id: string): Promise<Response>;
  /** Wait (bounded) for a log line containing `text`. */
  waitForLog(text: string, limitMs?: number): Promise<string>;
  /** SIGKILL the child if alive, close the fake. */
  close(): Promise<void>;
}

/** A folder with the bundled text disclosures only (a first start ingests them in seconds). */
export function textDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "budget-proc-"));
  cpSync(join(root, "data"), join(dir, "data"), {
    recursive: true,
    filter: (src) => !/\.(db|pdf|xlsx?|docx?)$/i.test(src),
  });
  return dir;
}

/** Start the bot in `dir` (textDataDir() when absent) with Slack over HTTP. */
export async function startSlackBotProcess(
  opts: { dir?: string; env?: Record<string, string> } = {},
): Promise<SlackBotProcess> {
  const dir = opts.dir ?? textDataDir();
  const fake = await startFakeSlackApi();
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(SLACK_|TELEGRAM_|FEISHU_|DINGTALK_|WECOM_|BUDGET_|ADMIN_|ALLOWED_|PORT$)/.test(k),
    ),
  );
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "src/main.ts")], {
    cwd: root,
    env: {
      ...clean,
      BUDGET_DATA_DIR: join(dir, "data"),
      BUDGET_DB: join(dir, "budget.db"),
      LOG_LEVEL: "info",
      PORT: "0",
      SLACK_BOT_TOKEN: "xoxb-process",
      SLACK_SIGNING_SECRET: BOT_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString("utf8");
  });
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      gone = true;
      resolve(code);
    }),
  );
  const waitForLog = (text: string, limitMs = 60_000) =>
    waitUntil(
      () => {
        if (gone) throw new Error(`the bot exited before logging ${text}:\n${stderr.slice(-2000)}`);
        return stderr.split("\n").find((l) => l.includes(text));
      },
      text,
      limitMs,
    );
  let port = 0;
  try {
    const line = await waitForLog('"msg":"http server listening"', 120_000);
    port = (JSON.parse(line) as { port: number }).port;
    await waitForLog('"msg":"platforms started"');
  } catch (err) {
    child.kill("SIGKILL");
    await fake.close();
    throw err;
  }
  const url = (path = "/slack/events") => `http://127.0.0.1:${port}${path}`;
  const signed = (body: string, contentType: string) =>
    fetch(url(), {
      method: "POST",
      headers: { "content-type": contentType, ...signSlackRequest(BOT_SIGNING_SECRET, body) },
      body,
    });
  return {
    fake,
    child,
    dir,
    port,
    stderr: () => stderr,
    exited,
    get gone() {
      return gone;
    },
    request: ({ path, ...init }) => fetch(url(path), init),
    signed,
    slash: (command, text, id) =>
      signed(
        formBody({
          team_id: "T1",
          channel_id: "C1",
          user_id: "U1",
          command,
          text,
          response_url: fake.responseUrl(id),
          trigger_id: `trig-${id}`,
          api_app_id: "A1",
        }),
        "application/x-www-form-urlencoded",
      ),
    waitForLog,
    close: async () => {
      if (!gone) child.kill("SIGKILL");
      await exited;
      await fake.close();
    },
  };
}
