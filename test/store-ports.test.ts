/**
 * The store behind its ports (issue 24): findings are computed at ingest and only read by answers;
 * the change port notices another connection's commit.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreCatalog } from "../src/catalog/store-catalog.js";
import { RULES_VERSION } from "../src/checks/index.js";
import { refreshStaleFindings, storeDisclosure } from "../src/ingest/store-disclosure.js";
import { openSqliteStore, type SqliteStore } from "../src/store/sqlite/store.js";
import { parseText } from "./helpers/parse-text.js";
import { DATA_DIR, seedFiles } from "./helpers/test-bot.js";

const FILE = seedFiles()[0] as string;
const seed = () => parseText(readFileSync(join(DATA_DIR, FILE), "utf8"), FILE);
const cached = (s: SqliteStore) =>
  (s.db.prepare("SELECT count(*) AS n FROM findings_cache").get() as { n: number }).n;

let store: SqliteStore;
beforeEach(async () => {
  store = openSqliteStore(":memory:");
  await storeDisclosure(store, seed());
});
afterEach(() => store.close());

describe("findings at ingest", () => {
  it("are stored with the document in the save, and read back by the catalog", async () => {
    const [doc] = await store.disclosures.documents();
    const stored = await store.findings.load(doc?.id ?? -1, doc?.sha256 ?? "", RULES_VERSION);
    expect(stored).not.toBeNull();
    const catalog = new StoreCatalog(store);
    await catalog.refresh();
    const d = await store.disclosures.disclosure(doc?.id ?? -1);
    expect(d).not.toBeNull();
    if (d) expect(await catalog.findings(d)).toEqual(stored);
  });

  it("are never written by a read: a document without stored findings is checked in memory", async () => {
    store.db.prepare("DELETE FROM findings_cache").run();
    const catalog = new StoreCatalog(store);
    await catalog.refresh();
    const [doc] = await store.disclosures.documents();
    const d = await store.disclosures.disclosure(doc?.id ?? -1);
    if (!d) throw new Error("stored document missing");
    expect((await catalog.findings(d)).length).toBeGreaterThan(0);
    expect(cached(store)).toBe(0);
  });

  it("are computed again when an unchanged file is saved over findings of another rule set", async () => {
    store.db.prepare("UPDATE findings_cache SET rules_version = 'older-rules'").run();
    expect(await store.findings.stale(RULES_VERSION)).toHaveLength(1);
    const r = await storeDisclosure(store, seed());
    expect(r.status).toBe("unchanged");
    expect(await store.findings.stale(RULES_VERSION)).toEqual([]);
  });

  it("of documents stored under another rule set are checked again at start", async () => {
    store.db.prepare("UPDATE findings_cache SET rules_version = 'older-rules'").run();
    expect(await refreshStaleFindings(store)).toBe(1);
    expect(await store.findings.stale(RULES_VERSION)).toEqual([]);
    expect(await refreshStaleFindings(store)).toBe(0);
  });
});

describe("the change port", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "budget-ports-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("changes its version when another connection commits, and the catalog reloads on it", async () => {
    const path = join(dir, "budget.db");
    const mine = openSqliteStore(path);
    const other = openSqliteStore(path);
    try {
      const catalog = new StoreCatalog(mine);
      expect(await catalog.departments()).toEqual([]);
      const before = await mine.changes.version();
      await storeDisclosure(other, seed());
      expect(await mine.changes.version()).not.toBe(before);
      expect((await catalog.departments()).length).toBe(1);
    } finally {
      await mine.close();
      await other.close();
    }
  });
});
