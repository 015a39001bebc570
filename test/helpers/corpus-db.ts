/**
 * Real corpus PDFs through the real ingest pipeline (ingest/pipeline.ts: bytes → stored) into a real
 * SQLite file in a temporary folder, with the real dispatcher to ask: the setup the corpus tests
 * share.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppCore, createCore } from "../../src/app.js";
import type { Disclosure } from "../../src/domain/types.js";
import { ingest } from "../../src/ingest/pipeline.js";
import { silentLogger } from "../../src/lifecycle/log.js";
import { closeDb, type Db } from "../../src/store/sqlite/db.js";
import { openSqliteStore } from "../../src/store/sqlite/store.js";
import { askText } from "./ask-core.js";
import { CORPUS_DIR } from "./corpus.js";

/** A database holding some corpus files, each file's Disclosure as read, and a way to ask. */
export interface CorpusDb {
  parsed: Map<string, Disclosure>;
  db: Db;
  core: AppCore;
  /** One chat line through the real dispatcher, rendered as plain text. */
  ask(line: string): Promise<string>;
  close(): void;
}

/** Read `files` (names in `from`, by default ../shared/corpus) in order and store each. */
export async function openCorpusDb(files: string[], from: string = CORPUS_DIR): Promise<CorpusDb> {
  const dir = mkdtempSync(join(tmpdir(), "budget-corpus-"));
  const store = openSqliteStore(join(dir, "budget.db"));
  const db = store.db;
  const parsed = new Map<string, Disclosure>();
  for (const f of files) {
    const o = await ingest(new Uint8Array(readFileSync(join(from, f))), f, {}, store);
    if (o.kind !== "stored") throw new Error(`${f} not stored: ${o.kind === "refused" ? o.message : o.kind}`);
    parsed.set(f, o.disclosure);
  }
  const core = createCore({ store, log: silentLogger });
  await core.fresh();
  return {
    parsed,
    db,
    core,
    ask: (line) => askText(core, line),
    close: () => {
      closeDb(store.db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
