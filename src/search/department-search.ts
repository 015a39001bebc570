/**
 * Fuzzy department-name suggestions with MiniSearch: a small in-memory index (one entry per
 * department, its name and derived aliases) over CJK bigrams, queried with OR so that a
 * fragment sharing any two-character word (or Latin/digit prefix) with a name is suggested.
 * This is where MiniSearch shines: short names, held in memory, fuzzy matching.
 */
import MiniSearch from "minisearch";
import { tokenizeCjk } from "./tokenize.js";

/** A department as indexed for suggestions. */
export interface DepartmentDoc {
  id: number;
  text: string;
}

/** Build the suggestion index. */
export function buildDepartmentSearch(docs: DepartmentDoc[]): MiniSearch<DepartmentDoc> {
  const ms = new MiniSearch<DepartmentDoc>({
    fields: ["text"],
    tokenize: (t) => tokenizeCjk(t, { unigrams: true }),
    searchOptions: {
      combineWith: "OR",
      prefix: (term) => /^[a-z0-9]{3,}$/i.test(term),
      fuzzy: (term) => (/^[a-z0-9]{5,}$/i.test(term) ? 1 : false),
    },
  });
  ms.addAll(docs);
  return ms;
}

/** Ids of the best suggestions for a fragment, best first. */
export function suggestDepartments(ms: MiniSearch<DepartmentDoc>, fragment: string, limit = 3): number[] {
  return ms
    .search(fragment)
    .slice(0, limit)
    .map((r) => r.id as number);
}
