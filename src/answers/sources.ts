/**
 * Sources per figure: every figure shown cites its own place. Sources of one file and section are
 * merged into one compact citation of their places (`第20–23页`, `第20、22页`,
 * `工作表“收支总表” 第8、12行`). Sources without a place (text files) keep one citation per file and
 * section at its first line, as before. Pure.
 */

import { type Place, placeLabel } from "../domain/place.js";
import type { Source } from "../domain/types.js";
import type { ReplySource } from "../reply/reply.js";

/** A source that may know its place in the document's own terms. */
type Placed = Source & { place?: Place };

/** Numbers as a compact list: runs of three or more as ranges (`20–23、25`). */
export function compactNumbers(numbers: number[]): string {
  const ns = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && (ns[j + 1] as number) === (ns[j] as number) + 1) j++;
    if (j - i >= 2) parts.push(`${ns[i]}–${ns[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(ns[k]));
    i = j + 1;
  }
  return parts.join("、");
}

/** One compact label for several places: pages, sheet rows or table rows grouped; else each label. */
export function placesLabel(places: Place[]): string {
  const groups = new Map<string, { prefix: string; suffix: string; numbers: number[] }>();
  const others: string[] = [];
  for (const p of places) {
    let key: string;
    let prefix: string;
    let suffix: string;
    let n: number;
    if (p.kind === "page") [key, prefix, suffix, n] = ["page", "第", "页", p.page];
    else if (p.kind === "sheet")
      [key, prefix, suffix, n] = [`sheet|${p.sheet}`, `工作表“${p.sheet}” 第`, "行", p.row];
    else if (p.kind === "table")
      [key, prefix, suffix, n] = [`table|${p.table}`, `表${p.table} 第`, "行", p.row];
    else if (p.kind === "line") [key, prefix, suffix, n] = ["line", "第", "行", p.line];
    else {
      const label = placeLabel(p);
      if (!others.includes(label)) others.push(label);
      continue;
    }
    const g = groups.get(key) ?? { prefix, suffix, numbers: [] };
    g.numbers.push(n);
    groups.set(key, g);
  }
  return [
    ...[...groups.values()].map((g) => `${g.prefix}${compactNumbers(g.numbers)}${g.suffix}`),
    ...others,
  ].join("、");
}

/**
 * The sources of a reply, one per file and section in first-seen order. When the section's
 * sources know their places, the citation lists every distinct place (`where`); otherwise it is
 * the first source's line.
 */
export function citeSources(sources: Array<Source | null | undefined>): ReplySource[] {
  const groups = new Map<string, Placed[]>();
  for (const s of sources) {
    if (!s) continue;
    const key = `${s.file}|${s.section}`;
    const g = groups.get(key) ?? [];
    g.push(s as Placed);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const first = g[0] as Placed;
    const placed = g.filter((s) => s.place);
    if (placed.length === 0) return { file: first.file, section: first.section, line: first.line };
    const head = placed[0] as Placed;
    return {
      file: head.file,
      section: head.section,
      line: head.line,
      where: placesLabel(placed.map((s) => s.place as Place)),
    };
  });
}

/** Whether any of these sources knows its place (a page, sheet row or table row). */
export function anyPlaced(sources: Array<Source | null | undefined>): boolean {
  return sources.some((s) => !!(s as Placed | null | undefined)?.place);
}
