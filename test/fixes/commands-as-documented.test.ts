/**
 * Issue 11, commands that did not work as documented: `bot check` by name, folder and with no
 * argument; a line without a slash is a /budget query on every surface (one rule, routeLine);
 * `… 导出` on a terminal writes the CSV file and prints its path.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { runConsole } from "../../src/adapters/console.js";
import { routeLine } from "../../src/commands/parse-line.js";
import { startTestBot, type TestBot } from "../helpers/test-bot.js";

const ROOT = join(import.meta.dirname, "../..");
const words = commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
let dir: string;
let bot: TestBot;

/** Run the real CLI as a child process on the test bot's database, from folder `cwd`. */
function cli(args: string[], cwd = ROOT) {
  const { BUDGET_DB: _b, INIT_CWD: _i, ...env } = process.env;
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), ...args], {
    cwd,
    env: { ...env, BUDGET_DB: join(bot.dir, "budget.db"), LOG_LEVEL: "error" },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
  dir = mkdtempSync(join(tmpdir(), "budget-fixes-"));
});
afterAll(() => {
  bot.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("bot check", () => {
  it("checks a department named as in the README, as text and as JSON", { timeout: 60_000 }, () => {
    const text = cli(["check", "容东"]);
    expect(text.stderr).not.toContain("出错");
    expect(text.stdout).toContain("河北雄安新区容东管理委员会 2024年 自查发现");
    expect(text.status).toBe(1);
    const json = cli(["check", "容东", "--json"]);
    const parsed = JSON.parse(json.stdout) as Array<{ department: string; findings: unknown[] }>;
    expect(parsed.map((p) => p.department)).toEqual(["河北雄安新区容东管理委员会"]);
    expect(parsed[0]?.findings.length).toBeGreaterThan(0);
  });

  it("checks every stored document when given nothing, and every file of a folder", {
    timeout: 60_000,
  }, () => {
    const all = cli(["check", "--json"]);
    expect(all.stderr).toBe("");
    expect((JSON.parse(all.stdout) as unknown[]).length).toBe(5);
    const folder = cli(["check", "data", "--json"]);
    expect(folder.stderr).toBe("");
    const files = (JSON.parse(folder.stdout) as Array<{ file: string }>).map((r) => r.file);
    expect(files).toEqual([
      "000_30685518d77b763b.txt",
      "001_7e3a21f0cdce2af5.txt",
      "002_4b6394e1ed3c65b9.txt",
      "003_1e76a5b84cb554b9.txt",
      "004_98017a668a08a896.txt",
      "上海市普陀区万里街道办事处2024年部门预算.pdf",
      "江苏省政协办公厅2019年预算公开表.pdf",
    ]);
  });
});

describe("a line without a slash", () => {
  it("is a /budget query in the dispatcher, the same answer as with the slash", async () => {
    const bare = await bot.askText("容东 2024 三公");
    expect(bare).toBe(await bot.askText("/budget 容东 2024 三公"));
    expect(bare).toContain("公务接待费");
  });

  it("runs the command its first word names, and lines for another bot are ignored", async () => {
    expect((await bot.ask("help")).kind).toBe("help");
    expect(routeLine("项目 后勤保障", words)).toEqual({ kind: "command", name: "项目", rest: "后勤保障" });
    const inGroup = (text: string) =>
      bot.core.dispatcher.dispatch({
        text,
        platform: "telegram",
        userId: "1",
        chatId: "1",
        botName: "budget_bot",
      });
    expect((await inGroup("/budget@other_bot 容东")).kind).toBe("ignored");
    expect(routeLine("/budget@other_bot 容东", words, ["budget_bot"])).toEqual({ kind: "elsewhere" });
    expect(routeLine("/budget@Budget_Bot 容东", words, ["budget_bot"])).toMatchObject({
      name: "budget",
      rest: "容东",
    });
    // Where the bot has no name (console, CLI, Slack) the suffix is dropped.
    expect(routeLine("/budget@x 容东", words)).toMatchObject({ name: "budget", rest: "容东" });
  });

  it("is a /budget query for bot ask", { timeout: 60_000 }, () => {
    const r = cli(["ask", "容东 2024 三公"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("“三公”经费");
  });
});

describe("导出 on a terminal", () => {
  it("writes the CSV into the current folder for bot ask and prints its path", { timeout: 60_000 }, () => {
    const r = cli(["ask", "容东 2024 三公 导出"], dir);
    const path = join(dir, "河北雄安新区容东管理委员会-2024年预算-三公.csv");
    expect(r.stdout).toContain(`已写入文件：${path}`);
    expect(readFileSync(path, "utf8")).toContain("公务接待费");
    const out = join(dir, "named.csv");
    cli(["ask", "/project 后勤保障 导出", "--out", out], dir);
    expect(readFileSync(out, "utf8")).toContain("项目");
  });

  it("writes the CSV into the console's folder", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (c) => {
      text += String(c);
    });
    const sub = mkdtempSync(join(dir, "console-"));
    const done = runConsole({
      dispatcher: bot.core.dispatcher,
      input,
      output,
      interactive: false,
      saveDir: sub,
    });
    input.end("容东 2024 三公 导出\n");
    await done;
    expect(text).toContain(`已写入文件：${join(sub, "河北雄安新区容东管理委员会-2024年预算-三公.csv")}`);
    expect(existsSync(join(sub, "河北雄安新区容东管理委员会-2024年预算-三公.csv"))).toBe(true);
  });
});
