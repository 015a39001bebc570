/**
 * Chinese numerals as used in headings and ordinals: 一、二、… 十二、 （三） 第一部分.
 * Pure helpers; no money here (money is in money.ts).
 */

/** Character class body of Chinese numeral characters used in ordinals (for building regexes). */
export const CN_NUMERAL_CHARS = "〇零一二两三四五六七八九十百";

const DIGIT: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * Parse a Chinese numeral below 1000 ("三" → 3, "十二" → 12, "二十" → 20, "一百零五" → 105)
 * or plain ASCII digits ("12" → 12). Returns null for anything else.
 */
export function parseCnNumber(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === "" || ![...t].every((c) => CN_NUMERAL_CHARS.includes(c))) return null;
  let total = 0;
  let digit: number | null = null;
  for (const c of t) {
    if (c === "百" || c === "十") {
      const mult = c === "百" ? 100 : 10;
      if (mult === 100 && total >= 100) return null;
      // "十二" means 12: a bare 十 stands for 一十.
      total += (digit ?? 1) * mult;
      digit = null;
    } else {
      if (digit !== null && digit !== 0) return null; // two digits in a row, e.g. "二三"
      digit = Object.hasOwn(DIGIT, c) ? (DIGIT[c] as number) : null;
    }
  }
  return total + (digit ?? 0);
}

const ENUMERATED_HEADING = new RegExp(
  `^(?:第[${CN_NUMERAL_CHARS}\\d]+部分|[${CN_NUMERAL_CHARS}]+[、．.]|[（(][${CN_NUMERAL_CHARS}\\d]+[)）]|\\d+[.、．](?!\\d))`,
);

/**
 * True when a line starts with a heading enumerator: "第一部分", "四、", "（二）", "3.", "1、".
 * Callers add their own length/punctuation checks to tell headings from numbered prose.
 */
export function hasHeadingEnumerator(text: string): boolean {
  return ENUMERATED_HEADING.test(text.trim());
}
