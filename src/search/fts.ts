/**
 * Project full-text search in SQLite FTS5, the alternative to the in-memory MiniSearch index.
 *
 * FTS5 has no Chinese tokenizer that answers two-character queries (trigram needs ≥ 3), so the
 * text is pre-split in JS: each Han run becomes its overlapping bigrams in order (plus single
 * characters in name/department), each letter/digit run one token, runs separated by a
 * private-use marker token. The default unicode61 tokenizer then only splits on spaces.
 * A query run becomes a phrase of its bigrams, which matches exactly the documents containing
 * that substring (bigrams in a row), so no false positives from scattered bigrams.
 * The table is contentless (only the index is stored) and keeps a few UNINDEXED columns for
 * filtering and ranking. Same ranking as ProjectIndex: exact name, then names containing every
 * query run, then bm25 with field weights.
 */

import type { Database } from "better-sqlite3";
import type { ProjectDoc, ProjectHit, ProjectSearchOptions } from "./project-index.js";
import { bigrams, normalizeForMatch, queryRuns, textRuns } from "./tokenize.js";

/** Name of the FTS5 table. */
export const FTS_TABLE = "project_fts";
/** Key/value table holding the fingerprint of the data the FTS table was built from. */
const META_TABLE = "project_fts_meta";

/** Separator token between runs: private-use character, never produced by a query. */
const RUN_SEP = "\uE000";

/** Indexed columns with bm25 weights, in table order (name weighs most). */
const COLUMNS = [
  ["name", 10],
  ["code", 6],
  ["department", 2],
  ["purpose", 1],
  ["goal", 1],
  ["indicators", 0.5],
] as const;

/** Columns that also index single characters (one-character queries search these). */
const UNIGRAM_COLUMNS: ReadonlySet<string> = new Set(["name", "department"]);

/** Latin/digit query runs this long or longer also match as prefixes (partial project codes). */
const PREFIX_MIN = 6;

/** Text of one FTS column: bigram sequences per Han run, optional single characters, run separators. */
export function ftsText(text: string | null, unigrams: boolean): string {
  if (!text) return "";
  const parts: string[] = [];
  const singles: string[] = [];
  for (const { han, run } of textRuns(text)) {
    if (parts.length > 0) parts.push(RUN_SEP);
    if (!han) {
      parts.push(run);
      continue;
    }
    for (const g of bigrams(run)) parts.push(g);
    if (unigrams) for (const c of run) singles.push(c);
  }
  if (singles.length > 0) parts.push(RUN_SEP, ...singles);
  return parts.join(" ");
}

/** FTS5 MATCH expression for a user query, or null when it has no searchable run. */
export function ftsMatch(query: string): string | null {
  const terms: string[] = [];
  for (const { han, run } of textRuns(query)) {
    if (!han) {
      terms.push(run.length >= PREFIX_MIN ? `"${run}"*` : `"${run}"`);
      continue;
    }
    const grams = bigrams(run);
    terms.push(grams.length === 0 ? `"${run}"` : `"${grams.join(" ")}"`);
  }
  return terms.length === 0 ? null : terms.join(" AND ");
}

/** Creates the FTS table and its meta table when missing. */
export function createProjectFts(db: Database): void {
  const cols = COLUMNS.map(([c]) => c).join(", ");
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS_TABLE} USING fts5(${cols}, dept_key UNINDEXED, year UNINDEXED, name_key UNINDEXED, content='', contentless_delete=1, contentless_unindexed=1, tokenize='unicode61 remove_diacritics 0');
     CREATE TABLE IF NOT EXISTS ${META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  );
}

/** Replaces the whole FTS content with these projects and records the fingerprint, in one transaction. */
export function rebuildProjectFts(db: Database, docs: ProjectDoc[], fingerprint: string): void {
  createProjectFts(db);
  const del = db.prepare(`DELETE FROM ${FTS_TABLE}`);
  const ins = db.prepare(
    `INSERT INTO ${FTS_TABLE} (rowid, ${COLUMNS.map(([c]) => c).join(", ")}, dept_key, year, name_key) VALUES (${Array(COLUMNS.length + 4)
      .fill("?")
      .join(", ")})`,
  );
  const meta = db.prepare(`INSERT OR REPLACE INTO ${META_TABLE} (key, value) VALUES ('fingerprint', ?)`);
  db.transaction(() => {
    del.run();
    for (const d of docs) {
      const values = COLUMNS.map(([c]) => ftsText(d[c] === null ? null : String(d[c]), UNIGRAM_COLUMNS.has(c)));
      ins.run(d.id, ...values, d.department, d.year, normalizeForMatch(d.name));
    }
    meta.run(fingerprint);
  })();
}

/** Fingerprint recorded by the last rebuild, or null when the table was never built. */
export function projectFtsFingerprint(db: Database): string | null {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(META_TABLE);
  if (!exists) return null;
  const row = db.prepare(`SELECT value FROM ${META_TABLE} WHERE key = 'fingerprint'`).get() as
    | { value: string }
    | undefined;
  return row?.value ?? null;
}

/** Ranked projects matching every run of the query (same order rules as ProjectIndex.search). */
export function searchProjectsFts(db: Database, query: string, opts: ProjectSearchOptions = {}): ProjectHit[] {
  const match = ftsMatch(query);
  const limit = opts.limit ?? 20;
  if (match === null || limit <= 0) return [];
  const runs = queryRuns(query);
  const params: unknown[] = [normalizeForMatch(query), ...runs, match];
  let where = `${FTS_TABLE} MATCH ?`;
  if (opts.department !== undefined) {
    where += " AND dept_key = ?";
    params.push(opts.department);
  }
  if (opts.year !== undefined) {
    where += " AND year = ?";
    params.push(opts.year);
  }
  params.push(limit);
  const contains = runs.map(() => "instr(name_key, ?) > 0").join(" AND ");
  const weights = COLUMNS.map(([, w]) => w).join(", ");
  const sql = `SELECT rowid AS id, -bm25(${FTS_TABLE}, ${weights}) AS score,
      CASE WHEN name_key = ? THEN 0 WHEN ${contains} THEN 1 ELSE 2 END AS tier
    FROM ${FTS_TABLE} WHERE ${where} ORDER BY tier, score DESC LIMIT ?`;
  const rows = db.prepare(sql).all(...params) as { id: number; score: number }[];
  return rows.map((r) => ({ id: r.id, score: r.score }));
}
