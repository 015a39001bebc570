/** Normalise what people type: full-width → half-width, ideographic spaces, case. */

/** NFKC-fold a query (full-width digits/letters/punctuation → half-width) and collapse blanks. */
export function normalizeQuery(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, " ")
    .trim();
}

/** Remove every blank and fold width: for comparing names. */
export function compact(text: string): string {
  return text.normalize("NFKC").replace(/[\s\u3000]+/g, "");
}
