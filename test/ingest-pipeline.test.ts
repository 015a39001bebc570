/**
 * The one ingest pipeline (issue 24): every refusal comes back as a typed reason from a real-ish
 * input, a stored file says what a chat reply names, and the CLI's exit code comes from the reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODE_OF } from "../src/cli/ingest.js";
import { configurePdfReader } from "../src/ingest/formats/pdf/extract.js";
import { FORMAT_READERS } from "../src/ingest/formats/readers.js";
import { MAX_TEXT_INGEST_BYTES } from "../src/ingest/guard.js";
import { type IngestOutcome, ingest, type RefusalReason } from "../src/ingest/pipeline.js";
import { NO_TEXT_LAYER } from "../src/ingest/scan.js";
import type { Store } from "../src/store/ports.js";
import { openSqliteStore } from "../src/store/sqlite/store.js";
import { runCliCaptured } from "./helpers/cli-io.js";
import { buildPdf } from "./helpers/pdf-bytes.js";

const SEED_000 = "000_30685518d77b763b.txt";
const seedBytes = () => new Uint8Array(readFileSync(join("data", SEED_000)));
const text = (s: string) => new TextEncoder().encode(s);
const PDF_TEXT = { content: "BT /F1 12 Tf 72 720 Td (Budget 2024) Tj ET" };
/** A scanned page: one picture (an inline 2×2 grey image scaled over the page), no text. */
const PDF_SCAN = { content: "q 495 0 0 742 50 50 cm BI /W 2 /H 2 /CS /G /BPC 8 ID abcd EI Q" };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);

/** A store that must not be opened: the file is refused before the store step. */
const noStore = (): Store => {
  throw new Error("a refused file must not open the store");
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-pipeline-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(o: IngestOutcome): { reason: RefusalReason; message: string } {
  if (o.kind !== "refused") throw new Error(`expected a refusal, got ${o.kind}`);
  return { reason: o.reason, message: o.message };
}

describe("ingest(bytes, name, given, store): every refusal has its reason", () => {
  it("too-large: a text file above the limit, refused before it is read", async () => {
    const big = new Uint8Array(MAX_TEXT_INGEST_BYTES + 1).fill(0x61);
    const r = refusal(await ingest(big, "big.txt", {}, noStore));
    expect(r.reason).toBe("too-large");
    expect(r.message).toContain("超过此类文件的导入上限 3 MB");
  });

  it("empty: 0 bytes", async () => {
    const r = refusal(await ingest(new Uint8Array(), "empty.txt", {}, noStore));
    expect(r).toEqual({ reason: "empty", message: "不是可识别的预算公开文件（文件为空）" });
  });

  it("unsupported-format: an image", async () => {
    const r = refusal(await ingest(PNG, "图片.txt", {}, noStore));
    expect(r.reason).toBe("unsupported-format");
    expect(r.message).toMatch(/^不是可识别的预算公开文件（格式无法识别/);
  });

  it("encrypted: a PDF with a password", async () => {
    const r = refusal(await ingest(buildPdf([PDF_TEXT], { encrypted: true }), "secret.pdf", {}, noStore));
    expect(r).toEqual({
      reason: "encrypted",
      message: "secret.pdf：PDF已加密（需要密码），无法读取；请提供未加密的文件。",
    });
  });

  it("unreadable: a damaged PDF", async () => {
    const r = refusal(await ingest(text("%PDF-1.4\nnot really a pdf"), "broken.pdf", {}, noStore));
    expect(r).toEqual({ reason: "unreadable", message: "broken.pdf：PDF文件已损坏或格式无效，无法读取。" });
  });

  it("needs-ocr: a PDF of pictured pages without a text layer, with the pages an OCR source would read", async () => {
    const o = await ingest(buildPdf([PDF_SCAN, PDF_SCAN, PDF_SCAN]), "扫描件.pdf", {}, noStore);
    expect(o).toEqual({
      kind: "refused",
      file: "扫描件.pdf",
      reason: "needs-ocr",
      message: `${NO_TEXT_LAYER}；未导入，数据库保持原样`,
      parts: [1, 2, 3],
    });
  });

  it("cut-short: a text copy that ends inside a table", async () => {
    const lines = readFileSync(join("data", SEED_000), "utf8").split("\n");
    const r = refusal(await ingest(text(lines.slice(0, 300).join("\n")), "cut.txt", {}, noStore));
    expect(r.reason).toBe("cut-short");
    expect(r.message).toMatch(/^文件不完整：.*；未导入，数据库保持原样$/);
  });

  it("not-a-disclosure: a readable letter with no budget in it", async () => {
    const r = refusal(await ingest(text("这是一封普通的信。\n祝好。\n"), "letter.txt", {}, noStore));
    expect(r).toEqual({
      reason: "not-a-disclosure",
      message: "不是可识别的预算公开文件（未找到预算表、情况说明数字或绩效目标表）",
    });
  });

  it("reader-failed: a reader that breaks is reported, not thrown", async () => {
    const saved = FORMAT_READERS.text;
    FORMAT_READERS.text = async () => {
      throw new Error("boom");
    };
    try {
      const r = refusal(await ingest(text("2024年部门预算"), "a.txt", {}, noStore));
      expect(r).toEqual({ reason: "reader-failed", message: "解析失败（boom）" });
    } finally {
      FORMAT_READERS.text = saved;
    }
  });

  it("timeout: a PDF not read within its deadline", async () => {
    // The deadline runs out at once (an injected timer), before the worker can answer.
    configurePdfReader({
      deadlineMs: 5,
      idleMs: 60_000,
      timers: {
        set: (fn, ms) => {
          if (ms === 5) queueMicrotask(fn);
          return null;
        },
        clear: () => {},
      },
    });
    try {
      const r = refusal(await ingest(buildPdf([PDF_TEXT]), "slow.pdf", {}, noStore));
      expect(r.reason).toBe("timeout");
      expect(r.message).toContain("slow.pdf：读取PDF超时");
    } finally {
      configurePdfReader({});
    }
  });
});

describe("ingest into a store", () => {
  it("stored: names the department, year, basis, counts and warnings with their places", async () => {
    const db = openSqliteStore(join(dir, "stored.db"));
    try {
      const o = await ingest(seedBytes(), SEED_000, {}, db);
      if (o.kind !== "stored") throw new Error(o.kind);
      expect(o).toMatchObject({
        status: "added",
        format: "文本",
        department: o.disclosure.department.name,
        year: 2024,
        basis: "budget",
        counts: { tables: 9, projects: o.disclosure.projects.length },
      });
      expect(o.department).toContain("容东");
      expect(o.warnings).toHaveLength(o.disclosure.warnings.length);
      for (const w of o.warnings) if (w.place !== null) expect(w.place).toMatch(/^第\d+行$/);

      const again = await ingest(seedBytes(), "副本.txt", {}, db);
      expect(again).toMatchObject({ kind: "duplicate", sameAs: SEED_000 });

      // incomplete-copy: the first tenth of the stored file under another name.
      const bytes = seedBytes();
      const cut = refusal(await ingest(bytes.subarray(0, Math.floor(bytes.length / 10)), "cut.txt", {}, db));
      expect(cut.reason).toBe("incomplete-copy");
      expect(cut.message).toMatch(/^疑似不完整的副本：与已导入的 000_30685518d77b763b\.txt/);
      expect((await db.disclosures.documents()).map((d) => d.file)).toEqual([SEED_000]);
    } finally {
      await db.close();
    }
  });

  it("store-failed: a store that cannot be written leaves the outcome typed, not thrown", async () => {
    const db = openSqliteStore(join(dir, "closed.db"));
    await db.close();
    const r = refusal(await ingest(seedBytes(), SEED_000, {}, db));
    expect(r.reason).toBe("store-failed");
    expect(r.message).toMatch(/^写入数据库失败，未做任何更改（/);
  });
});

describe("bot ingest", () => {
  it("takes its exit code from the refusal's reason, not from the message", async () => {
    const file = join(dir, "letter.txt");
    writeFileSync(file, "这是一封普通的信。\n祝好。\n");
    const dbPath = join(dir, "cli.db");
    const saved = EXIT_CODE_OF["not-a-disclosure"];
    try {
      expect((await runCliCaptured(["ingest", file, "--db", dbPath])).code).toBe(saved);
      EXIT_CODE_OF["not-a-disclosure"] = 3;
      const r = await runCliCaptured(["ingest", file, "--db", dbPath]);
      expect(r.code).toBe(3);
      expect(r.out).toContain(
        "✗ letter.txt: 不是可识别的预算公开文件（未找到预算表、情况说明数字或绩效目标表）",
      );
    } finally {
      EXIT_CODE_OF["not-a-disclosure"] = saved;
    }
  });
});
