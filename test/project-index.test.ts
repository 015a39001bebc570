import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppCore, createCore } from "../src/app.js";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import { silentLogger } from "../src/lifecycle/log.js";
import { closeDb, type Db } from "../src/store/sqlite/db.js";
import { rebuildProjectFts, searchProjectsFts } from "../src/store/sqlite/project-fts.js";
import { projectDocs, projectIndexRebuilds, storeFingerprint } from "../src/store/sqlite/project-index.js";
import { openSqliteStore, sqliteStore } from "../src/store/sqlite/store.js";
import { askText } from "./helpers/ask-core.js";
import { parseText } from "./helpers/parse-text.js";
import { DATA_DIR, seedFiles } from "./helpers/test-bot.js";

const seed = (f: string, text?: string) => parseText(text ?? readFileSync(join(DATA_DIR, f), "utf8"), f);

let dir: string;
let dbPath: string;
let botDb: Db;
let bot: AppCore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "budget-index-"));
  dbPath = join(dir, "budget.db");
  botDb = openSqliteStore(dbPath).db;
  // The bot runs on four seeds; the fifth (004, 居家养老项目 among its projects) comes later.
  for (const f of seedFiles().slice(0, 4)) await storeDisclosure(sqliteStore(botDb), seed(f));
  bot = createCore({ store: sqliteStore(botDb), log: silentLogger });
});

afterEach(() => {
  closeDb(botDb);
  rmSync(dir, { recursive: true, force: true });
});

/** `bot ingest` from another connection, as another process would. */
async function ingestBeside(f: string, text?: string): Promise<void> {
  const other = openSqliteStore(dbPath).db;
  try {
    await storeDisclosure(sqliteStore(other), seed(f, text));
  } finally {
    closeDb(other);
  }
}

/** Ids the index finds for each query, as sets (bm25 ties may order them differently). */
const hits = (db: Db, queries: string[]) =>
  queries.map((q) =>
    searchProjectsFts(db, q, { limit: 500 })
      .map((h) => h.id)
      .sort((a, b) => a - b),
  );

describe("the project index beside a running bot", () => {
  it("an ingest from another connection is searchable at once and the next /project never rebuilds the index", async () => {
    expect(await askText(bot, "/project 居家养老")).not.toContain("居家养老项目");
    const file = seedFiles()[4] as string;
    await ingestBeside(file);
    const before = projectIndexRebuilds();
    const answer = await askText(bot, "/project 居家养老");
    expect(answer).toContain("居家养老项目");
    expect(projectIndexRebuilds()).toBe(before);
  });

  it("a replaced document's old projects leave the index and its new ones enter, as a full rebuild would have it", async () => {
    const file = seedFiles()[4] as string;
    await ingestBeside(file);
    const changed = readFileSync(join(DATA_DIR, file), "utf8").replaceAll("居家养老", "居家照护试点");
    await ingestBeside(file, changed);
    const before = projectIndexRebuilds();
    const answer = await askText(bot, "/project 居家照护试点");
    expect(answer).toContain("居家照护试点项目");
    expect(await askText(bot, "/project 居家养老")).not.toContain("居家养老项目");
    expect(projectIndexRebuilds()).toBe(before);
    // Kept at ingest, the index holds what a full rebuild holds.
    const queries = ["居家", "社区", "经费", "保障", "文明城市", "补贴", "项目"];
    const incremental = hits(botDb, queries);
    rebuildProjectFts(botDb, projectDocs(botDb), storeFingerprint(botDb));
    expect(hits(botDb, queries)).toEqual(incremental);
  });
});
