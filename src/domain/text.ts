/** Text helpers shared by ingest, store, checks and answers. */

/** Remove all whitespace (ASCII, ideographic, no-break): for matching labels like "其中：财政    资金". */
export function squash(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, "");
}

/** Trim ASCII, ideographic and no-break spaces from both ends. */
export function trimAll(text: string): string {
  return text.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, "");
}

const ENUMERATOR = /^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）]|目标\s*\d|[一二三四五六七八九十]+、)/;

/**
 * Join a text's continuation lines: a line break after punctuation or before an
 * enumerator ("2.", "（三）", "目标 2") is kept; a break in the middle of a word is removed.
 */
export function joinContinuation(prev: string, next: string): string {
  if (prev === "") return next;
  if (next === "") return prev;
  if (/[。；;：:！？!?]$/.test(prev) || ENUMERATOR.test(next)) return `${prev}\n${next}`;
  return prev + next;
}

/** Echo user input in a reply without letting a very long input flood it. */
export function clip(text: string, max = 30): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}
