/** Text helpers shared by ingest, store, checks and answers. */

/** Remove all whitespace (ASCII, ideographic, no-break): for matching labels like "其中：财政    资金". */
export function squash(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, "");
}

/** Echo user input in a reply without letting a very long input flood it. */
export function clip(text: string, max = 30): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}
