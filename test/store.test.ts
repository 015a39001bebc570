import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Disclosure } from "../src/domain/types.js";
import { resolveDbPath } from "../src/store/open.js";
import { closeDb, type Db, openDb } from "../src/store/sqlite/db.js";
import { LATEST_VERSION, migrate, SchemaTooNewError, schemaVersion } from "../src/store/sqlite/migrations.js";
import { getAssets, getDisclosure, getUnits, getWarnings } from "../src/store/sqlite/read/disclosure.js";
import {
  findDocuments,
  getDocument,
  getDocumentByFile,
  listDepartments,
  listDocuments,
} from "../src/store/sqlite/read/documents.js";
import { dumpAll } from "../src/store/sqlite/read/dump.js";
import { getNarrative } from "../src/store/sqlite/read/narrative.js";
import { getProcurement } from "../src/store/sqlite/read/procurement.js";
import { getProject } from "../src/store/sqlite/read/project-detail.js";
import { findProjects, getProjects } from "../src/store/sqlite/read/projects.js";
import { allProjectsForExport } from "../src/store/sqlite/read/projects-export.js";
import { getStandardTables } from "../src/store/sqlite/read/tables.js";
import {
  claimRun,
  deleteSubscription,
  insertSubscription,
  listRuns,
  listSubscriptions,
  type NewSubscription,
} from "../src/store/sqlite/subscriptions.js";
import { saveDisclosure } from "../src/store/sqlite/write.js";
import { sampleDisclosure, wan } from "./fixtures/sample-disclosure.js";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-store-"));
  db = openDb(join(dir, "sub", "budget.db"));
});

afterEach(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

const fixedNow = (stamp: string) => ({ now: () => stamp });

describe("saving and reading a disclosure", () => {
  it("creates the folder, uses WAL and migrates a new database to the latest version", () => {
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(14);
  });

  it("round-trips every figure exactly, with text, 元, unit, provenance and nulls", () => {
    const d = sampleDisclosure();
    const { status, docId } = saveDisclosure(db, d);
    expect(status).toBe("added");
    expect(getDisclosure(db, docId)).toStrictEqual(d);
  });

  it("keeps blank cells as null, printed 0.00 as 0 and a dash as text without 元", () => {
    const { docId } = saveDisclosure(db, sampleDisclosure());
    const sangong = getStandardTables(db, docId, "三公经费支出表");
    expect(sangong).toHaveLength(1);
    const values = sangong[0]?.rows[0]?.values ?? {};
    expect(Object.keys(values)).toEqual(["合计", "因公出国（境）费", "公务接待费"]);
    expect(values.合计).toMatchObject({ text: "12.50", fen: 12500000 });
    expect(values["因公出国（境）费"]).toMatchObject({ text: "0.00", fen: 0 });
    expect(values.公务接待费).toMatchObject({ text: "——", fen: null });
    const total = getStandardTables(db, docId, "收支总表")[0];
    expect(total?.rows[0]?.values.预算数).toStrictEqual({
      text: "18401.67",
      fen: 18401670000,
      unit: "万元",
      source: { file: "900_sample.txt", section: "收支总表", line: 105 },
    });
    expect(total?.rows[1]?.values.预算数).toBeNull();
    expect(getNarrative(db, docId, "change.total")[0]?.figure.fen).toBe(-3000000);
    expect(getAssets(db, docId)[1]).toStrictEqual({ name: "土地", quantity: "——", value: null, line: 9811 });
    expect(getUnits(db, docId)[1]).toStrictEqual({
      name: "所属服务中心",
      nature: null,
      rank: null,
      funding: null,
      line: 41,
    });
    expect(getWarnings(db, docId)).toStrictEqual([
      { message: "某表合计与明细不符", line: 120 },
      { message: "全文警告", line: null },
    ]);
  });

  it("lists documents and departments with counts and years", () => {
    saveDisclosure(db, sampleDisclosure());
    saveDisclosure(db, { ...sampleDisclosure("901_sample.txt", "b".repeat(64)), year: 2023 });
    const docs = listDocuments(db);
    expect(docs.map((d) => [d.file, d.year])).toEqual([
      ["901_sample.txt", 2023],
      ["900_sample.txt", 2024],
    ]);
    expect(docs[1]?.counts).toEqual({
      tables: 2,
      narrative: 4,
      projects: 2,
      procurement: 4,
      procurementItems: 3,
      assets: 2,
      units: 2,
      warnings: 2,
    });
    expect(listDepartments(db)).toEqual([
      {
        name: "测试市某某管理委员会",
        code: "901",
        known: true,
        years: [2023, 2024],
        documents: [
          { id: docs[0]?.id, file: "901_sample.txt", year: 2023, basis: "budget" },
          { id: docs[1]?.id, file: "900_sample.txt", year: 2024, basis: "budget" },
        ],
      },
    ]);
  });

  it("finds documents by a part of the department name, by code and by year", () => {
    saveDisclosure(db, sampleDisclosure());
    saveDisclosure(db, { ...sampleDisclosure("901_sample.txt", "b".repeat(64)), year: 2023 });
    expect(findDocuments(db, { department: "某某 管理" }).map((d) => d.file)).toEqual([
      "901_sample.txt",
      "900_sample.txt",
    ]);
    expect(findDocuments(db, { department: "901", year: 2024 }).map((d) => d.file)).toEqual([
      "900_sample.txt",
    ]);
    expect(findDocuments(db, { department: "不存在的单位" })).toEqual([]);
    expect(getDocumentByFile(db, "900_sample.txt")?.department.name).toBe("测试市某某管理委员会");
  });

  it("stores a document without a department under 未知单位（file） and reads the name back as null", () => {
    const d: Disclosure = {
      ...sampleDisclosure("902_noname.txt"),
      department: { name: null, code: null, given: false },
    };
    const { docId } = saveDisclosure(db, d);
    const doc = getDocument(db, docId);
    expect(doc?.department).toEqual({
      name: "未知单位（902_noname.txt）",
      code: null,
      given: false,
      known: false,
    });
    expect(getDisclosure(db, docId)?.department).toEqual({ name: null, code: null, given: false });
    expect(listDepartments(db)[0]).toMatchObject({ name: "未知单位（902_noname.txt）", known: false });
  });

  it("returns a project with plan, indicators and the procurement rows that name it", () => {
    const { docId } = saveDisclosure(db, sampleDisclosure());
    const projects = getProjects(db, docId);
    expect(projects.map((p) => p.name)).toEqual(["后勤保障项目", "2024年度社区图书采购项目"]);
    const logistics = getProject(db, projects[0]?.id ?? -1);
    expect(logistics?.department).toBe("测试市某某管理委员会");
    expect(logistics?.plan.map((p) => [p.label, p.unit, p.fen, p.basisPoints])).toEqual([
      ["3月底", "%", null, 3000],
      ["6月底", "万元", 88800000, null],
    ]);
    expect(logistics?.indicators).toHaveLength(2);
    // The merged-cell row below inherits the project name.
    expect(logistics?.procurementMatch).toBe("exact");
    expect(logistics?.procurement.map((r) => [r.item, r.amounts.合计?.fen])).toEqual([
      ["视频监控设备", 96000000],
      ["计算机设备维修和保养服务", 50000000],
    ]);
    const books = getProject(db, projects[1]?.id ?? -1);
    expect(books?.procurementMatch).toBe("normalized");
    expect(books?.procurement.map((r) => r.item)).toEqual(["其他普通图书"]);
    expect(getProject(db, 987654)).toBeNull();
  });

  it("splits procurement rows between namesake projects by their 项目预算", () => {
    const d = sampleDisclosure();
    const [first, second] = d.projects;
    if (!first || !second) throw new Error("fixture changed");
    d.projects = [
      { ...first, name: "思想宣传项目", budget: wan("11.90", "表", 7924) },
      { ...second, name: "思想宣传项目", budget: wan("734.00", "表", 8032) },
      { ...second, name: "构建儿童友好型社区项目", budget: wan("1.12", "表", 4456) },
      { ...second, name: "构建儿童友好型社区项目", budget: wan("450.00", "表", 4550) },
    ];
    const item = d.procurement[1];
    if (!item) throw new Error("fixture changed");
    const row = (name: string, budget: string, what: string, line: number) => ({
      ...item,
      projectName: name,
      projectBudget: wan(budget, "部门政府采购预算", line),
      item: what,
      line,
    });
    d.procurement = [
      row("思想宣传项目", "11.90", "市容管理服务", 9500),
      row("构建儿童友好型社区项目", "450.00", "市政公用设施管理服务", 9564),
      row("思想宣传项目", "734.00", "公共设施工程总承包服务", 9740),
      row("思想宣传项目", "734.00", "广告宣传服务", 9756),
    ];
    const { docId } = saveDisclosure(db, d);
    const details = getProjects(db, docId).map((p) => getProject(db, p.id));
    expect(
      details.map((p) => [p?.budget?.text, p?.procurementMatch, p?.procurement.map((r) => r.item)]),
    ).toEqual([
      ["11.90", "exact", ["市容管理服务"]],
      ["734.00", "exact", ["公共设施工程总承包服务", "广告宣传服务"]],
      ["1.12", "none", []],
      ["450.00", "exact", ["市政公用设施管理服务"]],
    ]);
  });

  it("finds projects by name ignoring whitespace, by code and by department", () => {
    saveDisclosure(db, sampleDisclosure());
    expect(findProjects(db, { name: "后勤 保障" }).map((p) => p.name)).toEqual(["后勤保障项目"]);
    expect(findProjects(db, { code: "13081123P0001121000 1M" }).map((p) => p.name)).toEqual(["后勤保障项目"]);
    expect(findProjects(db, { name: "图书", department: "某某", year: 2023 })).toEqual([]);
    expect(findProjects(db, { name: "图书", year: 2024 })).toHaveLength(1);
  });

  it("flattens projects for export with printed text and exact 元", () => {
    saveDisclosure(db, sampleDisclosure());
    expect(allProjectsForExport(db)).toEqual([
      {
        department: "测试市某某管理委员会",
        departmentCode: "901",
        year: 2024,
        code: "13081123P00011210001M",
        name: "后勤保障项目",
        budgetText: "177.60",
        budgetFen: 177600000,
        fiscalText: "177.60",
        fiscalFen: 177600000,
        unit: "万元",
        file: "900_sample.txt",
        line: 2010,
      },
      {
        department: "测试市某某管理委员会",
        departmentCode: "901",
        year: 2024,
        code: null,
        name: "2024年度社区图书采购项目",
        budgetText: null,
        budgetFen: null,
        fiscalText: null,
        fiscalFen: null,
        unit: null,
        file: "900_sample.txt",
        line: 2110,
      },
    ]);
  });

  it("reads empty results for a document id that does not exist", () => {
    expect(getDocument(db, 42)).toBeNull();
    expect(getDisclosure(db, 42)).toBeNull();
    expect(getStandardTables(db, 42)).toEqual([]);
    expect(getProcurement(db, 42)).toEqual([]);
  });
});

describe("idempotent saving", () => {
  it("saving the same disclosure twice reports unchanged and leaves every table identical", () => {
    const first = saveDisclosure(db, sampleDisclosure(), fixedNow("2024-01-01T00:00:00.000Z"));
    const before = dumpAll(db);
    const second = saveDisclosure(db, sampleDisclosure(), fixedNow("2025-06-01T00:00:00.000Z"));
    expect(second).toEqual({ status: "unchanged", docId: first.docId });
    expect(dumpAll(db)).toStrictEqual(before);
  });

  it("changed content for the same file replaces the document and removes its old rows", () => {
    const first = saveDisclosure(db, sampleDisclosure(), fixedNow("2024-01-01T00:00:00.000Z"));
    const changed = sampleDisclosure("900_sample.txt", "c".repeat(64));
    changed.projects = changed.projects.slice(1);
    changed.procurement = [];
    const second = saveDisclosure(db, changed, fixedNow("2025-06-01T00:00:00.000Z"));
    expect(second).toEqual({ status: "replaced", docId: first.docId });
    expect(getProjects(db).map((p) => p.name)).toEqual(["2024年度社区图书采购项目"]);
    expect(getProcurement(db, first.docId)).toEqual([]);
    const dump = dumpAll(db);
    expect(dump.plan_points).toEqual([]);
    expect(dump.indicators).toEqual([]);
    expect(dump.procurement_amounts).toEqual([]);
    expect(dump.std_values).toHaveLength(5);
    const doc = getDocument(db, first.docId);
    expect(doc?.sha256).toBe("c".repeat(64));
    expect(doc?.ingestedAt).toBe("2024-01-01T00:00:00.000Z");
    expect(doc?.updatedAt).toBe("2025-06-01T00:00:00.000Z");
    expect(getDisclosure(db, first.docId)).toStrictEqual(changed);
  });

  it("the same text with a newly given department is stored again", () => {
    const d = sampleDisclosure();
    d.department = { name: null, code: null, given: false };
    saveDisclosure(db, d);
    const given = sampleDisclosure();
    given.department = { name: "某区财政局", code: "77", given: true };
    expect(saveDisclosure(db, given).status).toBe("replaced");
    expect(listDocuments(db)[0]?.department).toEqual({
      name: "某区财政局",
      code: "77",
      given: true,
      known: true,
    });
  });
});

describe("a failure while saving", () => {
  /** A disclosure whose second project breaks a NOT NULL constraint after many rows were written. */
  function broken(file: string, sha: string): Disclosure {
    const d = sampleDisclosure(file, sha);
    (d.projects[1] as { name: unknown }).name = null;
    return d;
  }

  it("leaves the database exactly as before when a new document fails half-way", () => {
    saveDisclosure(db, sampleDisclosure("901_other.txt", "b".repeat(64)));
    const before = dumpAll(db);
    expect(() => saveDisclosure(db, broken("900_sample.txt", "a".repeat(64)))).toThrow(/NOT NULL/);
    expect(dumpAll(db)).toStrictEqual(before);
  });

  it("keeps the old rows of a document when its replacement fails half-way", () => {
    saveDisclosure(db, sampleDisclosure());
    const before = dumpAll(db);
    expect(() => saveDisclosure(db, broken("900_sample.txt", "c".repeat(64)))).toThrow();
    expect(dumpAll(db)).toStrictEqual(before);
    expect(getProjects(db)).toHaveLength(2);
  });

  it("rolls back when a statement throws in the middle of the transaction", () => {
    saveDisclosure(db, sampleDisclosure());
    const before = dumpAll(db);
    // Monkeypatch: inserting assets (late in the save, after the document row was updated and
    // tables, projects and procurement were written) throws.
    const realPrepare = db.prepare.bind(db);
    const spy = vi.spyOn(db, "prepare").mockImplementation((sql: string) => {
      const stmt = realPrepare(sql);
      if (!sql.includes("INSERT INTO assets")) return stmt;
      return new Proxy(stmt, {
        get(target, prop) {
          if (prop === "run") {
            return () => {
              throw new Error("boom");
            };
          }
          const v = Reflect.get(target, prop);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    });
    try {
      expect(() => saveDisclosure(db, sampleDisclosure("900_sample.txt", "d".repeat(64)))).toThrow("boom");
      expect(spy.mock.calls.some(([sql]) => String(sql).includes("INSERT INTO procurement_amounts"))).toBe(
        true,
      );
    } finally {
      spy.mockRestore();
    }
    expect(dumpAll(db)).toStrictEqual(before);
    expect(getDocumentByFile(db, "900_sample.txt")?.sha256).toBe("a".repeat(64));
  });
});

describe("migrations", () => {
  it("migrates a database left at version 1 to the latest version, keeping its rows", () => {
    const path = join(dir, "old.db");
    const old = new Database(path);
    expect(migrate(old, 1)).toEqual([1]);
    old
      .prepare(
        `INSERT INTO documents (file, sha256, department_name, department_code, department_given, department_known,
           year, kind, region, ingested_at, updated_at)
         VALUES ('900_sample.txt', ?, '测试市某某管理委员会', '901', 0, 1, 2024, 'full', NULL, 't0', 't0')`,
      )
      .run("a".repeat(64));
    expect(schemaVersion(old)).toBe(1);
    old.close();

    const upgraded = openDb(path);
    try {
      expect(schemaVersion(upgraded)).toBe(LATEST_VERSION);
      const indexes = upgraded.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as Array<{
        name: string;
      }>;
      expect(indexes.map((i) => i.name)).toContain("documents_department_year");
      expect(listDocuments(upgraded).map((d) => [d.file, d.year, d.ingestedAt])).toEqual([
        ["900_sample.txt", 2024, "t0"],
      ]);
      // The old row has no digest yet, so the next ingest of the same text stores it in full.
      expect(saveDisclosure(upgraded, sampleDisclosure()).status).toBe("replaced");
      expect(saveDisclosure(upgraded, sampleDisclosure()).status).toBe("unchanged");
    } finally {
      closeDb(upgraded);
    }
  });

  it("opening is a no-op for a database already at the latest version", () => {
    saveDisclosure(db, sampleDisclosure());
    const path = db.name;
    const before = dumpAll(db);
    closeDb(db);
    db = openDb(path);
    expect(migrate(db)).toEqual([]);
    expect(dumpAll(db)).toStrictEqual(before);
  });

  const chat = { platform: "telegram", chatId: "-100", teamId: null };
  const subscription = (createdAt: string): NewSubscription => ({
    ...chat,
    departments: ["容东片区管理委员会"],
    schedule: "fri 17:30",
    timezone: "Asia/Shanghai",
    createdBy: "u1",
    createdAt,
  });

  it("never reuses a subscription id, even after the last one is deleted", () => {
    insertSubscription(db, subscription("t0"));
    const last = insertSubscription(db, subscription("t1"));
    expect(deleteSubscription(db, last.id, chat)).toBe(true);
    const next = insertSubscription(db, subscription("t2"));
    expect(next.id).toBeGreaterThan(last.id);
  });

  it("version 13 keeps a version-12 database's subscriptions, ids and runs, then stops reusing ids", () => {
    const path = join(dir, "v12.db");
    const old = new Database(path);
    old.pragma("foreign_keys = ON");
    migrate(old, 12);
    const kept = insertSubscription(old, subscription("t0"));
    const gone = insertSubscription(old, subscription("t1"));
    deleteSubscription(old, gone.id, chat);
    const last = insertSubscription(old, subscription("t2"));
    expect(last.id).toBe(gone.id); // the reuse version 13 removes
    claimRun(old, { subscriptionId: last.id, period: "2024-W01", owner: "p1", at: "t3", staleBefore: "t0" });
    old.close();

    const upgraded = openDb(path);
    try {
      expect(schemaVersion(upgraded)).toBe(LATEST_VERSION);
      expect(listSubscriptions(upgraded).map((s) => [s.id, s.createdAt])).toEqual([
        [kept.id, "t0"],
        [last.id, "t2"],
      ]);
      expect(listRuns(upgraded).map((r) => [r.subscriptionId, r.period])).toEqual([[last.id, "2024-W01"]]);
      expect(upgraded.pragma("foreign_key_check")).toEqual([]);
      deleteSubscription(upgraded, last.id, chat);
      expect(listRuns(upgraded)).toEqual([]); // the run still cascades with its subscription
      expect(insertSubscription(upgraded, subscription("t4")).id).toBeGreaterThan(last.id);
    } finally {
      closeDb(upgraded);
    }
  });

  it("refuses a database written by a newer version", () => {
    const path = join(dir, "new.db");
    const newer = new Database(path);
    newer.pragma(`user_version = ${LATEST_VERSION + 1}`);
    newer.close();
    expect(() => openDb(path)).toThrow(SchemaTooNewError);
  });
});

describe("database path", () => {
  it("prefers --db, then BUDGET_DB, then data/budget.db", () => {
    expect(resolveDbPath("x.db", { BUDGET_DB: "y.db" })).toBe("x.db");
    expect(resolveDbPath(undefined, { BUDGET_DB: "y.db" })).toBe("y.db");
    expect(resolveDbPath(undefined, {})).toBe("data/budget.db");
  });
});
