/** First-start corpus import shared by `npm start` and the CLI's `ask`. */
import ingestCommand from "./cli/ingest.js";
import type { CliIO } from "./cli/types.js";
import type { Db } from "./store/sqlite/db.js";
import { listDocuments } from "./store/sqlite/read/documents.js";

/** When the database holds no document, ingest the bundled corpus folder (progress to stderr). */
export async function ensureCorpus(db: Db, dbPath: string, dataDir: string, io: CliIO): Promise<void> {
  if (listDocuments(db).length > 0) return;
  io.err(`首次使用：导入 ${dataDir}/ 中的预算公开文件…`);
  await ingestCommand.run([dataDir, "--db", dbPath], { ...io, out: (l) => io.err(l) });
}
