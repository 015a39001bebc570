/**
 * One department, many spellings (issue 17): before a disclosure is stored, the name it prints is
 * joined to the stored department of the same identity (domain/department-identity.ts) or the one
 * an earlier file's identical spelling was joined to, so the narrative file and the tables file of
 * one year become one department-year. The printed spelling goes to the alias table.
 */
import { departmentKey } from "../domain/department-identity.js";
import type { Disclosure } from "../domain/types.js";
import type { DisclosureRepository } from "../store/ports.js";

/** The stored department `printed` names, or null when it names none stored under another spelling. */
export async function storedSpelling(
  disclosures: DisclosureRepository,
  printed: string,
): Promise<string | null> {
  const names = await disclosures.departmentNames();
  if (names.includes(printed)) return null;
  const recorded = await disclosures.aliasTarget(printed);
  if (recorded && names.includes(recorded)) return recorded;
  const key = departmentKey(printed);
  return names.find((n) => departmentKey(n) === key) ?? null;
}

/** Store `d` under the stored spelling of its department (with a warning saying so), recording the alias. */
export async function joinDepartment(disclosures: DisclosureRepository, d: Disclosure): Promise<void> {
  const printed = d.department.name;
  if (printed === null) return;
  const stored = await storedSpelling(disclosures, printed);
  if (stored === null) return;
  d.department.name = stored;
  await disclosures.recordAlias(printed, stored, d.file);
  const message = `本文件所印单位名称“${printed}”与已存的“${stored}”为同一单位，合并记为“${stored}”`;
  if (!d.warnings.some((w) => w.message === message)) d.warnings.push({ message, line: null });
}
