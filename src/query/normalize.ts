/**
 * The one normaliser of what people type, used before any matching: invisible characters out,
 * NFKC (full-width → half-width), traditional → simplified characters, blanks collapsed.
 * Query words additionally lose the Chinese punctuation people put between them.
 */
import * as OpenCC from "opencc-js/t2cn";

/** Traditional (any region) → simplified (mainland) characters. */
const toSimplified: (text: string) => string = OpenCC.Converter({ from: "t", to: "cn" });

/** Line breaks, tabs and other blanks (JavaScript's \\s without the BOM, which draws nothing): one space. */
const BLANKS = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/**
 * Characters that draw nothing: controls (C0/C1), format characters (zero-width space/joiners,
 * soft hyphen, BOM, bidi marks and embeddings, word joiner), variation selectors, Hangul fillers.
 */
const INVISIBLE =
  /[\p{Cc}\p{Cf}\u115f\u1160\u3164\uffa0]|\u034f|\u17b4|\u17b5|[\u180b-\u180f]|[\ufe00-\ufe0f]/gu;

/** Punctuation people type between query words (after NFKC): ，、。？：；！ and their ASCII forms. */
const WORD_PUNCTUATION = /[,、。?:;!｡､~～…]+/g;

/** Clean a whole chat line: invisible characters removed, NFKC, simplified characters, blanks collapsed. */
export function normalizeText(text: string): string {
  const visible = text.replace(BLANKS, " ").replace(INVISIBLE, "");
  return toSimplified(visible.normalize("NFKC")).replace(BLANKS, " ").trim();
}

/** Normalise query words: normalizeText, then punctuation between words becomes a blank. */
export function normalizeQuery(text: string): string {
  return normalizeText(text).replace(WORD_PUNCTUATION, " ").replace(BLANKS, " ").trim();
}

/** Remove every blank and fold width, invisible characters and traditional forms: for comparing names. */
export function compact(text: string): string {
  return normalizeQuery(text).replace(/ /g, "");
}
