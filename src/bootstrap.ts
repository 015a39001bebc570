/** First-start corpus import shared by `npm start` and the CLI's `ask`. */
import { ingestPaths } from "./cli/ingest.js";
import type { CliIO } from "./cli/types.js";
import type { Db } from "./store/db.js";
import { listDocuments } from "./store/read/documents.js";

/** When the database holds no document, ingest the bundled corpus folder (progress to stderr). */
export async function ensureCorpus(db: Db, dbPath: string, dataDir: string, io: CliIO): Promise<void> {
  if (listDocuments(db).length > 0) return;
  io.err(`首次使用：导入 ${dataDir}/ 中的预算公开文件…`);
  // Into the bot's own database: every file goes through the one ingest pipeline.
  await ingestPaths([dataDir], { store: db, dbLabel: dbPath }, { ...io, out: (l) => io.err(l) });
}
