/**
 * Issue 11, internals reaching users: JavaScript property names looked up as data, English
 * validator text (command arguments and configuration), long input echoed whole.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_LINE_CHARS } from "../../src/commands/dispatch.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { runCliCaptured } from "../helpers/cli-io.js";
import { startTestBot, type TestBot } from "../helpers/test-bot.js";

const ROOT = join(import.meta.dirname, "../..");
const PROPERTY_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "prototype",
  "__defineGetter__",
  "isPrototypeOf",
];
/** What no reply may contain: JavaScript or validator internals. */
const INTERNALS =
  /function|\[native code\]|undefined|NaN|\[object |Invalid input|expected|Too small|Too big|received/;

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
});
afterAll(() => bot.close());

describe("words that are JavaScript property names", () => {
  const lines = PROPERTY_NAMES.flatMap((w) => [
    `/budget 容东 ${w}`,
    `/budget ${w}`,
    `/budget 容东 2024 ${w}`,
    `/project ${w}`,
    `/project 后勤 ${w}`,
    `/check ${w}`,
    `/check 容东 ${w}`,
    `/help ${w}`,
    `/unsubscribe ${w}`,
    `/subscribe 容东 每周${w}`,
    `/${w}`,
    w,
  ]);
  it("are never answered with object internals, on any command", async () => {
    for (const line of lines) {
      const text = await bot.askText(line);
      expect(text, line).not.toMatch(INTERNALS);
      expect(text, line).not.toMatch(/\d{4}function|Object\(\)/);
    }
  });

  it("name no relative year: /budget 容东 constructor asks about a subject, not the year 2026function", async () => {
    const r = await bot.ask("/budget 容东 constructor");
    // The word matched nothing: it is named in the text, never in the heading (issue 19).
    expect(r.heading).toBe("河北雄安新区容东管理委员会 2024年 科目查询（万元）");
    expect(r.text?.[0]).toContain("“constructor”");
  });

  it("are no CLI subcommand", async () => {
    for (const w of PROPERTY_NAMES) {
      const { code, err } = await runCliCaptured([w], {}, ROOT);
      expect(code).toBe(2);
      expect(err).toContain(`未知子命令：${w}`);
    }
  });
});

describe("validator messages", () => {
  it("say in Chinese what to type for command arguments", async () => {
    const r = await bot.ask("/project #0");
    expect(r.kind).toBe("error");
    expect(r.heading).toBe("参数有误：编号应为正整数（从 1 开始）");
    expect(await bot.askText("/project #0")).not.toMatch(INTERNALS);
  });

  it("say in Chinese, per variable, what a bad configuration value should be", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: "abc" }, /^配置有误：PORT=abc 无效：应为数字（整数），例如 PORT=3000$/],
      [{ PORT: "70000" }, /PORT=70000 无效：应不大于 65535/],
      [{ LOG_LEVEL: "loud" }, /LOG_LEVEL=loud 无效：应为以下之一：debug、info、warn、error/],
      [{ SLACK_API_URL: "slack" }, /SLACK_API_URL=slack 无效：必须是完整的 URL/],
      [{ DIGEST_DEFAULT_SCHEDULE: "bogus" }, /DIGEST_DEFAULT_SCHEDULE=bogus 无效：应为 5 段/],
      [{ DIGEST_DEFAULT_SCHEDULE: "0 25 * * 1" }, /DIGEST_DEFAULT_SCHEDULE=0 25 \* \* 1 无效/],
      [{ DIGEST_TIMEZONE: "Mars/Base" }, /DIGEST_TIMEZONE=Mars\/Base 无效：不是已知的时区名/],
      [
        { BUDGET_DB: "/nonexistent/dir/x.db" },
        /BUDGET_DB=\/nonexistent\/dir\/x.db 无效：文件夹 \/nonexistent\/dir 不存在/,
      ],
    ];
    for (const [env, message] of cases) {
      let caught: unknown;
      try {
        loadConfig(env);
      } catch (err) {
        caught = err;
      }
      expect(caught, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toMatch(INTERNALS);
    }
    expect(() => loadConfig({})).not.toThrow();
  });

  it("stop npm start with one Chinese line and exit code 2", { timeout: 60_000 }, () => {
    for (const bad of [
      { DIGEST_DEFAULT_SCHEDULE: "bogus" },
      { DIGEST_TIMEZONE: "Mars/Base" },
      { BUDGET_DB: "/nonexistent/dir/x.db" },
    ]) {
      const { BUDGET_DB: _b, ...env } = process.env;
      const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/main.ts")], {
        cwd: ROOT,
        input: "",
        env: { ...env, ...bad },
        encoding: "utf8",
      });
      expect(r.status, JSON.stringify(bad)).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^配置有误：/);
    }
  });

  it("refuse a malformed --url for the Slack manifest (exit 2)", async () => {
    const bad = await runCliCaptured(["manifest", "slack", "--url", "notaurl"], {}, ROOT);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--url 应为完整的网址");
    expect(
      (await runCliCaptured(["manifest", "slack", "--url", "https://bot.example.com/slack/events"], {}, ROOT))
        .code,
    ).toBe(0);
  });
});

describe("CLI flags", () => {
  it("that are unknown or malformed are named in Chinese, without Node's English message", async () => {
    for (const args of [
      ["check", "--foo"],
      ["ask", "--db"],
      ["check", "--json=1"],
    ]) {
      const { code, err } = await runCliCaptured(args, {}, ROOT);
      expect(code, args.join(" ")).toBe(2);
      expect(err, args.join(" ")).toMatch(/参数/);
      expect(err, args.join(" ")).not.toMatch(/Unknown|option|positional|argument/i);
    }
  });
});

describe("long input", () => {
  it("is never echoed whole: a 10 000-character line gets a short Chinese reply", async () => {
    for (const line of [
      `/budget ${"容".repeat(10_000)}`,
      `/project ${"后勤".repeat(5000)}`,
      "x".repeat(10_000),
    ]) {
      const text = await bot.askText(line);
      expect(text.length).toBeLessThan(400);
      expect(text).toContain("输入太长");
    }
  });

  it("is clipped where a shorter line is echoed", async () => {
    const word = "科".repeat(MAX_LINE_CHARS - 20);
    const text = await bot.askText(`/budget 容东 2024 ${word}`);
    expect(text).not.toContain(word);
    expect(text.length).toBeLessThan(600);
  });
});
