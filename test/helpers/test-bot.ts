/** A test bot: the real dispatcher over a real SQLite file holding the five seed disclosures. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppCore, createCore } from "../../src/app.js";
import { storeDisclosure } from "../../src/ingest/store-disclosure.js";
import { silentLogger } from "../../src/lifecycle/log.js";
import { renderText } from "../../src/render/index.js";
import type { Reply } from "../../src/reply/reply.js";
import { closeDb, type Db } from "../../src/store/sqlite/db.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite/store.js";
import { parseText } from "../helpers/parse-text.js";

/** Folder of the bundled corpus. */
export const DATA_DIR = join(import.meta.dirname, "../../data");

/** Seed file names in the corpus. */
export function seedFiles(): string[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort();
}

/** The core over a SQLite store, with its handle for tests that look at rows directly. */
export type TestCore = AppCore & { store: SqliteStore; db: Db };

/** A started test bot and its helpers. */
export interface TestBot {
  core: TestCore;
  dir: string;
  ask(line: string): Promise<Reply>;
  askText(line: string): Promise<string>;
  close(): void;
}

/** Ingest the seeds into a fresh temp database and assemble the real dispatcher over it. */
export async function startTestBot(opts: { clock?: () => Date } = {}): Promise<TestBot> {
  const dir = mkdtempSync(join(tmpdir(), "budget-bot-"));
  const store = openSqliteStore(join(dir, "budget.db"));
  for (const f of seedFiles()) {
    await storeDisclosure(store, parseText(readFileSync(join(DATA_DIR, f), "utf8"), f));
  }
  const core: TestCore = {
    ...createCore({ store, log: silentLogger, clock: opts.clock }),
    store,
    db: store.db,
  };
  await core.fresh();
  const ask = (line: string) =>
    core.dispatcher.dispatch({ text: line, platform: "console", userId: "tester", chatId: "test" });
  return {
    core,
    dir,
    ask,
    askText: async (line) => renderText(await ask(line)),
    close: () => {
      closeDb(store.db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
