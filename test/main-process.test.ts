/**
 * `npm start`'s composition root as a real process: config from the environment, the bundled
 * corpus ingested on first start, the Telegram adapter against a fake Bot API on 127.0.0.1,
 * and a clean shutdown on SIGTERM. Also the console adapter reading commands from stdin.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_APP_ID, FAKE_APP_SECRET, messageEvent, startFakeFeishuApi } from "./fakes/feishu-api.js";
import { waitUntil } from "./fakes/http.js";
import { startFakeTelegramApi } from "./fakes/telegram-api.js";
import { commandUpdate } from "./fakes/telegram-harness.js";

const root = join(import.meta.dirname, "..");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-main-"));
  const data = join(dir, "data");
  cpSync(join(root, "data"), data, {
    recursive: true,
    filter: (src) => !/\.db/.test(src),
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(SLACK_|TELEGRAM_|FEISHU_|BUDGET_|ADMIN_|ALLOWED_)/.test(k),
    ),
  );
  return { ...clean, BUDGET_DATA_DIR: join(dir, "data"), LOG_LEVEL: "error", ...extra };
}

const tsx = join(root, "node_modules", ".bin", "tsx");

describe("npm start", () => {
  it("answers commands from standard input with the console adapter on the bundled corpus", {
    timeout: 90_000,
  }, () => {
    const r = spawnSync(tsx, [join(root, "src/main.ts")], {
      cwd: root,
      input: "/budget 容东 2024 三公\n容东 2024\n",
      env: env({ BUDGET_DB: join(dir, "console.db") }),
      encoding: "utf8",
      timeout: 80_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("公务接待费");
    expect(r.stdout).toContain("19,243.37");
    expect(r.stderr).toContain("[7/7]");
  });

  // BUDGET_PDF_DEADLINE_MS (used by the first-start ingest of PDFs) is checked with the rest.
  it.each([
    ["PORT", "abc", "配置有误：PORT"],
    ["BUDGET_PDF_DEADLINE_MS", "3分钟", "配置有误：BUDGET_PDF_DEADLINE_MS=3分钟 无效"],
  ])(
    "gives one clear line and exit code 2 for a malformed variable (%s)",
    { timeout: 60_000 },
    (name, value, line) => {
      const r = spawnSync(tsx, [join(root, "src/main.ts")], {
        cwd: root,
        input: "",
        env: env({ BUDGET_DB: join(dir, `bad-${name}.db`), [name]: value }),
        encoding: "utf8",
        timeout: 50_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(line);
      expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    },
  );

  it("starts the Telegram adapter when TELEGRAM_BOT_TOKEN is set, answers, and exits 0 on SIGTERM", {
    timeout: 90_000,
  }, async () => {
    const fake = await startFakeTelegramApi();
    let child: ChildProcess | undefined;
    try {
      child = spawn(tsx, [join(root, "src/main.ts")], {
        cwd: root,
        env: env({
          BUDGET_DB: join(dir, "tg.db"),
          TELEGRAM_BOT_TOKEN: fake.token,
          TELEGRAM_API_ROOT: fake.apiRoot,
        }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      await fake.waitForCall("setMyCommands");
      fake.pushUpdate(commandUpdate("/budget 容东 2024 三公"));
      const sent = await fake.waitForCall("sendMessage");
      expect(String(sent.payload.text)).toContain("公务接待费");
      const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child?.kill("SIGKILL");
      await fake.close();
    }
    expect(readdirSync(dir).some((f) => f === "tg.db")).toBe(true);
  });

  it("starts Telegram and Feishu together in one process, logs which, and both answer", {
    timeout: 90_000,
  }, async () => {
    const tg = await startFakeTelegramApi();
    const feishu = await startFakeFeishuApi();
    let child: ChildProcess | undefined;
    let stderr = "";
    try {
      child = spawn(tsx, [join(root, "src/main.ts")], {
        cwd: root,
        env: env({
          BUDGET_DB: join(dir, "mix.db"),
          LOG_LEVEL: "info",
          PORT: "0",
          TELEGRAM_BOT_TOKEN: tg.token,
          TELEGRAM_API_ROOT: tg.apiRoot,
          FEISHU_APP_ID: FAKE_APP_ID,
          FEISHU_APP_SECRET: FAKE_APP_SECRET,
          FEISHU_DOMAIN: feishu.domain,
        }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stderr?.on("data", (d: Buffer) => {
        stderr += d.toString("utf8");
      });
      await waitUntil(
        () => (stderr.includes('"msg":"platforms started"') ? true : undefined),
        "the start line",
        60_000,
      );
      await feishu.waitForConnection();
      const started = stderr.split("\n").find((l) => l.includes('"msg":"platforms started"')) ?? "";
      expect(JSON.parse(started).adapters).toEqual(["telegram-polling", "feishu-ws"]);

      tg.pushUpdate(commandUpdate("/budget 容东 2024 三公"));
      expect(String((await tg.waitForCall("sendMessage")).payload.text)).toContain("公务接待费");
      await feishu.pushEvent(messageEvent({ text: "/budget 容东 2024 三公", messageId: "om_main" }));
      const card = await feishu.waitForDelivered((m) => m.target === "om_main", "the Feishu answer");
      expect(JSON.stringify(card.content)).toContain("公务接待费");

      const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child?.kill("SIGKILL");
      await tg.close();
      await feishu.close();
    }
  });
});
