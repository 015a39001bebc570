/**
 * Full-text index of projects (项目绩效目标表) with MiniSearch and the CJK bigram tokenizer.
 *
 * Ranking: MiniSearch BM25 with field boosts (name ≫ code > department > purpose/goal > indicators),
 * then re-ordered in three tiers so that a name equal to the query comes first, then names that
 * contain every query run as a substring, then everything else (bigram AND can match a phrase whose
 * bigrams are scattered; the substring tier puts true name matches above those).
 * The index keeps, besides MiniSearch's own data, a small side table per document (normalised name,
 * department, year) for that re-ordering and for filtering; everything else comes from SQLite.
 */

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import MiniSearch, { type Options, type SearchOptions } from "minisearch";
import { normalizeForMatch, queryRuns, queryTokens, tokenizeCjk } from "./tokenize.js";

/** One project as indexed: ids and text fields; money and provenance stay in SQLite. */
export interface ProjectDoc {
  id: number;
  department: string;
  year: number | null;
  code: string | null;
  name: string;
  purpose: string | null;
  goal: string | null;
  indicators: string;
}

/** A search result: the project's id and its relevance within its match tier. */
export interface ProjectHit {
  id: number;
  score: number;
}

/** Options of ProjectIndex.search. */
export interface ProjectSearchOptions {
  /** Only projects of this department (exact name as indexed). */
  department?: string;
  /** Only projects of this year. */
  year?: number;
  /** Maximum number of hits (default 20). */
  limit?: number;
}

/** Indexed fields, in MiniSearch order. */
const FIELDS = ["name", "code", "department", "purpose", "goal", "indicators"] as const;
type Field = (typeof FIELDS)[number];

/** Field boosts: a name match outranks any number of purpose/goal/indicator matches. */
const BOOST: Record<Field, number> = {
  name: 10,
  code: 6,
  department: 2,
  purpose: 1,
  goal: 1,
  indicators: 0.5,
};

/**
 * Fields that also index single characters. One-character queries answer from names and
 * departments only: single characters of long texts triple the index and match nearly everything.
 */
const UNIGRAM_FIELDS: ReadonlySet<string> = new Set<Field>(["name", "department"]);

/** Latin/digit query terms this long or longer also match as prefixes (partial project codes). */
const PREFIX_MIN = 6;

/** Format tag of ProjectIndex.toJSON and of the persisted file. */
const FORMAT = "budget-bot/project-index";
const VERSION = 1;

/** MiniSearch options shared by build and load (load needs the very same tokenizer). */
const MS_OPTIONS: Options<ProjectDoc> = {
  idField: "id",
  fields: [...FIELDS],
  storeFields: [],
  extractField: (doc, field) => {
    const v = (doc as unknown as Record<string, unknown>)[field];
    if (field === "id") return v as string;
    return v === null || v === undefined ? "" : String(v);
  },
  tokenize: (text, field) =>
    tokenizeCjk(text, { unigrams: field === undefined || UNIGRAM_FIELDS.has(field) }),
  processTerm: (term) => term,
  searchOptions: {
    tokenize: queryTokens,
    processTerm: (term) => term,
    combineWith: "AND",
    boost: BOOST,
    prefix: (term) =>
      term.length >= PREFIX_MIN && /^[\p{L}\p{N}]+$/u.test(term) && !/\p{Script=Han}/u.test(term),
    fuzzy: false,
  },
};

/** Per-document data kept beside MiniSearch: normalised name, department index, year. */
interface Side {
  names: string[];
  depts: number[];
  years: (number | null)[];
  deptList: string[];
}

/** Serialised form of a ProjectIndex. */
interface IndexJson {
  format: string;
  version: number;
  ids: number[];
  side: Side;
  mini: Parameters<typeof MiniSearch.loadJS>[0];
}

/** In-memory full-text index of projects; build once, persist with saveIndex, reload with loadIndex. */
export class ProjectIndex {
  private readonly pos = new Map<number, number>();
  private readonly deptId = new Map<string, number>();

  private constructor(
    private readonly mini: MiniSearch<ProjectDoc>,
    private readonly ids: number[],
    private readonly side: Side,
  ) {
    for (const [i, id] of ids.entries()) this.pos.set(id, i);
    for (const [i, d] of side.deptList.entries()) this.deptId.set(d, i);
  }

  /** Builds an index over the given projects (ids must be unique). */
  static build(docs: ProjectDoc[]): ProjectIndex {
    const mini = new MiniSearch<ProjectDoc>(MS_OPTIONS);
    mini.addAll(docs);
    const deptIds = new Map<string, number>();
    const side: Side = { names: [], depts: [], years: [], deptList: [] };
    for (const d of docs) {
      let di = deptIds.get(d.department);
      if (di === undefined) {
        di = side.deptList.length;
        deptIds.set(d.department, di);
        side.deptList.push(d.department);
      }
      side.names.push(normalizeForMatch(d.name));
      side.depts.push(di);
      side.years.push(d.year);
    }
    return new ProjectIndex(
      mini,
      docs.map((d) => d.id),
      side,
    );
  }

  /** Restores an index from ProjectIndex.toJSON output; throws on malformed input. */
  static load(json: string): ProjectIndex {
    const parsed = JSON.parse(json) as IndexJson;
    if (parsed?.format !== FORMAT || parsed.version !== VERSION) throw new Error("not a project index");
    const { ids, side } = parsed;
    if (
      !Array.isArray(ids) ||
      !Array.isArray(side?.names) ||
      side.names.length !== ids.length ||
      side.depts.length !== ids.length ||
      side.years.length !== ids.length
    ) {
      throw new Error("project index side table is inconsistent");
    }
    const mini = MiniSearch.loadJS<ProjectDoc>(parsed.mini, MS_OPTIONS);
    if (mini.documentCount !== ids.length) throw new Error("project index document count mismatch");
    return new ProjectIndex(mini, ids, side);
  }

  /** Serialises the index (MiniSearch data plus the side table) to a JSON string. */
  toJSON(): string {
    const head = { format: FORMAT, version: VERSION, ids: this.ids, side: this.side };
    const h = JSON.stringify(head);
    return `${h.slice(0, -1)},"mini":${JSON.stringify(this.mini)}}`;
  }

  /** Number of indexed projects. */
  get size(): number {
    return this.mini.documentCount;
  }

  /**
   * Ranked projects matching every token of the query (see module comment for the order).
   * An empty query or one without letters, digits or Han characters returns [].
   */
  search(query: string, opts: ProjectSearchOptions = {}): ProjectHit[] {
    const limit = opts.limit ?? 20;
    if (limit <= 0 || queryTokens(query).length === 0) return [];
    let deptFilter: number | undefined;
    if (opts.department !== undefined) {
      deptFilter = this.deptId.get(opts.department);
      if (deptFilter === undefined) return [];
    }
    const year = opts.year;
    const searchOpts: SearchOptions = {};
    if (deptFilter !== undefined || year !== undefined) {
      searchOpts.filter = (r) => {
        const i = this.pos.get(r.id as number);
        if (i === undefined) return false;
        if (deptFilter !== undefined && this.side.depts[i] !== deptFilter) return false;
        if (year !== undefined && this.side.years[i] !== year) return false;
        return true;
      };
    }
    const results = this.mini.search(query, searchOpts);
    const exact = normalizeForMatch(query);
    const runs = queryRuns(query);
    const tier = (id: number): number => {
      const name = this.side.names[this.pos.get(id) ?? -1];
      if (name === undefined) return 2;
      if (name === exact) return 0;
      return runs.every((r) => name.includes(r)) ? 1 : 2;
    };
    // Results arrive sorted by score; only tiers 0 and 1 need to move up, so a stable
    // partition keeps the work linear.
    const t0: ProjectHit[] = [];
    const t1: ProjectHit[] = [];
    const t2: ProjectHit[] = [];
    for (const r of results) {
      const hit = { id: r.id as number, score: r.score };
      const t = tier(hit.id);
      (t === 0 ? t0 : t === 1 ? t1 : t2).push(hit);
      if (t0.length >= limit) break;
    }
    return [...t0, ...t1, ...t2].slice(0, limit);
  }
}

/** Header line of a persisted index file. */
interface FileHeader {
  format: string;
  version: number;
  fingerprint: string;
  bytes: number;
}

/**
 * Writes the index atomically (temporary file, then rename) with a fingerprint of the data it
 * was built from, so that loadIndex can tell a stale file.
 */
export function saveIndex(path: string, index: ProjectIndex, fingerprint: string): void {
  const body = index.toJSON();
  const header: FileHeader = {
    format: FORMAT,
    version: VERSION,
    fingerprint,
    bytes: Buffer.byteLength(body),
  };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(header)}\n${body}`, { flush: true });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Reads an index saved by saveIndex; null when the file is missing, corrupt or has another fingerprint. */
export function loadIndex(path: string, fingerprint: string): ProjectIndex | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  const nl = text.indexOf("\n");
  if (nl < 0) return null;
  try {
    const header = JSON.parse(text.slice(0, nl)) as FileHeader;
    if (header?.format !== FORMAT || header.version !== VERSION || header.fingerprint !== fingerprint)
      return null;
    const body = text.slice(nl + 1);
    if (Buffer.byteLength(body) !== header.bytes) return null;
    return ProjectIndex.load(body);
  } catch {
    return null;
  }
}
