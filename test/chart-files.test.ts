/**
 * The console and `bot ask` draw a reply's chart as a PNG into a folder and print its path
 * (issue 21): the file is a real PNG of the chart, written where asked, and the answer's table stays.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConsole } from "../src/adapters/console.js";
import askCli from "../src/cli/ask.js";
import { botCliIO } from "./helpers/cli-io.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
let bot: TestBot;
let dir: string;

beforeAll(async () => {
  bot = await startTestBot();
  dir = mkdtempSync(join(tmpdir(), "budget-charts-"));
}, 60_000);
afterAll(() => {
  bot?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The path printed after 图表已写入：, checked to be a PNG in `folder`. */
function writtenPng(text: string, folder: string): string {
  const path = /图表已写入：(.+\.png)/.exec(text)?.[1];
  expect(path, text).toBeDefined();
  expect(path?.startsWith(folder)).toBe(true);
  expect(readFileSync(path as string).subarray(0, 4)).toEqual(PNG_MAGIC);
  return path as string;
}

describe("a chart on a terminal", () => {
  it("the console writes the PNG of 容东 三公 图 into its chart folder and prints the path under the table", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (b) => (printed += String(b)));
    const folder = join(dir, "console");
    const done = runConsole({ dispatcher: bot.core.dispatcher, input, output, interactive: false, chartDir: folder });
    input.end("/budget 容东 2024 三公 图\n");
    await done;
    expect(printed).toContain("公务接待费");
    const path = writtenPng(printed, folder);
    expect(path).toMatch(/“?三公”?经费及其构成\.png$|三公_经费及其构成\.png$/);
  }, 60_000);

  it("bot ask writes the PNG into --out and prints its path; without a chart nothing is written", async () => {
    const folder = join(dir, "ask");
    const { io, out } = botCliIO(bot, {});
    expect(await askCli.run(["/budget 容东 2024 支出 图", "--out", folder], io)).toBe(0);
    writtenPng(out.join("\n"), folder);
    const plain = botCliIO(bot, {});
    const other = join(dir, "none");
    expect(await askCli.run(["/budget 容东 2024 三公", "--out", other], plain.io)).toBe(0);
    expect(plain.out.join("\n")).not.toContain("图表已写入");
    expect(existsSync(other)).toBe(false);
  }, 60_000);
});
