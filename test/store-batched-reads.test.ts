/**
 * The batched and cached reads used on the chat path (getProjectsByIds, listDocumentHeads, the
 * per-connection statement cache) return exactly what the one-by-one reads return.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreCatalog } from "../src/catalog/store-catalog.js";
import { closeDb, type Db, openDb } from "../src/store/sqlite/db.js";
import { getDisclosure } from "../src/store/sqlite/read/disclosure.js";
import { listDepartments, listDocumentHeads, listDocuments } from "../src/store/sqlite/read/documents.js";
import { getProject } from "../src/store/sqlite/read/project-detail.js";
import { getProjects } from "../src/store/sqlite/read/projects.js";
import { getProjectsByIds } from "../src/store/sqlite/read/projects-by-id.js";
import { sqliteStore } from "../src/store/sqlite/store.js";
import { saveDisclosure } from "../src/store/sqlite/write.js";
import { parseText } from "./helpers/parse-text.js";
import { DATA_DIR, seedFiles } from "./helpers/test-bot.js";

let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "budget-batched-"));
  db = openDb(join(dir, "budget.db"));
  for (const f of seedFiles()) saveDisclosure(db, parseText(readFileSync(join(DATA_DIR, f), "utf8"), f));
});

afterAll(() => {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
});

describe("getProjectsByIds", () => {
  it("returns every stored project equal to getProjects, details included, in the order asked", () => {
    const all = getProjects(db);
    expect(all.length).toBeGreaterThan(150);
    const ids = all.map((p) => p.id).reverse();
    const batched = getProjectsByIds(db, ids);
    expect(batched.map((p) => p.id)).toEqual(ids);
    expect(batched).toEqual([...all].reverse());
  });

  it("reads plan and indicators only when asked, and then the same values as getProject", () => {
    const logistics = getProjects(db).find((p) => p.name === "后勤保障项目");
    expect(logistics).toBeDefined();
    const [lazy] = getProjectsByIds(db, [logistics?.id ?? -1]);
    expect(lazy?.budget?.text).toBe("56.00");
    expect(lazy?.indicators.length).toBe(logistics?.indicators.length);
    expect(lazy?.indicators[0]).toEqual(logistics?.indicators[0]);
    expect(lazy?.plan).toEqual(getProject(db, logistics?.id ?? -1)?.plan);
    expect(lazy?.purpose).toBe(logistics?.purpose);
    expect(lazy?.goal).toBe(logistics?.goal);
  });

  it("skips ids that are not stored and splits long id lists", () => {
    const ids = getProjects(db).map((p) => p.id);
    const many = [...ids, ...ids, ...ids, 987654];
    expect(many.length).toBeGreaterThan(500);
    expect(getProjectsByIds(db, many).map((p) => p.id)).toEqual([...ids, ...ids, ...ids]);
    expect(getProjectsByIds(db, [])).toEqual([]);
  });
});

describe("document heads and cached statements", () => {
  it("lists the same documents as listDocuments without the counts, in the same order", () => {
    expect(listDocumentHeads(db)).toEqual(listDocuments(db).map(({ counts: _c, ...head }) => head));
    expect(listDepartments(db).map((d) => d.name)).toContain("河北雄安新区容东管理委员会");
  });

  it("rebuilds the same disclosure twice on one connection (statements reused)", () => {
    const id = listDocuments(db)[0]?.id ?? -1;
    expect(getDisclosure(db, id)).toStrictEqual(getDisclosure(db, id));
  });

  it("gives search results whose projects carry the same details as a lookup by id", async () => {
    const catalog = new StoreCatalog(sqliteStore(db));
    const refs = await catalog.projectsByIds(await catalog.searchProjectIds("后勤保障", {}));
    expect(refs.map((r) => r.project.name)).toEqual(expect.arrayContaining(["后勤保障", "后勤保障项目"]));
    for (const ref of refs) {
      const byId = await catalog.project(ref.id);
      expect(ref.project.indicators).toEqual(byId?.project.indicators);
      expect(ref.project.plan).toEqual(byId?.project.plan);
      expect(ref.project.budget).toEqual(byId?.project.budget);
    }
  });
});
