/**
 * What `bot ingest` refuses to store even though the file parsed: the same content already stored
 * under another file name (it would list every project twice), and a copy missing parts that the
 * stored document of the same department-year has (a file cut short would take over its answers).
 * Pure over the stored document list; the document-model work moves identity to the file's bytes.
 */
import type { Disclosure } from "../domain/types.js";
import type { DocumentInfo } from "../store/read.js";
import { unknownDepartmentName } from "../store/write.js";

/** Files larger than this are implausible for one disclosure and get a warning. */
export const LARGE_FILE_BYTES = 20 * 1024 * 1024;

/** The decision about one parsed file. */
export type IngestVerdict =
  | { kind: "store" }
  /** Same content as a stored document under another name: nothing to do. */
  | { kind: "duplicate"; of: DocumentInfo }
  /** Lacks parts the stored document of the same department-year has. */
  | { kind: "incomplete"; of: DocumentInfo; missing: string[] };

/** Part counts of a parsed disclosure, in the stored counts' terms. */
function countsOf(d: Disclosure) {
  return {
    tables: d.tables.length,
    narrative: d.narrative.length,
    projects: d.projects.length,
    procurementItems: d.procurement.filter((r) => r.kind === "item").length,
    assets: d.assets.length,
  };
}

const PART_NAMES: Array<[keyof ReturnType<typeof countsOf>, string]> = [
  ["tables", "预算表"],
  ["narrative", "情况说明"],
  ["projects", "绩效目标表"],
  ["procurementItems", "政府采购"],
  ["assets", "国有资产"],
];

/** Decide whether a parsed file may be stored next to the documents already stored. */
export function judgeIngest(stored: DocumentInfo[], d: Disclosure): IngestVerdict {
  const same = stored.find((s) => s.sha256 === d.sha256 && s.file !== d.file);
  if (same) return { kind: "duplicate", of: same };
  const name = d.department.name ?? unknownDepartmentName(d.file);
  const rival = stored.find((s) => s.file !== d.file && s.department.name === name && s.year === d.year);
  if (!rival) return { kind: "store" };
  const mine = countsOf(d);
  // A file holding a part the stored one lacks is the other half of a year published as two
  // files (说明 and 表格), not a cut copy: it is stored, and answers use both.
  if (PART_NAMES.some(([k]) => mine[k] > 0 && rival.counts[k] === 0)) return { kind: "store" };
  const missing = PART_NAMES.filter(([k]) => {
    const theirs = rival.counts[k];
    // A part the stored document has and this one lacks, or has less than half of.
    return theirs > 0 && mine[k] * 2 < theirs;
  }).map(([k, label]) => `${label}（${mine[k]}/${rival.counts[k]}）`);
  return missing.length ? { kind: "incomplete", of: rival, missing } : { kind: "store" };
}

/** The warning for an implausibly large file, or null. */
export function largeFileWarning(bytes: number): string | null {
  if (bytes <= LARGE_FILE_BYTES) return null;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return `文件有 ${mb} MB，远大于一般的预算公开文件（通常不足 5 MB），请确认是否为单个单位的预算公开文件`;
}
