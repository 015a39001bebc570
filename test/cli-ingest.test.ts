import { spawnSync } from "node:child_process";
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
import { expandInputs } from "../src/cli/ingest.js";
import { closeDb, openDb } from "../src/store/sqlite/db.js";
import { getDocumentByFile, listDocuments } from "../src/store/sqlite/read/documents.js";
import { getProject } from "../src/store/sqlite/read/project-detail.js";
import { findProjects } from "../src/store/sqlite/read/projects.js";
import { saveDisclosure } from "../src/store/sqlite/write.js";
import { sampleDisclosure } from "./fixtures/sample-disclosure.js";
import { runCliCaptured } from "./helpers/cli-io.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { dumpFile } from "./helpers/db-dump.js";

const ROOT = process.cwd();
const SEED_002 = "002_4b6394e1ed3c65b9.txt";
const SEED_004 = "004_98017a668a08a896.txt";

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-cli-"));
  dbPath = join(dir, "budget.db");
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Run the real CLI as a child process, without BUDGET_DB from the outer environment. */
function bot(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const { BUDGET_DB: _ignored, ...rest } = process.env;
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: ROOT,
    env: { ...rest, ...env },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run the CLI in-process, capturing its output. */
const botInProcess = (args: string[], env: Record<string, string> = {}) => runCliCaptured(args, env, ROOT);

/** A database holding the hand-built sample, and its full dump. */
function seededDb(): Record<string, unknown[]> {
  const db = openDb(dbPath);
  try {
    saveDisclosure(db, sampleDisclosure());
  } finally {
    closeDb(db);
  }
  return dumpFile(dbPath);
}

describe("bot ingest on files that are not disclosures", () => {
  it("an empty file gets a clear message, exit code 1 and no change to the database", {
    timeout: 60_000,
  }, () => {
    const before = seededDb();
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    const r = bot(["ingest", empty, "--db", dbPath]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("[1/1] ✗ empty.txt: 不是可识别的预算公开文件（文件为空）");
    expect(dumpFile(dbPath)).toStrictEqual(before);
  });

  it("a binary file gets a clear message, exit code 1 and no change to the database", {
    timeout: 60_000,
  }, () => {
    const before = seededDb();
    const blob = join(dir, "blob.txt");
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) % 256;
    writeFileSync(blob, bytes);
    const r = bot(["ingest", blob, "--db", dbPath]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\[1\/1\] ✗ blob\.txt: 不是可识别的预算公开文件（.+）/);
    expect(dumpFile(dbPath)).toStrictEqual(before);
  });

  it("a truncated copy of a stored seed is refused with the line where it stops, and the stored copy stays", {
    timeout: 60_000,
  }, () => {
    const before = seededDb();
    const sub = join(dir, "cut");
    mkdirSync(sub, { recursive: true });
    const cut = join(sub, "000_30685518d77b763b.txt");
    const lines = readFileSync(join("data", "000_30685518d77b763b.txt"), "utf8").split("\n");
    writeFileSync(cut, lines.slice(0, 300).join("\n"));
    const r = bot(["ingest", cut, "--db", dbPath]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("文件不完整");
    expect(r.stdout).toContain("第297行");
    expect(dumpFile(dbPath)).toStrictEqual(before);
  });

  it("a bad file does not stop the good ones, but the run still exits 1", async () => {
    const empty = join(dir, "000_empty.txt");
    writeFileSync(empty, "   \n\n");
    copyFileSync(join(ROOT, "data", SEED_004), join(dir, SEED_004));
    const r = await botInProcess(["ingest", dir, "--db", dbPath]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("[1/2] ✗ 000_empty.txt: 不是可识别的预算公开文件");
    expect(r.out).toMatch(
      /\[2\/2\] ✓ 004_98017a668a08a896\.txt {2}新增 {2}承德高新技术产业开发区社区管理办公室 2023 /,
    );
    expect(r.out).toContain("失败 1");
    const db = openDb(dbPath);
    try {
      expect(listDocuments(db).map((d) => d.file)).toEqual([SEED_004]);
    } finally {
      closeDb(db);
    }
  });

  it("a run with only bad files does not create a database", async () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    expect((await botInProcess(["ingest", empty, "--db", dbPath])).code).toBe(1);
    expect(existsSync(dbPath)).toBe(false);
  });

  it("a missing path is reported and makes the run exit 1", async () => {
    const r = await botInProcess(["ingest", join(dir, "nope.txt"), "--db", dbPath]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("nope.txt: 文件或文件夹不存在");
  });
});

describe("bot ingest on the seed corpus", () => {
  it("ingesting data/ twice leaves the database identical and reports every file unchanged", {
    timeout: 120_000,
  }, () => {
    const first = bot(["ingest", "data", "--db", dbPath]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /\[1\/7\] ✓ 000_30685518d77b763b\.txt {2}新增 {2}河北雄安新区容东管理委员会 2024 {2}表9 .*项目73 /,
    );
    expect(first.stdout).toContain(`[3/7] ✓ ${SEED_002}  新增  未知单位（${SEED_002}） 2023`);
    const afterFirst = dumpFile(dbPath);

    const second = bot(["ingest", "data", "--db", dbPath]);
    expect(second.status).toBe(0);
    expect(second.stdout.match(/未变化/g)).toHaveLength(8); // five texts, two PDFs + the summary line
    expect(second.stdout).toContain("共 7 个文件：新增 0，更新 0，未变化 7，失败 0");
    expect(dumpFile(dbPath)).toStrictEqual(afterFirst);

    const db = openDb(dbPath);
    try {
      expect(
        listDocuments(db)
          .map((d) => d.file)
          .sort(),
      ).toEqual([
        "000_30685518d77b763b.txt",
        "001_7e3a21f0cdce2af5.txt",
        SEED_002,
        "003_1e76a5b84cb554b9.txt",
        SEED_004,
        "上海市普陀区万里街道办事处2024年部门预算.pdf",
        "江苏省政协办公厅2019年预算公开表.pdf",
      ]);
      expect(getDocumentByFile(db, SEED_002)?.department).toEqual({
        name: `未知单位（${SEED_002}）`,
        code: null,
        given: false,
        known: false,
      });
    } finally {
      closeDb(db);
    }
  });

  it("a seed project's detail lists only its own procurement rows", async () => {
    const r = await botInProcess(["ingest", join("data", "000_30685518d77b763b.txt"), "--db", dbPath]);
    expect(r.code).toBe(0);
    const db = openDb(dbPath);
    try {
      const details = findProjects(db, { name: "思想宣传项目" }).map((p) => getProject(db, p.id));
      expect(
        details.map((p) => [
          p?.budget?.text,
          p?.procurement.map((x) => [x.item, x.amounts.合计?.text, x.line]),
        ]),
      ).toEqual([
        ["11.90", [["市容管理服务", "11.90", 9500]]],
        [
          "734.00",
          [
            ["公共设施工程总承包服务", "311.00", 9740],
            ["广告宣传服务", "294.30", 9756],
          ],
        ],
      ]);
    } finally {
      closeDb(db);
    }
  });

  it("uses BUDGET_DB when --db is not given", async () => {
    copyFileSync(join(ROOT, "data", SEED_004), join(dir, SEED_004));
    const envDb = join(dir, "from-env", "b.db");
    const r = await botInProcess(["ingest", join(dir, SEED_004)], { BUDGET_DB: envDb });
    expect(r.code).toBe(0);
    expect(existsSync(envDb)).toBe(true);
  });
});

describe("sidecar .meta.json files", () => {
  it("a sidecar names the department of a page that does not state it", async () => {
    const copy = join(dir, SEED_002);
    copyFileSync(join(ROOT, "data", SEED_002), copy);
    writeFileSync(`${copy}.meta.json`, JSON.stringify({ department: "测试区本级", code: "999", year: 2023 }));
    const r = await botInProcess(["ingest", dir, "--db", dbPath]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`[1/1] ✓ ${SEED_002}  新增  测试区本级 2023`);
    const db = openDb(dbPath);
    try {
      expect(getDocumentByFile(db, SEED_002)?.department).toEqual({
        name: "测试区本级",
        code: "999",
        given: true,
        known: true,
      });
    } finally {
      closeDb(db);
    }
  });

  it("flags override the sidecar, and adding them later re-stores the same file", async () => {
    const copy = join(dir, SEED_002);
    copyFileSync(join(ROOT, "data", SEED_002), copy);
    writeFileSync(`${copy}.meta.json`, JSON.stringify({ department: "测试区本级" }));
    expect((await botInProcess(["ingest", copy, "--db", dbPath])).out).toContain("新增  测试区本级 2023");
    const r = await botInProcess([
      "ingest",
      copy,
      "--db",
      dbPath,
      "--department",
      "旗标单位",
      "--year",
      "2022",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`✓ ${SEED_002}  更新  旗标单位 2022`);
  });

  it("an invalid sidecar is reported and the file is not stored", async () => {
    const copy = join(dir, SEED_004);
    copyFileSync(join(ROOT, "data", SEED_004), copy);
    writeFileSync(`${copy}.meta.json`, JSON.stringify({ departement: "拼错了" }));
    const r = await botInProcess(["ingest", copy, "--db", dbPath]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`✗ ${SEED_004}: 附带的说明文件有误`);
    expect(r.out).toContain("departement");
    expect(existsSync(dbPath)).toBe(false);
  });
});

describe("expanding inputs", () => {
  it("a folder gives every file under it, recursively and sorted, without dotfiles, JSON or SQLite files", () => {
    const folder = join(dir, "in");
    mkdirSync(join(folder, "nested.txt", "deeper"), { recursive: true });
    mkdirSync(join(folder, ".hidden"), { recursive: true });
    for (const f of ["b.txt", "a.txt", "a.txt.meta.json", "notes.md", "表格.pdf", ".DS_Store", "budget.db"])
      writeFileSync(join(folder, f), "x");
    writeFileSync(join(folder, "nested.txt", "deeper", "c.xlsx"), "x");
    writeFileSync(join(folder, ".hidden", "d.txt"), "x");
    writeFileSync(join(folder, "store"), Buffer.from("SQLite format 3\u0000rest", "latin1"));
    const { files, problems } = expandInputs([folder, join(folder, "a.txt")], ROOT);
    expect(files).toEqual(
      ["a.txt", "b.txt", join("nested.txt", "deeper", "c.xlsx"), "notes.md", "表格.pdf"].map((f) =>
        join(folder, f),
      ),
    );
    expect(problems).toEqual([]);
  });
});

describe("usage mistakes", () => {
  it("an unknown flag, a bad year or no input exits 2 with the usage line", async () => {
    const unknown = await botInProcess(["ingest", "data", "--nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("用法：bot ingest");
    const year = await botInProcess(["ingest", "data", "--year", "二〇二三"]);
    expect(year.code).toBe(2);
    expect(year.err).toContain("--year 应为四位年份");
    expect((await botInProcess(["ingest"])).code).toBe(2);
    expect((await botInProcess(["frobnicate"])).code).toBe(2);
  });
});

describe("bot export projects", () => {
  /** Save the sample with a project name that needs CSV quoting. */
  function exportDb(): void {
    const d = sampleDisclosure();
    const second = d.projects[1];
    if (second) second.name = '图书,"采购"项目';
    const db = openDb(dbPath);
    try {
      saveDisclosure(db, d);
    } finally {
      closeDb(db);
    }
  }

  it("writes CSV with a BOM, CRLF lines, RFC 4180 quoting and blanks as empty fields", async () => {
    exportDb();
    const r = await botInProcess(["export", "projects", "--format", "csv", "--db", dbPath]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "\uFEFF部门,部门编码,年度,项目编码,项目名称,预算数,预算数（元）,财政资金,财政资金（元）,金额单位,来源文件,行号\r\n" +
        "测试市某某管理委员会,901,2024,13081123P00011210001M,后勤保障项目,177.60,1776000,177.60,1776000,万元,900_sample.txt,2010\r\n" +
        '测试市某某管理委员会,901,2024,,"图书,""采购""项目",,,,,,900_sample.txt,2110\r\n',
    );
  });

  it("writes JSON with blanks as null, to a file with --out", async () => {
    exportDb();
    const out = join(dir, "projects.json");
    const r = await botInProcess(["export", "projects", "--format", "json", "--db", dbPath, "--out", out]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(readFileSync(out, "utf8")) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      name: "后勤保障项目",
      budgetText: "177.60",
      budgetFen: 177600000,
      line: 2010,
    });
    expect(rows[1]).toMatchObject({
      name: '图书,"采购"项目',
      code: null,
      budgetText: null,
      budgetFen: null,
    });
  });

  it("refuses a missing database without creating it, and an unknown format", async () => {
    const missing = await botInProcess(["export", "projects", "--db", dbPath]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("数据库不存在");
    expect(existsSync(dbPath)).toBe(false);
    const bad = await botInProcess(["export", "projects", "--format", "xlsx", "--db", dbPath]);
    expect(bad.code).toBe(2);
  });
});

describe("bot check", () => {
  it("exits 1 with the findings of seed 001 and 0 for the clean 社会福利院 2024, as text and JSON", async () => {
    const withFindings = await runCliCaptured(["check", "data/001_7e3a21f0cdce2af5.txt"]);
    expect(withFindings.code).toBe(1);
    expect(withFindings.all).toContain("0 + 13.42 = 13.42");
    const file = "上海市普陀区社会福利院2024年单位预算.pdf";
    const clean = await runCliCaptured(["check", join(CORPUS_DIR, file), "--json"]);
    expect(clean.code).toBe(0);
    const json = JSON.parse(clean.all) as Array<{
      file: string;
      findings: unknown[];
      rules: Array<{ status: string }>;
    }>;
    expect(json.map(({ rules: _r, ...rest }) => rest)).toEqual([
      { file, department: "上海市普陀区社会福利院", year: 2024, findings: [] },
    ]);
    expect(json[0]?.rules.some((r) => r.status === "ran")).toBe(true);
  });
});
