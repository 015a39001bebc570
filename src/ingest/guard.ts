/**
 * The ingest pipeline's limits and guards: files too large for their kind are refused before they
 * are read; and what is refused even though the file parsed: the same content already stored
 * under another file name (it would list every project twice), and a copy missing parts that the
 * stored document of the same department-year has (a file cut short would take over its answers).
 * Pure over the stored document list; the document-model work moves identity to the file's bytes.
 */

import { unknownDepartmentName } from "../domain/department-identity.js";
import type { Disclosure } from "../domain/types.js";
import type { DocumentInfo } from "../store/ports.js";

/** Files larger than this are implausible for one disclosure and get a warning. */
export const LARGE_FILE_BYTES = 20 * 1024 * 1024;

/** The decision about one parsed file. */
export type IngestVerdict =
  | { kind: "store" }
  /** Same content as a stored document under another name: nothing to do. */
  | { kind: "duplicate"; of: DocumentInfo }
  /** Lacks parts the stored document of the same department-year has. */
  | { kind: "incomplete"; of: DocumentInfo; missing: string[] };

/** How much of each part a disclosure holds, in the stored counts' terms. */
export interface PartCounts {
  tables: number;
  narrative: number;
  projects: number;
  procurementItems: number;
  assets: number;
}

/** Part counts of a parsed disclosure, in the stored counts' terms. */
export function countsOf(d: Disclosure): PartCounts {
  return {
    tables: d.tables.length,
    narrative: d.narrative.length,
    projects: d.projects.length,
    procurementItems: d.procurement.filter((r) => r.kind === "item").length,
    assets: d.assets.length,
  };
}

const PART_NAMES: Array<[keyof PartCounts, string]> = [
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

/**
 * Text and web pages larger than this are refused before they are read: reading a text document
 * builds its model, reading view and Disclosure in memory (about 50 bytes per byte of text), and
 * ingest must stay under 400 MB. Real disclosures are well under 1 MB of text (the corpus: 30–830 KB).
 */
export const MAX_TEXT_INGEST_BYTES = 3 * 1024 * 1024;

/**
 * PDF, Excel and Word files larger than this are refused: their size is mostly fonts, images and
 * compression, not text, so a real 10–30 MB PDF is read; past 50 MB it is not a single disclosure.
 */
export const MAX_CONTAINER_INGEST_BYTES = 50 * 1024 * 1024;

/** Is the file a binary container (PDF, ZIP-based Office, OLE2 Office), judged by its first bytes? */
export function isContainer(head: Uint8Array): boolean {
  const b = (i: number) => head[i] ?? -1;
  const pdf = b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46;
  const zip = b(0) === 0x50 && b(1) === 0x4b;
  const ole2 = b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0;
  return pdf || zip || ole2;
}

/** The refusal for a file above its format's limit, or null. */
export function tooLargeMessage(bytes: number, head: Uint8Array = new Uint8Array()): string | null {
  const limit = isContainer(head) ? MAX_CONTAINER_INGEST_BYTES : MAX_TEXT_INGEST_BYTES;
  if (bytes <= limit) return null;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  const max = (limit / 1024 / 1024).toFixed(0);
  return `文件有 ${mb} MB，超过此类文件的导入上限 ${max} MB（一般的预算公开文件不足 1 MB 文字）；请确认是否为单个单位的预算公开文件，必要时拆分后再导入；未导入，数据库保持原样`;
}

/** The warning for an implausibly large file, or null. */
export function largeFileWarning(bytes: number): string | null {
  if (bytes <= LARGE_FILE_BYTES) return null;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return `文件有 ${mb} MB，远大于一般的预算公开文件（通常不足 5 MB），请确认是否为单个单位的预算公开文件`;
}
