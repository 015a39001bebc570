/**
 * Store a parsed disclosure and run the consistency rules on it: the one ingest step shared by
 * the `bot ingest` CLI, the test bot and the benchmark. Answers then read the stored findings.
 *
 * A document that holds only part of what another stored document of the same department-year
 * holds (a narrative excerpt, one table of the nine) is stored with what it has and a warning
 * saying so; answers keep taking every part from the more complete document (catalog/combine.ts).
 */

import { type Completeness, completenessOf, PART_LABELS, partsOf } from "../catalog/combine.js";
import { RULES_VERSION, runChecks } from "../checks/index.js";
import type { Disclosure } from "../domain/types.js";
import type { DisclosureRepository, DocumentInfo, SaveOptions, SaveResult, Store } from "../store/ports.js";
import { joinDepartment } from "./join-department.js";

/** A stored document's part sizes, from its row counts. */
function storedSize(d: DocumentInfo): Omit<Completeness, "tables"> & { tables: number } {
  return {
    tables: d.counts.tables,
    narrative: d.counts.narrative,
    projects: d.counts.projects,
    procurement: d.counts.procurement,
    assets: d.counts.assets,
    units: d.counts.units,
  };
}

/**
 * The warning for a document that another stored document of its department-year covers part by
 * part, with more of at least one part; null when it is not such a partial copy.
 */
export async function partialCopyWarning(
  disclosures: DisclosureRepository,
  d: Disclosure,
): Promise<string | null> {
  if (d.department.name === null) return null;
  const c = completenessOf(d);
  const own = { ...c, tables: d.tables.length };
  const keys = ["tables", "narrative", "projects", "procurement", "assets", "units"] as const;
  for (const other of await disclosures.documentsOfYear(d.department.name, d.year, d.basis ?? "budget")) {
    if (other.file === d.file) continue;
    const size = storedSize(other);
    const covers = keys.every((k) => size[k] >= own[k]);
    const more = keys.some((k) => size[k] > own[k]);
    if (!covers || !more) continue;
    const held = partsOf(c).map((p) => PART_LABELS[p]);
    return `本文件只含部分内容（${held.join("、") || "无可用内容"}）；同一单位同一年度的 ${other.file} 更完整，回答仍以其为准，不会被本文件取代`;
  }
  return null;
}

/**
 * Save `d` (idempotent) under the stored spelling of its department (join-department.ts) with its
 * findings, in one transaction of the store; the findings are computed only when the rows changed
 * or the stored findings are of another rule set. A partial copy of a stored document gets a
 * warning added to `d.warnings` (stored with it, printed by `bot ingest`).
 */
export async function storeDisclosure(
  store: Store,
  d: Disclosure,
  options: SaveOptions = {},
): Promise<SaveResult> {
  await joinDepartment(store.disclosures, d);
  const partial = await partialCopyWarning(store.disclosures, d);
  if (partial && !d.warnings.some((w) => w.message === partial))
    d.warnings.push({ message: partial, line: null });
  return store.disclosures.save(d, {
    ...options,
    findings: { rulesVersion: RULES_VERSION, compute: () => runChecks(d) },
  });
}

/**
 * Check again, and store, the findings of every document stored under another rule set (after an
 * upgrade changed the rules): run at start, so that answers only read findings.
 */
export async function refreshStaleFindings(store: Store): Promise<number> {
  const stale = await store.findings.stale(RULES_VERSION);
  for (const id of stale) {
    const d = await store.disclosures.disclosure(id);
    if (d) await store.findings.save(id, d.sha256, RULES_VERSION, runChecks(d));
  }
  return stale.length;
}
