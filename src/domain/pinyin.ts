/**
 * Pinyin of names, for "did you mean": a name typed by sound (绒东, 荣冬 for 容东) is close to the
 * department in pinyin even when no character matches. pinyin-pro reads polyphones in context.
 */
import { createRequire } from "node:module";
import { editDistance } from "./text.js";

type PinyinPro = typeof import("pinyin-pro");
let pinyinPro: PinyinPro | null = null;

/** pinyin-pro, loaded on first use: only "did you mean" needs it, and its dictionary takes ~50 ms to load. */
function pinyinLib(): PinyinPro {
  pinyinPro ??= createRequire(import.meta.url)("pinyin-pro") as PinyinPro;
  return pinyinPro;
}

const cache = new Map<string, readonly string[]>();

/** The toneless syllables of a text (`容东` → `rong dong`); characters without pinyin stay as they are. */
export function syllables(text: string): readonly string[] {
  let s = cache.get(text);
  if (!s) {
    s = pinyinLib().pinyin(text, { toneType: "none", type: "array" });
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
