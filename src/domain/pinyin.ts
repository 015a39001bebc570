/**
 * Pinyin of names, for "did you mean": a name typed by sound (绒东, 荣冬 for 容东) is close to the
 * department in pinyin even when no character matches. pinyin-pro reads polyphones in context.
 */
import { pinyin } from "pinyin-pro";
import { editDistance } from "./text.js";

const cache = new Map<string, readonly string[]>();

/** The toneless syllables of a text (`容东` → `rong dong`); characters without pinyin stay as they are. */
export function syllables(text: string): readonly string[] {
  let s = cache.get(text);
  if (!s) {
    s = pinyin(text, { toneType: "none", type: "array" });
    if (cache.size > 10_000) cache.clear();
    cache.set(text, s);
  }
  return s;
}

/** Edit distance between two texts counted in syllables, relative to the longer (0 = same sound). */
export function pinyinDistance(a: string, b: string): number {
  const x = syllables(a);
  const y = syllables(b);
  return editDistance(x, y) / Math.max(x.length, y.length, 1);
}
