/** Words of a question the answer did not use, named back to the user (never dropped silently). */
import { clip } from "../domain/text.js";
import { COMPARISON_WORDS } from "./words.js";

/** "未识别：比、去年" and, when a comparison was asked for, what the answer covers instead. */
export function unusedNotes(unused: readonly string[]): string[] {
  if (unused.length === 0) return [];
  const shown = [...new Set(unused)].map((w) => clip(w, 12));
  const notes = [`未识别：${shown.join("、")}`];
  if (unused.some((w) => COMPARISON_WORDS.includes(w) || /^\d{4}/.test(w)))
    notes.push("历年对比：/budget <单位> <科目> 历年；单位排名：/budget <科目> <年度> 排名");
  return notes;
}
