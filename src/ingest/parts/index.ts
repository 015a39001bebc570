/**
 * The one table of part readers. The pipeline runs them in this order over one reading view and
 * merges their fields into the Disclosure; warnings keep this order. A new part is a reader module
 * and one row here; the check at the end makes the compiler name a Disclosure field no row fills.
 *
 * The 决算 sentences (final-sentences.ts) are not a row: they are one of the narrative reader's
 * sentence readers and share its per-section state.
 */
import type { ParseWarning } from "../../domain/types.js";
import { assetsOf } from "../assets.js";
import type { BlockStream } from "../document/stream.js";
import { narrativeOf } from "../narrative.js";
import { procurementOf } from "../procurement.js";
import { projectsOf } from "../projects.js";
import { standardTablesOf } from "../standard-tables.js";
import { unitsOf } from "../units.js";
import { type DisclosureParts, type PartContext, partReader } from "./types.js";

export type { DisclosureParts, PartContext, PartReader, PartReading } from "./types.js";

/** The part readers, in reading order. */
export const PART_READERS = [
  partReader({
    part: "standard tables",
    fills: ["tables"],
    read: (stream, { file }) => {
      const r = standardTablesOf(stream, file);
      return { fields: { tables: r.tables }, warnings: r.warnings };
    },
  }),
  partReader({
    part: "narrative facts",
    fills: ["narrative", "notApplicable", "stated", "counts"],
    read: (stream, { file }) => {
      const r = narrativeOf(stream, file);
      return {
        fields: {
          narrative: r.facts,
          notApplicable: r.notApplicable,
          stated: r.stated,
          ...(r.counts.length ? { counts: r.counts } : {}),
        },
        warnings: r.warnings,
      };
    },
  }),
  partReader({
    part: "projects",
    fills: ["projects"],
    read: (stream, { file }) => {
      const r = projectsOf(stream, file);
      return { fields: { projects: r.projects }, warnings: r.warnings };
    },
  }),
  partReader({
    part: "procurement",
    fills: ["procurement", "procurementTitleLine"],
    read: (stream, { file }) => {
      const r = procurementOf(stream, file);
      return { fields: { procurement: r.rows, procurementTitleLine: r.titleLine }, warnings: r.warnings };
    },
  }),
  partReader({
    part: "assets",
    fills: ["assets", "assetsAsOf"],
    read: (stream, { file }) => {
      const r = assetsOf(stream, file);
      return { fields: { assets: r.rows, assetsAsOf: r.asOf }, warnings: r.warnings };
    },
  }),
  partReader({
    part: "units",
    fills: ["units"],
    read: (stream, { file }) => ({ fields: { units: unitsOf(stream, file) }, warnings: [] }),
  }),
] as const;

type Filled = (typeof PART_READERS)[number]["fills"][number];
/** Compile-time: every Disclosure part field is filled by some row (an error here names the missing one). */
const everyFieldFilled: Record<Exclude<keyof DisclosureParts, Filled>, never> = {};
void everyFieldFilled;

/** Every part field empty: what a document holds before any reader found something. */
export function emptyParts(): DisclosureParts {
  return {
    units: [],
    tables: [],
    narrative: [],
    notApplicable: [],
    stated: [],
    projects: [],
    procurement: [],
    procurementTitleLine: null,
    assets: [],
    assetsAsOf: null,
  };
}

/** Run every part reader over one reading view; fields merged, warnings in table order. */
export function readParts(
  stream: BlockStream,
  ctx: PartContext,
): { parts: DisclosureParts; warnings: ParseWarning[] } {
  const parts = emptyParts();
  const warnings: ParseWarning[] = [];
  for (const reader of PART_READERS) {
    const r = reader.read(stream, ctx);
    Object.assign(parts, r.fields);
    warnings.push(...r.warnings);
  }
  return { parts, warnings };
}
