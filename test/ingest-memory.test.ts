/**
 * Issue 11: ingest memory is bounded. A large text disclosure (the seed's project tables repeated
 * with distinct names, just under the size limit) is ingested by the real `bot ingest` in a child
 * process whose peak resident set size must stay under 400 MB; a file above the limit is refused
 * with a Chinese message, exit status 1 and nothing stored.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { largeTextDisclosure } from "../bench/large-text.js";
import { MAX_TEXT_INGEST_BYTES } from "../src/ingest/guard.js";

const ROOT = join(import.meta.dirname, "..");
const LIMIT_KB = 400 * 1024;
let dir: string;

/** Run `bot ingest FILE` in a child node process; returns its status, output and peak RSS in KB. */
function ingest(file: string, db: string) {
  const { BUDGET_DB: _b, ...env } = process.env;
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      join(ROOT, "test/helpers/report-max-rss.mjs"),
      join(ROOT, "src/cli/main.ts"),
      "ingest",
      file,
      "--db",
      db,
    ],
    { cwd: ROOT, env: { ...env, LOG_LEVEL: "error" }, encoding: "utf8" },
  );
  const kb = Number(/MAX_RSS_KB (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, maxRssKb: kb };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-memory-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ingest memory", () => {
  it("stays under 400 MB for a text disclosure just under the size limit", { timeout: 60_000 }, () => {
    const text = largeTextDisclosure(MAX_TEXT_INGEST_BYTES - 64 * 1024);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_TEXT_INGEST_BYTES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_TEXT_INGEST_BYTES * 0.9);
    const file = join(dir, "large.txt");
    writeFileSync(file, text);
    const r = ingest(file, join(dir, "large.db"));
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    // Every repeated project table was read, so the whole file went through the pipeline.
    const projects = Number(/项目(\d+)/.exec(r.stdout)?.[1] ?? 0);
    expect(projects).toBeGreaterThan(1000);
    expect(r.maxRssKb).toBeGreaterThan(0);
    expect(r.maxRssKb).toBeLessThan(LIMIT_KB);
  });

  it("refuses a file above the limit in Chinese, exits 1 and stores nothing", { timeout: 30_000 }, () => {
    const file = join(dir, "huge.txt");
    writeFileSync(file, largeTextDisclosure(MAX_TEXT_INGEST_BYTES + 1024 * 1024));
    const db = join(dir, "huge.db");
    const r = ingest(file, db);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("超过此类文件的导入上限 3 MB");
    expect(r.stdout).toContain("未导入，数据库保持原样");
    expect(existsSync(db)).toBe(false);
    expect(r.maxRssKb).toBeLessThan(LIMIT_KB);
  });
});

describe("size limits by what a file is", () => {
  it("allows a PDF or Office file of tens of MB (fonts and images) but not a text file of that size", async () => {
    const { tooLargeMessage, MAX_CONTAINER_INGEST_BYTES } = await import("../src/ingest/guard.js");
    const pdfHead = new TextEncoder().encode("%PDF-1.7");
    const zipHead = new Uint8Array([0x50, 0x4b, 3, 4]);
    const textHead = new TextEncoder().encode("部门");
    expect(tooLargeMessage(20 * 1024 * 1024, pdfHead)).toBeNull();
    expect(tooLargeMessage(20 * 1024 * 1024, zipHead)).toBeNull();
    expect(tooLargeMessage(20 * 1024 * 1024, textHead)).toMatch(/超过此类文件的导入上限 3 MB/);
    expect(tooLargeMessage(MAX_CONTAINER_INGEST_BYTES + 1, pdfHead)).toMatch(/导入上限 50 MB/);
  });
});
