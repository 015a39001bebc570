import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PdfExtractor, type ReaderTimers } from "../src/ingest/formats/pdf/extract.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { buildPdf } from "./helpers/pdf-bytes.js";

/** Timers that run only when the test says so: the idle time or a deadline "passes" on `fire`. */
class ManualTimers implements ReaderTimers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Run the one pending timer of `ms` milliseconds now. */
  fire(ms: number): void {
    const found = [...this.pending].filter(([, t]) => t.ms === ms);
    expect(found).toHaveLength(1);
    const [id, t] = found[0] as [number, { fn: () => void; ms: number }];
    this.pending.delete(id);
    t.fn();
  }
}

const IDLE = 1_000;
const DEADLINE = 60_000;
const tiny = (text: string) => buildPdf([{ content: `BT /F1 12 Tf 72 700 Td (${text}) Tj ET` }]);
const realPdf = (name: string) => new Uint8Array(readFileSync(join(CORPUS_DIR, name)));
const SMALL = "江苏省人大常委会办公厅2019年部门预算公开表.pdf";
const LARGE = "上海市普陀区万里街道办事处2024年部门预算.pdf";

let reader: PdfExtractor | null = null;
afterEach(async () => {
  await reader?.close();
  reader = null;
});

describe("the PDF worker's lifecycle", () => {
  it("a PDF asked for just as the idle time ends the old worker reads fine in a new one", async () => {
    const timers = new ManualTimers();
    reader = new PdfExtractor({ idleMs: IDLE, deadlineMs: DEADLINE, timers });
    const first = await reader.extract(tiny("first"), "first.pdf");
    expect(first.pages).toHaveLength(1);
    // More than the idle time passes between two PDFs: the old worker is being terminated when
    // the next one arrives, and its exit comes after the next one is handed to a new worker.
    timers.fire(IDLE);
    const second = await reader.extract(realPdf(SMALL), SMALL);
    expect(second.pages.length).toBeGreaterThan(1);
    expect(second.pages[0]?.items.length).toBeGreaterThan(0);
    // The reader still works afterwards, and its worker can be ended: nothing is left referenced.
    expect((await reader.extract(tiny("third"), "third.pdf")).pages).toHaveLength(1);
    await reader.close();
    expect(reader.running).toBe(false);
  });

  it("a document past its deadline is reported by name, and the documents after it still read", async () => {
    const timers = new ManualTimers();
    reader = new PdfExtractor({ idleMs: IDLE, deadlineMs: DEADLINE, timers });
    const slow = reader.extract(realPdf(LARGE), LARGE);
    const queued = reader.extract(tiny("queued"), "queued.pdf");
    // The deadline of the first document runs out while its worker is still on it.
    timers.fire(DEADLINE);
    await expect(slow).rejects.toThrow(`${LARGE}：读取PDF超时`);
    // Ending that worker on purpose fails nothing else: the queued document reads in a new worker.
    expect((await queued).pages).toHaveLength(1);
    expect((await reader.extract(realPdf(SMALL), SMALL)).pages.length).toBeGreaterThan(1);
  });
});

describe("bot ingest on a folder of PDFs", () => {
  it("prints its summary and exits even when the idle time runs out between two PDFs", {
    timeout: 180_000,
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), "budget-pdf-worker-"));
    try {
      const folder = join(dir, "pdfs");
      mkdirSync(folder);
      for (const f of [SMALL, "上海市普陀区社会福利院2024年单位预算.pdf"])
        copyFileSync(join(CORPUS_DIR, f), join(folder, f));
      const { BUDGET_DB: _ignored, ...env } = process.env;
      // Idle time 0: the worker is ended between every two PDFs, the race of a busy machine.
      const r = spawnSync(
        process.execPath,
        ["--import", "tsx", "src/cli/main.ts", "ingest", folder, "--db", join(dir, "b.db")],
        { cwd: process.cwd(), env: { ...env, BUDGET_PDF_IDLE_MS: "0" }, encoding: "utf8", timeout: 120_000 },
      );
      expect(r.signal).toBeNull();
      expect(r.stdout).not.toContain("未能读完");
      expect(r.stdout).toContain("共 2 个文件：新增 2");
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
