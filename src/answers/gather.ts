/**
 * Reading what a topic needs, in one place: one department-year document ("document"), a
 * department's documents of several years ("years"), or one document per department for a year
 * ("departments"). Reads go through `DisclosureReader` (the catalog satisfies it) and are awaited,
 * so a Promise-based store drops in. Everything after this is pure (answer.ts).
 */
import { UserError } from "../domain/errors.js";
import type { AnswerFinding } from "../domain/findings.js";
import type { Disclosure, DisclosureBasis } from "../domain/types.js";
import type { DepartmentEntry } from "../query/department.js";
import type { Gathered } from "./topic.js";

type Awaitable<T> = T | Promise<T>;

/** The catalog reads gathering uses. */
export interface DisclosureReader {
  /** Every department with its disclosed years (ascending). */
  departments(): Awaitable<DepartmentEntry[]>;
  /** A department-year's 预算, or with basis "final" its 决算; without a basis the 预算, else the 决算. */
  disclosure(department: string, year: number | null, basis?: DisclosureBasis): Awaitable<Disclosure | null>;
  /** Which of 预算 / 决算 are stored for a department-year (预算 first). */
  bases(department: string, year: number | null): Awaitable<DisclosureBasis[]>;
}

/** Where gathering reads from: the disclosures and each one's findings (⚠ notes). */
export interface GatherFrom {
  catalog: DisclosureReader;
  findings: (doc: Disclosure) => Awaitable<AnswerFinding[]>;
}

/** What to read, by need (the command resolves department, year and basis first). */
export type Wanted =
  | { needs: "document"; department: string; year: number | null; basis?: DisclosureBasis }
  /** Every disclosed year of `years` (each basis stored, or only `basis`). */
  | { needs: "years"; department: string; years: readonly number[]; basis?: DisclosureBasis }
  /** Every department disclosing `year` (only those named in `departments`, when given). */
  | { needs: "departments"; year: number; basis?: DisclosureBasis; departments?: readonly string[] };

/** How 预算 / 决算 are named in replies. */
export const BASIS_WORD = { budget: "预算", final: "决算" } as const;

/** Read what `wanted` names. A document that is not there is a UserError saying what is. */
export async function gather(wanted: Wanted, from: GatherFrom): Promise<Gathered> {
  switch (wanted.needs) {
    case "document":
      return oneDocument(wanted, from);
    case "years": {
      const { department, years, basis } = wanted;
      const perYear = await Promise.all(
        years.map(async (year) => {
          const bases = basis ? [basis] : await from.catalog.bases(department, year);
          return Promise.all(bases.map((b) => from.catalog.disclosure(department, year, b)));
        }),
      );
      return { needs: "years", department, ...(await withFindings(perYear.flat(), from)) };
    }
    case "departments": {
      const { year, basis } = wanted;
      const named = wanted.departments && new Set(wanted.departments);
      const departments = (await from.catalog.departments()).filter(
        (d) => d.years.includes(year) && (!named || named.has(d.name)),
      );
      const docs = await Promise.all(departments.map((d) => from.catalog.disclosure(d.name, year, basis)));
      return { needs: "departments", year, ...(basis ? { basis } : {}), ...(await withFindings(docs, from)) };
    }
  }
}

async function oneDocument(
  wanted: Extract<Wanted, { needs: "document" }>,
  from: GatherFrom,
): Promise<Gathered> {
  const { department, year, basis } = wanted;
  const bases = await from.catalog.bases(department, year);
  if (basis && bases.length > 0 && !bases.includes(basis)) {
    throw new UserError(`${department} ${year ?? ""}年 没有${BASIS_WORD[basis]}文件`, [
      `已收录：${bases.map((b) => `${year ?? ""}年${BASIS_WORD[b]}`).join("、")}`,
    ]);
  }
  const doc = await from.catalog.disclosure(department, year, basis);
  if (!doc) throw new UserError(`${department} ${year ?? ""}年 的文件未找到，请重新导入`);
  const budgetDoc =
    doc.basis === "final" && bases.includes("budget")
      ? ((await from.catalog.disclosure(department, year, "budget")) ?? undefined)
      : undefined;
  return { needs: "document", doc, budgetDoc, findings: await from.findings(doc), bases };
}

/** The documents found (a missing one left out) and a lookup of each one's findings. */
async function withFindings(
  found: Array<Disclosure | null>,
  from: GatherFrom,
): Promise<{ docs: Disclosure[]; findingsOf: (doc: Disclosure) => AnswerFinding[] }> {
  const docs = found.filter((d): d is Disclosure => d !== null);
  const findings = new Map(await Promise.all(docs.map(async (d) => [d, await from.findings(d)] as const)));
  return { docs, findingsOf: (doc) => findings.get(doc) ?? [] };
}
