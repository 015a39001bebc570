/**
 * Where chat-sent documents came from (document_sources, schema 14), and removing a document:
 * its rows go by the cascades, its project search entries with the index update of the same
 * transaction.
 */
import type { DocumentInfo, DocumentSource } from "../ports.js";
import type { Db } from "./db.js";
import { projectIndexAfter, projectIndexBefore } from "./project-index.js";
import { getDocument } from "./read/documents.js";

/** Remember who sent a document. */
export function recordSource(db: Db, docId: number, s: DocumentSource): void {
  db.prepare(
    `INSERT OR REPLACE INTO document_sources (doc_id, platform, user_id, chat_id, team_id, sent_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(docId, s.platform, s.userId, s.chatId, s.teamId, s.at);
}

/** Who sent each of these documents (those sent in chat). */
export function sourcesOf(db: Db, docIds: readonly number[]): Map<number, DocumentSource> {
  const out = new Map<number, DocumentSource>();
  const get = db.prepare(
    "SELECT platform, user_id, chat_id, team_id, sent_at FROM document_sources WHERE doc_id = ?",
  );
  for (const id of docIds) {
    const r = get.get(id) as
      | { platform: string; user_id: string; chat_id: string; team_id: string | null; sent_at: string }
      | undefined;
    if (r)
      out.set(id, {
        platform: r.platform,
        userId: r.user_id,
        chatId: r.chat_id,
        teamId: r.team_id,
        at: r.sent_at,
      });
  }
  return out;
}

/** Remove one document (one transaction); the removed document or null. */
export function removeDocument(db: Db, docId: number): DocumentInfo | null {
  const run = db.transaction((): DocumentInfo | null => {
    const doc = getDocument(db, docId);
    if (!doc) return null;
    const index = projectIndexBefore(db, docId);
    db.prepare("DELETE FROM documents WHERE id = ?").run(docId);
    // The document is gone: the index update rebuilds from what is stored now.
    projectIndexAfter(db, index, docId);
    return doc;
  });
  return run.immediate();
}
