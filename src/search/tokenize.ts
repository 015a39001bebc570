/**
 * Tokenizers for Chinese full-text search.
 *
 * Chinese has no spaces, so a word tokenizer keeps a whole run (容东片区安置房物业服务费项目) as one
 * token and finds nothing for 容东 or 物业. Dictionary segmenters break proper names into single
 * characters. We index overlapping character bigrams instead: every substring of two or more
 * characters of an indexed run is then found by AND-ing the query's own bigrams (后勤保障 →
 * 后勤 ∧ 勤保 ∧ 保障). Single characters are indexed too (where the caller asks for them) so that a
 * one-character query still matches. Latin letters and digits are kept as whole runs, so project
 * codes (13660024P00448510003Y) and years (2024) stay exact tokens.
 *
 * Text is NFKC-normalised (full-width ２０２４ → 2024) and lower-cased on both sides.
 */

/** A run of Han characters, or a run of other letters/digits (Latin, digits, …). */
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

/** Options of the index-side tokenizer. */
export interface TokenizeOptions {
  /** Also emit every single Han character (default true); without them a field answers only 2+ character queries. */
  unigrams?: boolean;
}

/** Splits normalised text into Han runs and letter/digit runs, in order. */
export function textRuns(text: string): { han: boolean; run: string }[] {
  const out: { han: boolean; run: string }[] = [];
  for (const m of text.normalize("NFKC").toLowerCase().matchAll(RUN)) {
    if (m[1] !== undefined) out.push({ han: true, run: m[1] });
    else if (m[2] !== undefined) out.push({ han: false, run: m[2] });
  }
  return out;
}

/** Overlapping character bigrams of a Han run, in order ("容东片区" → 容东, 东片, 片区). */
export function bigrams(run: string): string[] {
  const out: string[] = [];
  let prev: string | undefined;
  for (const c of run) {
    if (prev !== undefined) out.push(prev + c);
    prev = c;
  }
  return out;
}

/**
 * Index-side tokens: lower-cased; letter/digit runs whole; Han runs as overlapping bigrams
 * followed by their single characters (unless `unigrams: false`). Duplicates are kept so that
 * term frequency counts.
 */
export function tokenizeCjk(text: string, options: TokenizeOptions = {}): string[] {
  const unigrams = options.unigrams ?? true;
  const out: string[] = [];
  for (const { han, run } of textRuns(text)) {
    if (!han) {
      out.push(run);
      continue;
    }
    out.push(...bigrams(run));
    if (unigrams) for (const c of run) out.push(c);
  }
  return out;
}

/**
 * Query-side tokens: letter/digit runs whole; a Han run of two or more characters becomes its
 * bigrams only (all must match), a one-character run stays a single character. Deduplicated.
 */
export function queryTokens(q: string): string[] {
  const out = new Set<string>();
  for (const { han, run } of textRuns(q)) {
    if (!han) {
      out.add(run);
      continue;
    }
    const grams = bigrams(run);
    if (grams.length === 0) out.add(run);
    for (const g of grams) out.add(g);
  }
  return [...out];
}
