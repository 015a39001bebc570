/**
 * Project full-text search in SQLite FTS5. Chosen over an in-memory MiniSearch index because
 * MiniSearch could not hold the latency and load targets at 75k projects (see DESIGN.md).
 *
 * FTS5 has no Chinese tokenizer that answers two-character queries (trigram needs ≥ 3), so text
 * is pre-split in JS: each Han run becomes its overlapping bigrams in order (plus single
 * characters in name/department), each letter/digit run one token, runs separated by a
 * private-use marker token. The default unicode61 tokenizer then only splits on spaces.
 * A query run becomes a phrase of its bigrams, which matches exactly the documents containing
 * that substring (bigrams in a row), so no false positives from scattered bigrams.
 *
 * The table is contentless (only the index is stored; details come from the projects table).
 * Two extra indexed columns make filters and exact names index look-ups instead of row scans:
 * `name_full` holds the whole normalised name as one token, `facets` one token for the
 * department and one for the year.
 *
 * Ranking, in tiers: (0) name equal to the query, (1) name or code contains every query run,
 * (2) the rest (department, purpose, goal, indicators); within a tier by bm25 with field
 * weights. A tier with more than RANK_CAP matches (a query like 项目 or 服务) is not ranked —
 * bm25 over tens of thousands of rows costs ~1 µs a row and is meaningless for a term that
 * nearly every row contains — it is listed newest row first with score 0.
 */

import type { Database } from "better-sqlite3";
import { bigrams, textRuns } from "../../search/tokenize.js";
import type { ProjectDoc, ProjectHit, ProjectSearchOptions } from "../../search/types.js";

/** Name of the FTS5 table. */
export const FTS_TABLE = "project_fts";
/** Key/value table holding the fingerprint of the data the FTS table was built from. */
export const FTS_META_TABLE = "project_fts_meta";

/** Separator token between runs: a private-use character, never produced by a query. */
const RUN_SEP = "\uE000";
/** Prefixes keeping name_full and facet tokens apart from text tokens. */
const NAME_MARK = "\uE001";
const DEPT_MARK = "\uE002";
const YEAR_MARK = "\uE003";

/** Text columns with bm25 weights, in table order (name weighs most). */
const COLUMNS = [
  ["name", 10],
  ["code", 6],
  ["department", 2],
  ["purpose", 1],
  ["goal", 1],
  ["indicators", 0.5],
] as const;
const TEXT_COLUMNS = COLUMNS.map(([c]) => c).join(" ");
/** bm25 weights for all table columns; name_full and facets do not count. */
const WEIGHTS = [...COLUMNS.map(([, w]) => w), 0, 0].join(", ");

/** Columns that also index single characters (one-character queries search these). */
const UNIGRAM_COLUMNS: ReadonlySet<string> = new Set(["name", "department"]);

/** Latin/digit query runs this long or longer also match as prefixes (partial project codes). */
const PREFIX_MIN = 6;

/** A tier with more matches than this is listed newest first instead of being ranked. */
export const RANK_CAP = 5000;

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

/** One token standing for the whole normalised text (for exact-name and department matches). */
function wholeToken(mark: string, text: string): string {
  return (
    mark +
    textRuns(text)
      .map((r) => r.run)
      .join(RUN_SEP)
  );
}

/** FTS5 MATCH expression for a user query (runs AND-ed), or null when it has no searchable run. */
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
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS_TABLE} USING fts5(${cols}, name_full, facets, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
     CREATE TABLE IF NOT EXISTS ${FTS_META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  );
}

/** Column values of one project, in table order. */
function rowValues(d: ProjectDoc): string[] {
  const text = COLUMNS.map(([c]) => {
    const v = d[c];
    return ftsText(v === null ? null : String(v), UNIGRAM_COLUMNS.has(c));
  });
  const facets = [wholeToken(DEPT_MARK, d.department)];
  if (d.year !== null) facets.push(YEAR_MARK + String(d.year));
  return [...text, wholeToken(NAME_MARK, d.name), facets.join(" ")];
}

/** Adds or replaces these projects (by id) without touching the others. */
export function upsertProjectsFts(db: Database, docs: ProjectDoc[]): void {
  createProjectFts(db);
  const del = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`);
  const ins = db.prepare(
    `INSERT INTO ${FTS_TABLE} (rowid, ${COLUMNS.map(([c]) => c).join(", ")}, name_full, facets) VALUES (${Array(
      COLUMNS.length + 3,
    )
      .fill("?")
      .join(", ")})`,
  );
  db.transaction(() => {
    for (const d of docs) {
      del.run(d.id);
      ins.run(d.id, ...rowValues(d));
    }
  })();
}

/** Removes these projects from the FTS table. */
export function deleteProjectsFts(db: Database, ids: number[]): void {
  createProjectFts(db);
  const del = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`);
  db.transaction(() => {
    for (const id of ids) del.run(id);
  })();
}

/** Replaces the whole FTS content with these projects and records the fingerprint, in one transaction. */
export function rebuildProjectFts(db: Database, docs: ProjectDoc[], fingerprint: string): void {
  createProjectFts(db);
  db.transaction(() => {
    db.prepare(`DELETE FROM ${FTS_TABLE}`).run();
    upsertProjectsFts(db, docs);
    db.prepare(`INSERT INTO ${FTS_TABLE} (${FTS_TABLE}) VALUES ('optimize')`).run();
    setProjectFtsFingerprint(db, fingerprint);
  })();
}

/** Records the fingerprint of the data the FTS table now reflects. */
export function setProjectFtsFingerprint(db: Database, fingerprint: string): void {
  createProjectFts(db);
  db.prepare(`INSERT OR REPLACE INTO ${FTS_META_TABLE} (key, value) VALUES ('fingerprint', ?)`).run(
    fingerprint,
  );
}

/** Fingerprint recorded by the last rebuild, or null when the table was never built. */
export function projectFtsFingerprint(db: Database): string | null {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(FTS_META_TABLE);
  if (!exists) return null;
  const row = db.prepare(`SELECT value FROM ${FTS_META_TABLE} WHERE key = 'fingerprint'`).get() as
    | { value: string }
    | undefined;
  return row?.value ?? null;
}

/** The first `need` hits not listed by an earlier tier (marked as listed now). */
export function takeUnseen(rows: readonly ProjectHit[], need: number, seen: Set<number>): ProjectHit[] {
  const out: ProjectHit[] = [];
  for (const r of rows) {
    if (out.length >= need) break;
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

/** Hits of one tier: ranked by bm25 when it has at most RANK_CAP matches, else newest first. */
function tier(db: Database, expr: string, need: number, seen: Set<number>): ProjectHit[] {
  const fetch = need + seen.size;
  const probe = db
    .prepare(`SELECT rowid AS id FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? ORDER BY rowid DESC LIMIT ?`)
    .all(expr, RANK_CAP + 1) as { id: number }[];
  let rows: ProjectHit[];
  if (probe.length > RANK_CAP) {
    rows = probe.slice(0, fetch).map((r) => ({ id: r.id, score: 0 }));
  } else if (probe.length === 0) {
    rows = [];
  } else {
    rows = db
      .prepare(
        `SELECT rowid AS id, -bm25(${FTS_TABLE}, ${WEIGHTS}) AS score FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? ORDER BY score DESC, rowid DESC LIMIT ?`,
      )
      .all(expr, fetch) as ProjectHit[];
  }
  return takeUnseen(rows, need, seen);
}

/** Ranked projects matching every run of the query (tiers: exact name, name/code, rest). */
export function searchProjectsFts(
  db: Database,
  query: string,
  opts: ProjectSearchOptions = {},
): ProjectHit[] {
  const match = ftsMatch(query);
  const limit = opts.limit ?? 20;
  if (match === null || limit <= 0) return [];
  let filter = "";
  if (opts.department !== undefined) filter += ` AND {facets}: "${wholeToken(DEPT_MARK, opts.department)}"`;
  if (opts.year !== undefined) filter += ` AND {facets}: "${YEAR_MARK}${Math.trunc(opts.year)}"`;
  const exact = `{name_full}: "${wholeToken(NAME_MARK, query)}" AND {name}: (${match})${filter}`;
  const inName = `{name code}: (${match})${filter}`;
  const rest = `({${TEXT_COLUMNS}}: (${match})${filter}) NOT {name code}: (${match})`;
  const seen = new Set<number>();
  const hits: ProjectHit[] = [];
  for (const expr of [exact, inName, rest]) {
    if (hits.length >= limit) break;
    hits.push(...tier(db, expr, limit - hits.length, seen));
  }
  return hits;
}
