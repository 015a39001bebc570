/**
 * Documents grouped into department-years: the documents of one department, year and basis (预算
 * or 决算) are read as one combined view (catalog/combine.ts: the 江苏 说明 and 表 of a year), each
 * figure keeping its own file as source. Pure.
 */
import { combineDisclosures } from "../../catalog/combine.js";
import type { Disclosure, DisclosureBasis } from "../../domain/types.js";

/** One department-year and basis, read from its documents. */
export interface DepartmentYear {
  department: string;
  year: number | null;
  basis: DisclosureBasis;
  view: Disclosure;
  files: string[];
}

/** The department's name as shown (未知单位 when the document does not say). */
export function departmentOf(doc: Disclosure): string {
  return doc.department.name ?? "未知单位";
}

/** Group documents by department, year and basis, each group combined into one view. */
export function departmentYears(docs: readonly Disclosure[]): DepartmentYear[] {
  const groups = new Map<string, Disclosure[]>();
  for (const d of docs) {
    const key = JSON.stringify([departmentOf(d), d.year, d.basis ?? "budget"]);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as Disclosure;
    return {
      department: departmentOf(first),
      year: first.year,
      basis: first.basis ?? "budget",
      view: combineDisclosures(group) as Disclosure,
      files: group.map((d) => d.file),
    };
  });
}
