/** A test bot: the real dispatcher over a real SQLite file holding the five seed disclosures. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppCore, createCore } from "../../src/app.js";
import { storeDisclosure } from "../../src/ingest/store-disclosure.js";
import { silentLogger } from "../../src/log.js";
import { renderText } from "../../src/render/index.js";
import type { Reply } from "../../src/reply/reply.js";
import { closeDb, openDb } from "../../src/store/sqlite/db.js";
import { parseText } from "../helpers/parse-text.js";

/** Folder of the bundled corpus. */
export const DATA_DIR = join(import.meta.dirname, "../../data");

/** Seed file names in the corpus. */
export function seedFiles(): string[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort();
}

/** A started test bot and its helpers. */
export interface TestBot {
  core: AppCore;
  dir: string;
  ask(line: string): Promise<Reply>;
  askText(line: string): Promise<string>;
  close(): void;
}

/** Ingest the seeds into a fresh temp database and assemble the real dispatcher over it. */
export function startTestBot(opts: { clock?: () => Date } = {}): TestBot {
  const dir = mkdtempSync(join(tmpdir(), "budget-bot-"));
  const db = openDb(join(dir, "budget.db"));
  for (const f of seedFiles()) {
    storeDisclosure(db, parseText(readFileSync(join(DATA_DIR, f), "utf8"), f));
  }
  const core = createCore({ db, log: silentLogger, clock: opts.clock });
  const ask = (line: string) =>
    core.dispatcher.dispatch({ text: line, platform: "console", userId: "tester", chatId: "test" });
  return {
    core,
    dir,
    ask,
    askText: async (line) => renderText(await ask(line)),
    close: () => {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
