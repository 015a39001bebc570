import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCore } from "../src/app.js";
import { FORMAT_READERS } from "../src/ingest/formats/readers.js";
import { silentLogger } from "../src/lifecycle/log.js";
import { closeDb } from "../src/store/sqlite/db.js";
import { listDocuments } from "../src/store/sqlite/read/documents.js";
import { findProjects } from "../src/store/sqlite/read/projects.js";
import { openSqliteStore, sqliteStore } from "../src/store/sqlite/store.js";
import { askText } from "./helpers/ask-core.js";
import { runCliCaptured } from "./helpers/cli-io.js";
import { dumpFile } from "./helpers/db-dump.js";

const ROOT = process.cwd();
const SEED_000 = "000_30685518d77b763b.txt";
const SEED_004 = "004_98017a668a08a896.txt";
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-files-"));
  dbPath = join(dir, "db", "budget.db");
  mkdirSync(join(dir, "db"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function bot(args: string[]): Promise<{ code: number; out: string }> {
  const r = await runCliCaptured(args, {}, ROOT);
  return { code: r.code, out: r.all };
}

const dump = () => dumpFile(dbPath);

describe("bot ingest over folders of real files", () => {
  it("walks folders recursively, says what it read per file, and stores the same bytes under another name once", {
    timeout: 60_000,
  }, async () => {
    const docs = join(dir, "docs");
    mkdirSync(join(docs, "2024", "副本"), { recursive: true });
    copyFileSync(join(ROOT, "data", SEED_000), join(docs, "2024", SEED_000));
    copyFileSync(join(ROOT, "data", SEED_000), join(docs, "2024", "副本", "容东2024预算.txt"));
    copyFileSync(join(ROOT, "data", SEED_004), join(docs, SEED_004));
    writeFileSync(join(docs, ".DS_Store"), "x");
    writeFileSync(join(docs, `${SEED_004}.meta.json`), JSON.stringify({ year: 2023 }));

    const r = await bot(["ingest", docs, "--db", dbPath]);
    expect(r.code).toBe(0);
    // Sorted by path: docs/004…, docs/2024/000…, docs/2024/副本/….
    expect(r.out).toContain(`[1/3] ✓ ${SEED_004}  新增`);
    expect(r.out).toMatch(
      new RegExp(`\\[2/3\\] ✓ ${SEED_000}  新增  河北雄安新区容东管理委员会 2024 .*  文本`),
    );
    expect(r.out).toContain("[3/3] ✓ 容东2024预算.txt  未变化（与 000_30685518d77b763b.txt 相同）  文本");
    expect(r.out).toContain("共 3 个文件：新增 2，更新 0，未变化 1，失败 0");

    const db = openSqliteStore(dbPath).db;
    try {
      expect(
        listDocuments(db)
          .map((d) => d.file)
          .sort(),
      ).toEqual([SEED_000, SEED_004]);
      const named = findProjects(db, { name: "后勤保障" });
      expect(new Set(named.map((p) => p.file))).toEqual(new Set([SEED_000]));
      const text = await askText(
        createCore({ store: sqliteStore(db), log: silentLogger }),
        "/project 后勤保障",
      );
      expect(text).toContain("项目搜索“后勤保障”：2 个结果");
      expect(text.match(/13660024P00448510003Y/g)).toHaveLength(1);
    } finally {
      closeDb(db);
    }

    // The copy alone, in a later run, is still recognised as the stored document.
    const again = await bot(["ingest", join(docs, "2024", "副本", "容东2024预算.txt"), "--db", dbPath]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("未变化（与 000_30685518d77b763b.txt 相同）");
  });

  it("reports unsupported and unreadable files with the reason, exits 1 and leaves the database as it was", {
    timeout: 60_000,
  }, async () => {
    copyFileSync(join(ROOT, "data", SEED_004), join(dir, SEED_004));
    expect((await bot(["ingest", join(dir, SEED_004), "--db", dbPath])).code).toBe(0);
    const before = dump();

    const bad = join(dir, "bad");
    mkdirSync(bad);
    copyFileSync(join(ROOT, "test", "fixtures", "formats", "legacy.doc"), join(bad, "2023年部门预算.doc"));
    writeFileSync(join(bad, "预算表.xls"), OLE2);
    writeFileSync(
      join(bad, "图片.txt"),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    );
    writeFileSync(join(bad, "空白.pdf"), "");
    writeFileSync(join(bad, "信.txt"), "这是一封普通的信。\n祝好。\n");
    const r = await bot(["ingest", bad, "--db", dbPath]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ 2023年部门预算\.doc: .*另存为 \.docx 或 PDF 后再导入/);
    expect(r.out).toMatch(/✗ 预算表\.xls: .*已损坏或不是可读取的 Office 文件/);
    expect(r.out).toMatch(/✗ 图片\.txt: 不是可识别的预算公开文件（格式无法识别/);
    expect(r.out).toMatch(/✗ 空白\.pdf: .*文件为空/);
    expect(r.out).toMatch(/✗ 信\.txt: .*未找到预算表/);
    expect(r.out).toContain("失败 5");
    expect(dump()).toStrictEqual(before);
  });

  it("a scanned PDF (pages without text) gets the OCR message, exit 1, and nothing is stored", {
    timeout: 60_000,
  }, async () => {
    const saved = FORMAT_READERS.pdf;
    // A stand-in PDF reader that finds three pages and no text on them, like pdfjs on a scan.
    FORMAT_READERS.pdf = async () => ({
      format: "pdf",
      producer: "Scanner",
      parts: [1, 2, 3].map((n) => ({ label: `第${n}页`, blocks: [] })),
      warnings: [],
    });
    try {
      writeFileSync(join(dir, "扫描件.pdf"), "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n");
      const r = await bot(["ingest", join(dir, "扫描件.pdf"), "--db", dbPath]);
      expect(r.code).toBe(1);
      expect(r.out).toContain("需要先做文字识别（OCR）");
      expect(r.out).toContain("未导入，数据库保持原样");
      expect(existsSync(dbPath)).toBe(false);
    } finally {
      FORMAT_READERS.pdf = saved;
    }
  });
});

describe("a year published as two files", () => {
  it("stores the 表格 file and the 说明 file of one department-year, in either order", {
    timeout: 60_000,
  }, async () => {
    const lines = readFileSync(join(ROOT, "data", SEED_000), "utf8").split("\n");
    const at = lines.findIndex((l) => l.startsWith("第一部分"));
    writeFileSync(join(dir, "1-说明.txt"), lines.slice(at).join("\n"));
    writeFileSync(join(dir, "2-表格.txt"), lines.slice(0, at).join("\n"));
    const r = await bot(["ingest", join(dir, "1-说明.txt"), join(dir, "2-表格.txt"), "--db", dbPath]);
    expect(r.out).toContain("[1/2] ✓ 1-说明.txt  新增  河北雄安新区容东管理委员会 2024");
    expect(r.out).toContain("[2/2] ✓ 2-表格.txt  新增  河北雄安新区容东管理委员会 2024  表9");
    expect(r.code).toBe(0);
  });
});
