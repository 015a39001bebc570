/**
 * Lookups into a parsed Disclosure shared by answers, summaries and checks: a standard table by
 * kind, a row by name, a cell by column header, a narrative fact by key. Pure; no I/O.
 */
import { type TableTopic, tableFigure } from "./table-figures.js";
import { squash } from "./text.js";
import type {
  Disclosure,
  Figure,
  FundScope,
  NarrativeFact,
  NarrativeKey,
  StandardRow,
  StandardTable,
  StandardTableKind,
} from "./types.js";

/** The first table of a kind, if the document has it. */
export function tableOf(doc: Disclosure, kind: StandardTableKind): StandardTable | undefined {
  return doc.tables.find((t) => t.kind === kind);
}

/** The first row whose name (whitespace removed) matches, optionally on one side of a two-sided table. */
export function rowNamed(t: StandardTable | undefined, re: RegExp, side?: string): StandardRow | undefined {
  return t?.rows.find((r) => re.test(squash(r.name)) && (side === undefined || r.side === side));
}

/** The value of a row in the first column whose header (whitespace removed) matches; null when blank. */
export function cellOf(row: StandardRow | undefined, col: RegExp): Figure | null {
  if (!row) return null;
  for (const [k, v] of Object.entries(row.values)) if (col.test(squash(k))) return v;
  return null;
}

/**
 * The first stated fact for a key (a level, not a change, when both exist; the department's own
 * figure before a per-subject line or an all-funds (全口径) one).
 */
export function factOf(doc: Disclosure, key: NarrativeKey): NarrativeFact | undefined {
  const all = doc.narrative.filter((f) => f.key === key);
  return (
    all.find((f) => f.direction === null && !f.subject && f.scope !== "all") ??
    all.find((f) => f.direction === null) ??
    all[0]
  );
}

/**
 * The narrative's statement of `key` counted over one of `scopes` (in order of preference), e.g.
 * the 一般公共预算财政拨款基本支出 to set against the 一般公共预算 基本支出 table; change and
 * per-subject lines excluded.
 */
export function factInScope(
  doc: Disclosure,
  key: NarrativeKey,
  scopes: FundScope[],
): NarrativeFact | undefined {
  for (const scope of scopes) {
    const hit = doc.narrative.find(
      (f) => f.key === key && f.scope === scope && f.direction === null && !f.subject,
    );
    if (hit) return hit;
  }
  return undefined;
}

/** Keys of the headline figures, in display order. */
export const HEADLINE_KEYS = ["income", "expense", "basic", "project", "sangong"] as const;

/** One headline figure key. */
export type HeadlineKey = (typeof HEADLINE_KEYS)[number];

/**
 * The headline figures of a document (收入/支出总计, 基本/项目支出, “三公”经费): the standard tables
 * by meaning first (domain/table-figures.ts), the 情况说明 narrative where the tables state none;
 * null where the document states none. The /budget overview and the weekly summary read them here.
 */
export function headlineFigures(doc: Disclosure): Record<HeadlineKey, Figure | null> {
  return {
    income: tableOrFact(doc, "income.total"),
    expense: tableOrFact(doc, "expense.total"),
    basic: tableOrFact(doc, "expense.basic"),
    project: tableOrFact(doc, "expense.project"),
    sangong: tableOrFact(doc, "sangong.total"),
  };
}

/** A headline figure as the standard tables state it, else as the narrative states it, else null. */
export function tableOrFact(doc: Disclosure, topic: TableTopic): Figure | null {
  return tableFigure(doc.tables, topic) ?? factOf(doc, topic)?.figure ?? null;
}
