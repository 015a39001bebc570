/**
 * Store a parsed disclosure and run the consistency rules on it: the one ingest step shared by
 * the `bot ingest` CLI, the test bot and the benchmark. Answers then read the stored findings.
 */
import { RULES_VERSION, runChecks } from "../checks/index.js";
import type { Disclosure } from "../domain/types.js";
import type { Db } from "../store/db.js";
import { saveFindings } from "../store/findings.js";
import { type SaveOptions, type SaveResult, saveDisclosure } from "../store/write.js";

/** Save `d` (idempotent) and, when its rows changed, its findings. */
export function storeDisclosure(db: Db, d: Disclosure, options: SaveOptions = {}): SaveResult {
  const result = saveDisclosure(db, d, options);
  if (result.status !== "unchanged") saveFindings(db, result.docId, d.sha256, RULES_VERSION, runChecks(d));
  return result;
}
