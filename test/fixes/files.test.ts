/**
 * Issue 11, files: the same bytes under another file name are not a second document, and a copy
 * cut short does not take over the department's answers. Through the real `bot ingest` process.
 * (The document-model work moves document identity to the file's bytes; these tests hold either way.)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LARGE_FILE_BYTES, largeFileWarning } from "../../src/ingest/guard.js";

const ROOT = join(import.meta.dirname, "../..");
const SEED = join(ROOT, "data/000_30685518d77b763b.txt");
let dir: string;

function bot(args: string[]) {
  const { BUDGET_DB: _b, ...env } = process.env;
  const r = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: ROOT,
    env: { ...env, BUDGET_DB: join(dir, "budget.db"), LOG_LEVEL: "error" },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-files-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bot ingest", () => {
  it("stores the same bytes under another file name once, and a copy cut at 10 % not at all", {
    timeout: 90_000,
  }, () => {
    expect(bot(["ingest", SEED]).status).toBe(0);
    const before = bot(["ask", "/project 后勤保障"]).stdout;
    expect(before).toContain("项目搜索“后勤保障”：2 个结果");

    const copy = join(dir, "renamed.txt");
    copyFileSync(SEED, copy);
    const again = bot(["ingest", copy]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("未变化");
    expect(again.stdout).toContain("内容与已导入的 000_30685518d77b763b.txt 完全相同，未重复导入");
    expect(bot(["ask", "/project 后勤保障"]).stdout).toBe(before);

    const bytes = readFileSync(SEED);
    const cut = join(dir, "cut.txt");
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 10)));
    const r = bot(["ingest", cut]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("疑似不完整的副本");
    expect(r.stdout).toContain("未导入，数据库保持原样");
    expect(bot(["ask", "/project 后勤保障"]).stdout).toBe(before);
    expect(bot(["ask", "/budget 容东 2024 三公"]).stdout).toContain("公务接待费");
  });
});

describe("an implausibly large file", () => {
  it("gets a warning above 20 MB", () => {
    expect(largeFileWarning(LARGE_FILE_BYTES)).toBeNull();
    expect(largeFileWarning(50 * 1024 * 1024)).toBe(
      "文件有 50.0 MB，远大于一般的预算公开文件（通常不足 5 MB），请确认是否为单个单位的预算公开文件",
    );
  });
});
