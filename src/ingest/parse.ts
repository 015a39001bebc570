/**
 * Model → Disclosure: the part of the ingest pipeline (pipeline.ts) after the format reader. Pure
 * (no I/O). It refuses a scan (scan.ts), builds the document's one reading view, runs the part
 * readers of parts/index.ts over it, refuses a file cut short, and settles department and year.
 */
import { createHash } from "node:crypto";
import { attachPlaces } from "../domain/places.js";
import type { Disclosure, ParseWarning, Project } from "../domain/types.js";
import type { DocumentModel, Place } from "./document/model.js";
import { type BlockStream, streamOf } from "./document/stream.js";
import { documentBasisOf, documentFactsOf } from "./document-facts.js";
import { factsFromFileName, yearOfTitles } from "./file-name-facts.js";
import { readDocument } from "./formats/index.js";
import { readParts } from "./parts/index.js";
import { NotADisclosureError, TruncatedDisclosureError } from "./refusal.js";
import { refuseScan } from "./scan.js";

export { NeedsOcrError, NotADisclosureError, TruncatedDisclosureError } from "./refusal.js";

/** Department/year given by the person ingesting (flags or a sidecar), overriding the page. */
export interface GivenFacts {
  department?: string;
  code?: string;
  year?: number;
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
  if (cut) return `文件不完整：${cut.message}（文件在${stream.label(lastLine)}附近结束）`;
  const lastProject = projects[projects.length - 1];
  if (lastProject && lastProject.indicators.length === 0 && otherLines.every((l) => l < lastProject.line)) {
    return `文件不完整：最后一张绩效目标表“${lastProject.name}”（${stream.label(lastProject.line)}）没有绩效指标`;
  }
  return null;
}

/**
 * Formats whose reader fails on bytes that end early (a PDF's cross-reference and page tree, an
 * Office zip's central directory): a part that looks cut in them is empty or pictured, never a cut
 * file. Text and web pages have no such structure, so their content decides.
 */
const WHOLE_BY_STRUCTURE: ReadonlySet<DocumentModel["format"]> = new Set(["pdf", "xlsx", "xls", "docx"]);

/** A stable digest of a model, for a model parsed without its file's bytes (tests, tools). */
function modelDigest(model: DocumentModel): string {
  return createHash("sha256").update(JSON.stringify(model)).digest("hex");
}

/**
 * Parse one document model. `sha256` is the digest of the file's bytes (readDisclosure passes
 * it); without it the model itself is digested. Throws NotADisclosureError when nothing
 * budget-like is found, NeedsOcrError for pages without text, TruncatedDisclosureError for a file
 * cut short (all IngestRefusalErrors with their reason).
 */
export function parseDisclosure(
  model: DocumentModel,
  file: string,
  given: GivenFacts = {},
  sha256?: string,
): Disclosure {
  refuseScan(model);
  // The one reading view of the document: every reader below reads it.
  const stream = streamOf(model);
  const facts = documentFactsOf(stream, file);
  const { parts, warnings } = readParts(stream, { file });

  const found =
    parts.tables.length + parts.narrative.length + parts.projects.length + parts.procurement.length;
  if (found === 0) {
    throw new NotADisclosureError("未找到预算表、情况说明数字或绩效目标表");
  }

  const cut = truncation(stream, warnings, parts.projects, [
    ...parts.tables.map((t) => t.line),
    ...parts.procurement.map((r) => r.line),
    ...parts.assets.map((r) => r.line),
    ...parts.narrative.map((f) => f.figure.source.line),
  ]);
  if (cut && !WHOLE_BY_STRUCTURE.has(model.format)) throw new TruncatedDisclosureError(cut);
  if (cut) {
    // The reader parsed the file's whole structure, so its bytes did not end early: the part is
    // empty or only pictured (an image-only table), not cut. Keep the rest and say where.
    warnings.push({
      message: `${cut.replace(/^文件不完整：/, "")}；文件结构完整，其余内容已导入`,
      line: null,
    });
  }

  const fromName = factsFromFileName(file);
  let name = given.department ?? facts.name;
  let year = given.year ?? facts.year ?? yearOfTitles(parts.tables.map((t) => t.title));
  if (!name && fromName.name) {
    name = fromName.name;
    warnings.push({
      message: `文件内未载明单位名称，暂按文件名记为“${name}”；如有误请用 --department 或 .meta.json 指定`,
      line: null,
    });
  }
  if (!year && fromName.year) {
    year = fromName.year;
    warnings.push({
      message: `文件内未载明预算年度，暂按文件名记为 ${year} 年；如有误请用 --year 或 .meta.json 指定`,
      line: null,
    });
  }
  if (!name)
    warnings.push({ message: "文件未载明单位名称，请用 --department 或 .meta.json 指定", line: null });
  if (!year) warnings.push({ message: "文件未载明预算年度，请用 --year 或 .meta.json 指定", line: null });

  const places: Record<number, Place> = {};
  for (const [line, place] of stream.places) if (place.kind !== "line") places[line] = place;
  const disclosure: Disclosure = {
    file,
    sha256: sha256 ?? modelDigest(model),
    department: {
      name: name ?? null,
      code: given.code ?? facts.code,
      given: given.department !== undefined,
    },
    year: year ?? null,
    kind: facts.kind,
    basis: documentBasisOf(stream),
    region: facts.region,
    units: parts.units,
    tables: parts.tables,
    narrative: parts.narrative,
    notApplicable: parts.notApplicable,
    stated: parts.stated,
    ...(parts.counts ? { counts: parts.counts } : {}),
    projects: parts.projects,
    procurement: parts.procurement,
    procurementTitleLine: parts.procurementTitleLine,
    assets: parts.assets,
    assetsAsOf: parts.assetsAsOf,
    warnings,
    texts: stream.blocks.flatMap((b) =>
      b.type === "para" && b.text.trim() !== ""
        ? [{ text: b.text, source: { file, section: "", line: b.line } }]
        : [],
    ),
  };
  if (Object.keys(places).length > 0) {
    disclosure.places = places;
    attachPlaces(disclosure);
  }
  return disclosure;
}

/** Read a file's bytes into a Disclosure: recognise the format, read the model, parse it. */
export async function readDisclosure(
  bytes: Uint8Array,
  file: string,
  given: GivenFacts = {},
): Promise<Disclosure> {
  const model = await readDocument(bytes, file);
  return parseDisclosure(model, file, given, createHash("sha256").update(bytes).digest("hex"));
}
