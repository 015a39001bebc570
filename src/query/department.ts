/**
 * Department name resolution: any fragment a person would type (容东, 容东管委会, 行宫东, 白沟,
 * 承德高新区社区办) → one department, several candidates, or none with suggestions.
 * Aliases are derived from the names by rules (data below), never listed per department.
 */
import type MiniSearch from "minisearch";
import { departmentKey } from "../domain/department-identity.js";
import { pinyinDistance } from "../domain/pinyin.js";
import { editDistance } from "../domain/text.js";
import {
  buildDepartmentSearch,
  type DepartmentDoc,
  suggestDepartments,
} from "../search/department-search.js";
import { compact } from "./normalize.js";

/** A department known to the store. */
export interface DepartmentEntry {
  name: string;
  code: string | null;
  years: number[];
  /** Other spellings files printed for it (the alias table), when known. */
  aliases?: string[];
}

/** Outcome of resolving a fragment. */
export type Resolution =
  | { kind: "one"; department: DepartmentEntry }
  | { kind: "many"; candidates: DepartmentEntry[] }
  | { kind: "none"; suggestions: DepartmentEntry[] };

/** Common long forms → the short forms people type. Applied in order, all combinations kept. */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/高新技术产业开发区/g, "高新区"],
  [/经济技术开发区/g, "经开区"],
  [/管理委员会/g, "管委会"],
  [/社区管理办公室/g, "社区办"],
  [/街道办事处/g, "街道"],
  [/管理办公室/g, "办"],
  [/办公室/g, "办"],
  [/办事处/g, ""],
  [/卫生健康/g, "卫健"],
  [/住房和城乡建设/g, "住建"],
  [/文化广电和旅游|文化和旅游|文化广电旅游/g, "文旅"],
  [/人力资源和社会保障/g, "人社"],
  [/市场监督管理/g, "市场监管"],
  [/发展和改革/g, "发改"],
  [/教育和体育/g, "教体"],
  [/综合行政执法/g, "综合执法"],
  // "江苏省政协办公厅" → "江苏政协办公厅": a province named without 省.
  [/^([\u4e00-\u9fff]{2,3}?)省(?!委)/g, "$1"],
];

/** Region prefixes dropped to form aliases (province, prefecture, county, new area). */
const REGION_PREFIX =
  /^(?:[\u4e00-\u9fff]{2,3}(?:省|自治区))?(?:河北雄安新区|雄安新区|[\u4e00-\u9fff]{2,4}?(?:市|州|盟|地区))?(?:[\u4e00-\u9fff]{1,3}?(?:县|区|旗))?/;

/** Organisational suffixes dropped to form the core name. */
const SUFFIX =
  /(?:管理委员会办公室|管理委员会|管委会|街道办事处|办事处|社区管理办公室|管理办公室|办公室|委员会|人民政府|局|委|办|本级)$/;

/** All aliases of one department name (including the name itself), compacted. */
export function aliasesOf(name: string): string[] {
  const out = new Set<string>();
  const base = compact(name);
  const add = (s: string) => {
    if (s.length >= 2) out.add(s);
  };
  const variants = new Set([base]);
  for (const [re, rep] of ABBREVIATIONS) {
    for (const v of [...variants]) variants.add(v.replace(re, rep));
  }
  for (const v of variants) {
    add(v);
    const noRegion = v.replace(REGION_PREFIX, "");
    add(noRegion);
    add(noRegion.replace(SUFFIX, ""));
    add(v.replace(SUFFIX, ""));
  }
  return [...out];
}

/**
 * True when `q` is a unit code under a department code as the tables print it: the department's
 * code followed by a three-digit unit number (208001 is unit 001 of department 208).
 */
function isUnitCodeOf(q: string, code: string | null): boolean {
  return code !== null && /^\d+$/.test(q) && q.length === code.length + 3 && q.startsWith(code);
}

/** True when `q` is some words of the full name followed by an alias: "雄安" + "容东". */
function isPrefixedAlias(q: string, alias: string, fullName: string): boolean {
  if (alias.length < 2 || q.length <= alias.length || !q.endsWith(alias)) return false;
  const prefix = q.slice(0, -alias.length);
  return prefix.length >= 2 && fullName.includes(prefix);
}

/** The integers from `from` to `to`, both included. */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/** An index of department names and their derived aliases. */
export class DepartmentLexicon {
  /** Each department with its compacted name and aliases, computed once (resolve runs per message). */
  private readonly entries: Array<{
    dept: DepartmentEntry;
    name: string;
    aliases: string[];
    keys: Set<string>;
  }>;
  private fuzzy: MiniSearch<DepartmentDoc> | null = null;
  /**
   * Indexes built once, so that a lookup (run for many fragments of every question) reads a few
   * entries instead of scanning every department: entries by exact name / identity key / code,
   * by alias, and by each character of their aliases (for "an alias contains the fragment").
   */
  private readonly exact = new Map<string, number[]>();
  private readonly byAlias = new Map<string, number[]>();
  private readonly byChar = new Map<string, number[]>();
  private longestAlias = 0;

  constructor(departments: DepartmentEntry[]) {
    this.entries = departments.map((dept) => {
      const spellings = [dept.name, ...(dept.aliases ?? [])];
      return {
        dept,
        name: compact(dept.name),
        aliases: [...new Set(spellings.flatMap(aliasesOf))],
        // Identity keys: any spelling of the same department (中国共产党…委员会… = 中共…委…) is exact.
        keys: new Set(spellings.map((n) => departmentKey(compact(n)))),
      };
    });
    const add = (map: Map<string, number[]>, key: string, id: number) => {
      const ids = map.get(key);
      if (!ids) map.set(key, [id]);
      else if (ids[ids.length - 1] !== id) ids.push(id);
    };
    this.entries.forEach((e, id) => {
      for (const k of [`n:${e.name}`, ...[...e.keys].map((k) => `k:${k}`), `c:${e.dept.code ?? ""}`])
        add(this.exact, k, id);
      for (const a of e.aliases) {
        add(this.byAlias, a, id);
        this.longestAlias = Math.max(this.longestAlias, a.length);
      }
      for (const c of new Set(e.aliases.join(""))) add(this.byChar, c, id);
    });
  }

  /** Entries named exactly by `q` (name, identity key, code, or a unit code under the code), in order. */
  private exactIds(q: string): number[] {
    const ids = new Set([
      ...(this.exact.get(`n:${q}`) ?? []),
      ...(this.exact.get(`k:${departmentKey(q)}`) ?? []),
      ...(q === "" ? [] : (this.exact.get(`c:${q}`) ?? [])),
      ...(/^\d{4,}$/.test(q) ? (this.exact.get(`c:${q.slice(0, -3)}`) ?? []) : []),
    ]);
    return [...ids].filter((id) => this.isExact(q, id)).sort((a, b) => a - b);
  }

  private isExact(q: string, id: number): boolean {
    const e = this.entries[id] as (typeof this.entries)[0];
    return e.name === q || e.keys.has(departmentKey(q)) || e.dept.code === q || isUnitCodeOf(q, e.dept.code);
  }

  /** Entries with an alias containing `q`: those holding its rarest character, checked. */
  private containingIds(q: string): number[] {
    let fewest: number[] | undefined;
    for (const c of new Set(q)) {
      const ids = this.byChar.get(c);
      if (!ids) return [];
      if (!fewest || ids.length < fewest.length) fewest = ids;
    }
    return (fewest ?? []).filter((id) => this.entries[id]?.aliases.some((a) => a.includes(q)));
  }

  /** Entries with an alias that is a substring of `q` at least `min` long, with the aliases found. */
  private containedIds(q: string, min: number, suffixOnly: boolean): Array<[number, string]> {
    const out: Array<[number, string]> = [];
    for (let i = 0; i < q.length; i++) {
      const ends = suffixOnly ? [q.length] : range(i + min, Math.min(q.length, i + this.longestAlias));
      for (const end of ends) {
        if (end - i < min) continue;
        const a = q.slice(i, end);
        for (const id of this.byAlias.get(a) ?? []) out.push([id, a]);
      }
    }
    return out;
  }

  /** Entries where `q` is some words of the full name followed by an alias ("雄安" + "容东"). */
  private prefixedAliasIds(q: string): number[] {
    const ids = this.containedIds(q, 2, true)
      .filter(([id, a]) => isPrefixedAlias(q, a, (this.entries[id] as (typeof this.entries)[0]).name))
      .map(([id]) => id);
    return [...new Set(ids)].sort((a, b) => a - b);
  }

  /** Every department, in name order. */
  all(): DepartmentEntry[] {
    return this.entries.map((e) => e.dept);
  }

  /** True when a fragment names one or several departments (by name, code or alias; no fuzzy match). */
  known(fragment: string): boolean {
    const q = compact(fragment);
    if (q === "") return false;
    return (
      this.exactIds(q).length > 0 || this.containingIds(q).length > 0 || this.prefixedAliasIds(q).length > 0
    );
  }

  /** The departments a compacted fragment names exactly, or by an alias (several when ambiguous). */
  private matches(q: string): Array<{ dept: DepartmentEntry; name: string; aliases: string[] }> {
    const pick = (ids: Iterable<number>) =>
      [...new Set(ids)].sort((a, b) => a - b).map((id) => this.entries[id] as (typeof this.entries)[0]);
    const exact = this.exactIds(q);
    if (exact.length === 1) return pick(exact);
    const hits = [
      ...this.containingIds(q),
      ...(q.length >= 3 ? this.containedIds(q, 3, false).map(([id]) => id) : []),
    ];
    if (hits.length > 0) return pick(hits);
    // "雄安容东": words of the full name (a region) put before a short form.
    return pick(this.prefixedAliasIds(q));
  }

  /** Resolve a fragment to one department, several candidates or none (suggestions closest first). */
  resolve(fragment: string): Resolution {
    const q = compact(fragment);
    if (q === "") return { kind: "none", suggestions: [] };
    const hits = this.matches(q);
    if (hits.length === 1) return { kind: "one", department: (hits[0] as (typeof hits)[0]).dept };
    if (hits.length > 1) {
      // Prefer departments whose core alias equals the fragment exactly.
      const strong = hits.filter((e) => e.aliases.includes(q));
      if (strong.length === 1) return { kind: "one", department: (strong[0] as (typeof strong)[0]).dept };
      return { kind: "many", candidates: hits.map((e) => e.dept) };
    }
    return { kind: "none", suggestions: this.suggest(q) };
  }

  /** Entries with an alias that sounds like the fragment (at most one syllable in three differs). */
  private soundsLike(q: string): number[] {
    if (!/[\u4e00-\u9fff]/.test(q)) return [];
    return this.entries.flatMap((e, id) =>
      e.aliases.some((a) => pinyinDistance(q, a) <= 1 / 3) ? [id] : [],
    );
  }

  /**
   * Departments whose name looks like the fragment, closest first: the fuzzy index finds names
   * sharing a character or word, and names that sound alike; they are ranked by the smaller of the
   * edit distances in characters and in pinyin syllables between the fragment and the closest of
   * their aliases (relative to its length), the index's order breaking ties.
   */
  private suggest(q: string, limit = 3): DepartmentEntry[] {
    this.fuzzy ??= buildDepartmentSearch(
      this.entries.map((e, id) => ({ id, text: [e.dept.name, e.dept.code ?? "", ...e.aliases].join(" ") })),
    );
    // Names sharing a character or word (the fuzzy index), and names that sound alike (pinyin).
    const found = [...new Set([...suggestDepartments(this.fuzzy, q, 20), ...this.soundsLike(q)])];
    const closeness = (id: number) => {
      const e = this.entries[id] as (typeof this.entries)[0];
      return Math.min(
        ...[e.name, ...e.aliases].map((a) =>
          Math.min(editDistance(q, a) / Math.max(q.length, a.length), pinyinDistance(q, a)),
        ),
      );
    };
    return found
      .map((id, rank) => ({ id, rank, d: closeness(id) }))
      .sort((x, y) => x.d - y.d || x.rank - y.rank)
      .slice(0, limit)
      .map(({ id }) => (this.entries[id] as (typeof this.entries)[0]).dept);
  }
}
