/**
 * The department lexicon answers from indexes built once (src/query/department.ts); this checks
 * them against the plain scan over every department that they replace, on the synthetic
 * departments of the bench and the fragments people type (names, short forms, codes, unit codes,
 * region + short form, pieces of names, misspellings).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusGenerator } from "../bench/corpus.js";
import { departmentKey } from "../src/domain/department-identity.js";
import { aliasesOf, type DepartmentEntry, DepartmentLexicon } from "../src/query/department.js";
import { compact } from "../src/query/normalize.js";

const aliasCache = new WeakMap<DepartmentEntry, string[]>();

/** The scan the indexes replace: known() as a filter over every department. */
function scanKnown(entries: DepartmentEntry[], fragment: string): boolean {
  const q = compact(fragment);
  if (q === "") return false;
  return entries.some((d) => {
    const spellings = [d.name, ...(d.aliases ?? [])];
    const aliases = aliasCache.get(d) ?? spellings.flatMap(aliasesOf);
    aliasCache.set(d, aliases);
    const name = compact(d.name);
    const unit = d.code !== null && /^\d+$/.test(q) && q.length === d.code.length + 3 && q.startsWith(d.code);
    const prefixed = (a: string) =>
      a.length >= 2 &&
      q.length > a.length &&
      q.endsWith(a) &&
      q.length - a.length >= 2 &&
      name.includes(q.slice(0, -a.length));
    return (
      name === q ||
      spellings.some((n) => departmentKey(compact(n)) === departmentKey(q)) ||
      d.code === q ||
      unit ||
      aliases.some((a) => a.includes(q) || prefixed(a))
    );
  });
}

describe("department lexicon indexes", () => {
  const gen = new CorpusGenerator({
    dataDir: join(import.meta.dirname, "..", "data"),
    departments: 300,
    years: 1,
    seed: 7,
  });
  const entries: DepartmentEntry[] = gen.departments.map((d) => ({
    name: d.name,
    code: d.code,
    years: [2024],
  }));
  const lexicon = new DepartmentLexicon(entries);
  const fragments = gen.departments
    .slice(0, 60)
    .flatMap((d) => [
      d.name,
      d.short,
      d.place,
      d.code,
      `${d.code}001`,
      `${d.region}${d.short}`,
      `${d.name.slice(0, 2)}${d.place}`,
      `${d.region.slice(0, 2)}${d.short}`,
      d.name.slice(1, 5),
      `${d.place}局长`,
      `${d.short}三公`,
      d.place.split("").reverse().join(""),
      d.name.slice(-3),
    ]);

  it("known() says what the scan over every department says", () => {
    const differ = fragments.filter((f) => lexicon.known(f) !== scanKnown(entries, f));
    expect(differ).toEqual([]);
    expect(fragments.filter((f) => lexicon.known(f)).length).toBeGreaterThan(fragments.length / 2);
  });

  it("resolve() finds the department by its name, short form and code", () => {
    for (const d of gen.departments.slice(0, 60)) {
      for (const f of [d.name, d.code, `${d.code}001`]) {
        const r = lexicon.resolve(f);
        expect(r.kind === "one" ? r.department.name : r.kind, f).toBe(d.name);
      }
      const r = lexicon.resolve(d.short);
      const names =
        r.kind === "one" ? [r.department.name] : r.kind === "many" ? r.candidates.map((c) => c.name) : [];
      expect(names, d.short).toContain(d.name);
    }
  });
});
