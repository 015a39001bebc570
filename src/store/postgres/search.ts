/**
 * Project search on plain PostgreSQL, no extension (issue 22): the same tokens as the SQLite FTS5
 * index (store/sqlite/project-fts.ts: each Han run as its overlapping bigrams, single characters in
 * name and department, each letter/digit run one token) written as a `tsvector` literal — never
 * `to_tsvector`, so nothing depends on the server's parser or locale — with a GIN index. Weights
 * mark the field: name A, code B, department C, purpose/goal/indicators D. Positions leave a gap
 * between runs and fields, so a query run, asked as a phrase of its bigrams
 * (`'后勤' <-> '勤保' <-> '保障'`), matches exactly the rows holding that substring in one field.
 *
 * Tiers as in SQLite: (0) name equal to the query, (1) name or code holds every run (`:AB`),
 * (2) the rest; a tier with more than RANK_CAP matches is listed newest first unranked, a smaller
 * one is ranked by ts_rank with the field weights (SQLite: bm25), newest first among equals.
 */
import { textRuns } from "../../search/tokenize.js";
import type { ProjectDoc, ProjectHit, ProjectSearchOptions } from "../../search/types.js";
import { ftsText, RANK_CAP, takeUnseen } from "../sqlite/project-fts.js";
import type { Queryable } from "./pool.js";

/** The token FTS5 sees between runs (project-fts.ts): here a skipped position. */
const RUN_SEP = "\uE000";
/** Positions left empty between fields, so no phrase runs from one field into the next. */
const FIELD_GAP = 2;
/** tsvector positions stop at 16383 (PostgreSQL's limit). */
const MAX_POS = 16383;
/** Latin/digit query runs this long or longer also match as prefixes (partial project codes), as in SQLite. */
const PREFIX_MIN = 6;

/** Fields in position order with their weight label and whether single characters are indexed. */
const FIELDS = [
  ["name", "A", true],
  ["code", "B", false],
  ["department", "C", true],
  ["purpose", "D", false],
  ["goal", "D", false],
  ["indicators", "D", false],
] as const;

/** ts_rank weights {D, C, B, A}: SQLite's bm25 weights (name 10, code 6, department 2, text 1) scaled to 1. */
const RANK_WEIGHTS = "{0.1, 0.2, 0.6, 1.0}";

/** A lexeme quoted for a tsvector/tsquery literal. */
function lexeme(token: string): string {
  return `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** The whole text normalised to one string (exact-name tier, department filter). */
export function wholeText(text: string): string {
  return textRuns(text)
    .map((r) => r.run)
    .join(RUN_SEP);
}

/** The tsvector literal of one project: every token with its positions and field weight. */
export function projectTsvector(d: ProjectDoc): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  for (const [field, weight, unigrams] of FIELDS) {
    const value = d[field];
    const text = ftsText(value === null ? null : String(value), unigrams);
    if (text === "") continue;
    pos += FIELD_GAP;
    for (const token of text.split(" ")) {
      pos = Math.min(pos + 1, MAX_POS);
      if (token === RUN_SEP || token === "") continue;
      const list = positions.get(token) ?? [];
      list.push(`${pos}${weight}`);
      positions.set(token, list);
    }
  }
  return [...positions].map(([t, ps]) => `${lexeme(t)}:${ps.join(",")}`).join(" ");
}

/** The tsquery of a user query (runs ANDed, each a phrase), restricted to `weights`; null when nothing is searchable. */
export function projectTsquery(query: string, weights = ""): string | null {
  const terms: string[] = [];
  for (const { han, run } of textRuns(query)) {
    if (!han) {
      terms.push(`${lexeme(run)}:${run.length >= PREFIX_MIN ? "*" : ""}${weights}`);
      continue;
    }
    const chars = [...run];
    const grams = chars.length < 2 ? [run] : chars.slice(1).map((c, i) => chars[i] + c);
    terms.push(`(${grams.map((g) => `${lexeme(g)}${weights ? `:${weights}` : ""}`).join(" <-> ")})`);
  }
  return terms.length === 0 ? null : terms.join(" & ");
}

/** The tsquery of the name/code tiers: every run in the name or the code (SQLite: `{name code}:`). */
export function nameCodeTsquery(query: string): string | null {
  return projectTsquery(query, "AB");
}

/** Add or replace these projects in the index. */
export async function upsertProjectSearch(db: Queryable, docs: readonly ProjectDoc[]): Promise<void> {
  if (docs.length === 0) return;
  await db.query(
    `INSERT INTO project_search (id, terms, name_full, department, year)
     SELECT * FROM unnest($1::bigint[], $2::tsvector[], $3::text[], $4::text[], $5::bigint[])
     ON CONFLICT (id) DO UPDATE SET terms = excluded.terms, name_full = excluded.name_full,
       department = excluded.department, year = excluded.year`,
    [
      docs.map((d) => d.id),
      docs.map(projectTsvector),
      docs.map((d) => wholeText(d.name)),
      docs.map((d) => wholeText(d.department)),
      docs.map((d) => d.year),
    ],
  );
}

/** Remove these projects from the index. */
export async function deleteProjectSearch(db: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.query("DELETE FROM project_search WHERE id = ANY($1::bigint[])", [ids]);
}

/** Hits of one tier (rows matching `where`): ranked when at most RANK_CAP match, else newest first. */
async function tier(
  db: Queryable,
  where: string,
  params: unknown[],
  need: number,
  seen: Set<number>,
): Promise<ProjectHit[]> {
  const fetch = need + seen.size;
  const n = params.length;
  const probe = await db.query(
    `SELECT id FROM project_search WHERE ${where} ORDER BY id DESC LIMIT $${n + 1}`,
    [...params, RANK_CAP + 1],
  );
  let rows: ProjectHit[];
  if (probe.rows.length > RANK_CAP) {
    rows = probe.rows.slice(0, fetch).map((r: { id: number }) => ({ id: r.id, score: 0 }));
  } else if (probe.rows.length === 0) {
    rows = [];
  } else {
    const ranked = await db.query(
      `SELECT id, ts_rank('${RANK_WEIGHTS}', terms, $1::tsquery) AS score FROM project_search
        WHERE ${where} ORDER BY score DESC, id DESC LIMIT $${n + 1}`,
      [...params, fetch],
    );
    rows = ranked.rows as ProjectHit[];
  }
  return takeUnseen(rows, need, seen);
}

/** Ranked projects matching every run of the query (tiers: exact name, name/code, rest). */
export async function searchProjectsPg(
  db: Queryable,
  query: string,
  opts: ProjectSearchOptions = {},
): Promise<ProjectHit[]> {
  const any = projectTsquery(query);
  const limit = opts.limit ?? 20;
  if (any === null || limit <= 0) return [];
  const inName = nameCodeTsquery(query) as string;
  const nameOnly = projectTsquery(query, "A") as string;
  // $1 is the tier's own query (ts_rank ranks by it); $2 the name/code query; filters follow.
  let filter = "";
  const extra: unknown[] = [];
  if (opts.department !== undefined) {
    extra.push(wholeText(opts.department));
    filter += ` AND department = $${2 + extra.length}`;
  }
  if (opts.year !== undefined) {
    extra.push(Math.trunc(opts.year));
    filter += ` AND year = $${2 + extra.length}`;
  }
  extra.push(wholeText(query));
  const whole = `$${2 + extra.length}`;
  const tiers: Array<[string, unknown[]]> = [
    [
      `name_full = ${whole} AND terms @@ $1::tsquery AND $2::text IS NOT NULL${filter}`,
      [nameOnly, inName, ...extra],
    ],
    [
      `terms @@ $1::tsquery AND $2::text IS NOT NULL${filter} AND ${whole}::text IS NOT NULL`,
      [inName, inName, ...extra],
    ],
    [
      `terms @@ $1::tsquery AND NOT terms @@ $2::tsquery${filter} AND ${whole}::text IS NOT NULL`,
      [any, inName, ...extra],
    ],
  ];
  const seen = new Set<number>();
  const hits: ProjectHit[] = [];
  for (const [where, params] of tiers) {
    if (hits.length >= limit) break;
    hits.push(...(await tier(db, where, params, limit - hits.length, seen)));
  }
  return hits;
}
