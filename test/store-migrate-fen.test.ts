import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Disclosure } from "../src/domain/types.js";
import { closeDb, openDb } from "../src/store/sqlite/db.js";
import { LATEST_VERSION, migrate, schemaVersion } from "../src/store/sqlite/migrations.js";
import { getDisclosure } from "../src/store/sqlite/read/disclosure.js";
import { dumpAll } from "../src/store/sqlite/read/dump.js";
import { getProject } from "../src/store/sqlite/read/project-detail.js";
import { getProjects } from "../src/store/sqlite/read/projects.js";
import { getStandardTables } from "../src/store/sqlite/read/tables.js";
import { TABLES } from "../src/store/sqlite/schema.js";
import { saveDisclosure } from "../src/store/sqlite/write.js";
import { sampleDisclosure } from "./fixtures/sample-disclosure.js";

type Row = Record<string, unknown>;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-fen-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A column of the 分 schema as version 4 named it: `*_fen` → `*_yuan`, plan_points.fen → yuan. */
const oldName = (column: string) => (column === "fen" ? "yuan" : column.replace(/_fen$/, "_yuan"));

/** Columns added after version 5 (left to their defaults when writing a version-4 database). */
const LATER_COLUMNS = new Set(["documents.basis", "documents.places_json"]);

/** The sample without what only version 8 can store (不适用, stated figures, a fact's share/change/…). */
function atVersion4(d: Disclosure): Disclosure {
  const { counts: _counts, ...rest } = d;
  return {
    ...rest,
    notApplicable: [],
    stated: [],
    narrative: d.narrative.map(({ share: _s, change: _c, prior: _p, subject: _u, scope: _o, ...f }) => f),
  };
}

/** Write rows dumped from a latest-version database into a version-4 one, amounts back in 元. */
function writeAtVersion4(path: string, dump: Record<string, Row[]>): void {
  const old = new Database(path);
  expect(migrate(old, 4)).toEqual([1, 2, 3, 4]);
  old.transaction(() => {
    for (const t of TABLES) {
      // Tables and columns that later versions added (version 8: 不适用, stated figures, the
      // narrative's share/change/prior/subject/scope) must be empty in the dump.
      const known = new Set(
        (old.prepare(`SELECT name FROM pragma_table_info('${t}')`).all() as Array<{ name: string }>).map(
          (c) => c.name,
        ),
      );
      if (known.size === 0) {
        expect(dump[t] ?? []).toEqual([]);
        continue;
      }
      for (const row of dump[t] ?? []) {
        const cols = Object.keys(row).filter((c) => {
          if (LATER_COLUMNS.has(`${t}.${c}`)) return false;
          if (known.has(oldName(c))) return true;
          expect(row[c], `${t}.${c}`).toBeNull();
          return false;
        });
        const values = cols.map((c) => {
          const v = row[c];
          if (c !== "fen" && !c.endsWith("_fen")) return v;
          if (v === null) return null;
          expect(Math.abs(Number(v) % 100)).toBe(0); // the old schema only held whole 元
          return Number(v) / 100;
        });
        old
          .prepare(
            `INSERT INTO ${t} (${cols.map(oldName).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
          )
          .run(...values);
      }
    }
  })();
  old.close();
}

describe("migrating stored money from integer 元 to integer 分 (schema version 5)", () => {
  it("renames every *_yuan column to *_fen and multiplies its values by 100, losing nothing", () => {
    // The reference: the sample disclosure written by this code.
    const fresh = openDb(join(dir, "fresh.db"));
    const { docId } = saveDisclosure(fresh, atVersion4(sampleDisclosure()));
    const expected = dumpAll(fresh);
    // Projects load their plan and indicators lazily: read everything before closing.
    const disclosure = JSON.stringify(getDisclosure(fresh, docId));
    closeDb(fresh);

    const path = join(dir, "old.db");
    writeAtVersion4(path, expected);
    const columns = new Database(path)
      .prepare("SELECT name FROM pragma_table_info('projects') WHERE name LIKE 'budget_%'")
      .all() as Array<{ name: string }>;
    expect(columns.map((c) => c.name)).toContain("budget_yuan");

    const db = openDb(path);
    try {
      expect(schemaVersion(db)).toBe(LATEST_VERSION);
      expect(dumpAll(db)).toStrictEqual(expected);
      expect(JSON.stringify(getDisclosure(db, docId))).toBe(disclosure);
    } finally {
      closeDb(db);
    }
  });

  it("reads back a version-4 row of 184016700 元 as 18401670000 分 and its plan point ×100", () => {
    const path = join(dir, "v4.db");
    const old = new Database(path);
    migrate(old, 4);
    const doc = old
      .prepare(
        `INSERT INTO documents (file, sha256, department_name, department_code, department_given, department_known,
           year, kind, region, ingested_at, updated_at)
         VALUES ('900_old.txt', ?, '测试市某某管理委员会', NULL, 0, 1, 2024, 'full', NULL, 't0', 't0')`,
      )
      .run("b".repeat(64)).lastInsertRowid;
    const table = old
      .prepare(
        "INSERT INTO std_tables (doc_id, ord, kind, title, unit, line, note, columns_json) VALUES (?, 0, '收支总表', '部门收支总表', '万元', 1, NULL, '[\"预算数\"]')",
      )
      .run(doc).lastInsertRowid;
    const row = old
      .prepare(
        "INSERT INTO std_rows (table_id, ord, side, seq, code, name, level, line) VALUES (?, 0, '收入', 1, NULL, '一、一般公共预算拨款收入', 1, 5)",
      )
      .run(table).lastInsertRowid;
    old
      .prepare(
        `INSERT INTO std_values (row_id, ord, column_name, value_text, value_yuan, value_unit, value_section, value_line)
         VALUES (?, 0, '预算数', '18401.67', 184016700, '万元', '部门收支总表', 5)`,
      )
      .run(row);
    const project = old
      .prepare(
        `INSERT INTO projects (doc_id, ord, seq, title, name, code, budget_text, budget_yuan, budget_unit, budget_section,
           budget_line, line, section)
         VALUES (?, 0, 1, '后勤保障绩效目标表', '后勤保障', NULL, '961.30', 9613000, '万元', '后勤保障绩效目标表', 9, 8, '项目')`,
      )
      .run(doc).lastInsertRowid;
    old
      .prepare(
        "INSERT INTO plan_points (project_id, ord, label, text, unit, yuan, basis_points, line) VALUES (?, 0, '12月底', '961.30', '万元', 9613000, NULL, 10)",
      )
      .run(project);
    // An amount whose 分 would exceed 2^53 becomes "not a plain amount" (NULL), never a rounded number.
    old
      .prepare(
        `INSERT INTO projects (doc_id, ord, seq, title, name, code, budget_text, budget_yuan, budget_unit, budget_section,
           budget_line, line, section)
         VALUES (?, 1, 2, '巨额绩效目标表', '巨额', NULL, '9007199254740991', 9007199254740991, '元', '巨额绩效目标表', 20, 19, '项目')`,
      )
      .run(doc);
    old
      .prepare(
        "INSERT INTO findings_cache (doc_id, sha256, rules_version, findings_json) VALUES (?, ?, 'r', '[]')",
      )
      .run(doc, "b".repeat(64));
    old.close();

    const db = openDb(path);
    try {
      const [t] = getStandardTables(db, Number(doc));
      expect(t?.rows[0]?.values.预算数).toMatchObject({ text: "18401.67", fen: 18401670000, unit: "万元" });
      const [first, huge] = getProjects(db, Number(doc));
      expect(first?.budget).toMatchObject({ text: "961.30", fen: 961300000 });
      expect(getProject(db, first?.id ?? -1)?.plan.map((p) => [p.text, p.fen])).toEqual([
        ["961.30", 961300000],
      ]);
      expect(huge?.budget).toMatchObject({ text: "9007199254740991", fen: null });
      // Stored findings held 元 differences: dropped, to be recomputed on first use.
      expect(db.prepare("SELECT COUNT(*) AS n FROM findings_cache").get()).toEqual({ n: 0 });
    } finally {
      closeDb(db);
    }
  });
});
