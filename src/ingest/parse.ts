/**
 * The ingest pipeline: disclosure text → typed Disclosure. Pure (no I/O): the caller reads the
 * file and passes its text and name. Each part of a document has its own reader module.
 */
import { createHash } from "node:crypto";
import type { Disclosure, ParseWarning, Project } from "../domain/types.js";
import { readAssets } from "./assets.js";
import { type BlockStream, readBlocks } from "./blocks.js";
import { readDocumentBasis, readDocumentFacts } from "./document-facts.js";
import { readNarrative } from "./narrative.js";
import { readProcurement } from "./procurement.js";
import { readProjects } from "./projects.js";
import { readStandardTables } from "./standard-tables.js";
import { readUnits } from "./units.js";

/** Thrown when a file cannot be read as a budget disclosure; the message is user-facing Chinese. */
export class NotADisclosureError extends Error {
  override name = "NotADisclosureError";
}

/** Thrown when a file ends in the middle of a table: storing it would keep half a document. */
export class TruncatedDisclosureError extends NotADisclosureError {
  override name = "TruncatedDisclosureError";
}

/** Department/year given by the person ingesting (flags or a sidecar), overriding the page. */
export interface GivenFacts {
  department?: string;
  code?: string;
  year?: number;
}

/** Reject input that is plainly not text: NUL bytes or a high share of replacement characters. */
function assertText(text: string): void {
  if (text.trim() === "") throw new NotADisclosureError("文件为空");
  if (text.includes("\u0000")) throw new NotADisclosureError("文件不是文本（含二进制内容）");
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 20 && bad / text.length > 0.01) throw new NotADisclosureError("文件不是 UTF-8 文本");
}

/**
 * Why the text looks cut off, or null: a reader ran out of document inside a table, an incomplete
 * table row is the last thing in the file, or the last thing in the file is a project table
 * without any indicator rows.
 */
function truncation(
  stream: BlockStream,
  warnings: ParseWarning[],
  projects: Project[],
  otherLines: number[],
): string | null {
  const lastLine = stream.blocks[stream.blocks.length - 1]?.line ?? 0;
  const cut = warnings.find(
    (w) => w.truncated === "end" || (w.truncated === "row" && w.line !== null && w.line >= lastLine),
  );
  if (cut) return `文件不完整：${cut.message}（文件在第${lastLine}行附近结束）`;
  const lastProject = projects[projects.length - 1];
  if (lastProject && lastProject.indicators.length === 0 && otherLines.every((l) => l < lastProject.line)) {
    return `文件不完整：最后一张绩效目标表“${lastProject.name}”（第${lastProject.line}行）没有绩效指标`;
  }
  return null;
}

/** Parse one disclosure text. Throws NotADisclosureError when nothing budget-like is found. */
export function parseDisclosure(text: string, file: string, given: GivenFacts = {}): Disclosure {
  assertText(text);
  const stream = readBlocks(text);
  const warnings: ParseWarning[] = [];
  const facts = readDocumentFacts(stream, file);
  const tables = readStandardTables(stream, file);
  const narrative = readNarrative(stream, file);
  const projects = readProjects(stream, file);
  const procurement = readProcurement(stream, file);
  const assets = readAssets(stream, file);
  const units = readUnits(stream, file);
  warnings.push(
    ...tables.warnings,
    ...narrative.warnings,
    ...projects.warnings,
    ...procurement.warnings,
    ...assets.warnings,
  );

  const found =
    tables.tables.length + narrative.facts.length + projects.projects.length + procurement.rows.length;
  if (found === 0) {
    throw new NotADisclosureError("未找到预算表、情况说明数字或绩效目标表");
  }

  const cut = truncation(stream, warnings, projects.projects, [
    ...tables.tables.map((t) => t.line),
    ...procurement.rows.map((r) => r.line),
    ...assets.rows.map((r) => r.line),
    ...narrative.facts.map((f) => f.figure.source.line),
  ]);
  if (cut) throw new TruncatedDisclosureError(cut);

  const name = given.department ?? facts.name;
  const year = given.year ?? facts.year;
  if (!name)
    warnings.push({ message: "文件未载明单位名称，请用 --department 或 .meta.json 指定", line: null });
  if (!year) warnings.push({ message: "文件未载明预算年度，请用 --year 或 .meta.json 指定", line: null });

  return {
    file,
    sha256: createHash("sha256").update(text).digest("hex"),
    department: {
      name: name ?? null,
      code: given.code ?? facts.code,
      given: given.department !== undefined,
    },
    year: year ?? null,
    kind: facts.kind,
    basis: readDocumentBasis(stream),
    region: facts.region,
    units,
    tables: tables.tables,
    narrative: narrative.facts,
    notApplicable: narrative.notApplicable,
    stated: narrative.stated,
    ...(narrative.counts.length ? { counts: narrative.counts } : {}),
    projects: projects.projects,
    procurement: procurement.rows,
    procurementTitleLine: procurement.titleLine,
    assets: assets.rows,
    assetsAsOf: assets.asOf,
    warnings,
  };
}
