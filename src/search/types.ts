/** Shared shapes of project search: what is indexed and what a search returns. */

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

/** Options of a project search. */
export interface ProjectSearchOptions {
  /** Only projects of this department (exact name as indexed). */
  department?: string;
  /** Only projects of this year. */
  year?: number;
  /** Maximum number of hits (default 20). */
  limit?: number;
}
