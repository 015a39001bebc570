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

/**
 * Levenshtein distance on UTF-16 units (CJK names are single units), or on the items of two lists
 * (pinyin syllables), for "did you mean" suggestions.
 */
export function editDistance(a: ArrayLike<string>, b: ArrayLike<string>): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min(
        (prev[j] as number) + 1,
        (prev[j - 1] as number) + 1,
        diag + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

/**
 * Sentences of a template's instructions to the publisher ("无…的，仍保留该表格式，并在本表下方作下述
 * 说明：", "注：本表反映…"): the 决算/预算 templates print them above the department's own sentence.
 */
const TEMPLATE_INSTRUCTION = /仍保留该表格式|在本表下方作|下述说明|^注[:：]\s*本表反映/;

/**
 * The department's own words in a note printed under a table: template instructions dropped,
 * a leading "说明：" removed ("说明：…本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。").
 * The note unchanged when it holds nothing else.
 */
export function departmentSentence(note: string): string {
  const parts = note
    .split(/(?<=[。；])|\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const own = parts.filter((p) => !TEMPLATE_INSTRUCTION.test(p)).map((p) => p.replace(/^说明[:：]\s*/, ""));
  return own.length ? own.join("") : note;
}
