/** First-start corpus import shared by `npm start` and the CLI's `ask`. */
import { ingestPaths } from "./ingest.js";
import type { CliIO } from "./types.js";
import { refreshStaleFindings } from "../ingest/store-disclosure.js";
import type { Store } from "../store/ports.js";

/**
 * When the store holds no document, ingest the bundled corpus folder (progress to stderr); else
 * check again the documents whose stored findings are of an older rule set, so answers only read.
 */
export async function ensureCorpus(store: Store, dbPath: string, dataDir: string, io: CliIO): Promise<void> {
  if ((await store.disclosures.documents()).length > 0) {
    await refreshStaleFindings(store);
    return;
  }
  io.err(`首次使用：导入 ${dataDir}/ 中的预算公开文件…`);
  // Into the bot's own database: every file goes through the one ingest pipeline.
  await ingestPaths([dataDir], { store, dbLabel: dbPath }, { ...io, out: (l) => io.err(l) });
}
