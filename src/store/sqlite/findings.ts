/**
 * Stored consistency findings: computed once per document (at ingest, or on first use) and kept
 * with the document's sha256 and the rule-set version, so answers read them instead of re-running
 * every rule. A changed document or rule set makes the stored copy stale; it is then recomputed.
 */
import type { Finding } from "../../domain/findings.js";
import type { Db } from "./db.js";

/** The stored findings of a document, or null when none are stored for this content and rule set. */
export function loadFindings(db: Db, docId: number, sha256: string, rulesVersion: string): Finding[] | null {
  const row = db
    .prepare("SELECT findings_json FROM findings_cache WHERE doc_id = ? AND sha256 = ? AND rules_version = ?")
    .get(docId, sha256, rulesVersion) as { findings_json: string } | undefined;
  return row ? (JSON.parse(row.findings_json) as Finding[]) : null;
}

/** Store (replace) the findings of a document. */
export function saveFindings(
  db: Db,
  docId: number,
  sha256: string,
  rulesVersion: string,
  findings: Finding[],
): void {
  db.prepare(
    `INSERT INTO findings_cache (doc_id, sha256, rules_version, findings_json) VALUES (?, ?, ?, ?)
     ON CONFLICT(doc_id) DO UPDATE SET sha256 = excluded.sha256, rules_version = excluded.rules_version,
       findings_json = excluded.findings_json`,
  ).run(docId, sha256, rulesVersion, JSON.stringify(findings));
}

/** Ids of the documents without stored findings for their content under `rulesVersion`. */
export function staleFindings(db: Db, rulesVersion: string): number[] {
  return (
    db
      .prepare(
        `SELECT d.id FROM documents d LEFT JOIN findings_cache f ON f.doc_id = d.id
         WHERE f.doc_id IS NULL OR f.sha256 <> d.sha256 OR f.rules_version <> ? ORDER BY d.id`,
      )
      .all(rulesVersion) as Array<{ id: number }>
  ).map((r) => r.id);
}
