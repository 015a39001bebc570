/**
 * The part reader contract: every reader of one part of a disclosure (standard tables, 情况说明
 * facts, project 绩效目标表, 政府采购, 资产, 机构) takes the document's one reading view and gives its
 * fields of the Disclosure with the warnings it has. The pipeline builds the view once per
 * document and hands it to every reader listed in parts/index.ts.
 */
import type { Disclosure, ParseWarning } from "../../domain/types.js";
import type { BlockStream } from "../document/stream.js";

/** The fields of a Disclosure that part readers fill. */
export type DisclosureParts = Pick<
  Disclosure,
  | "tables"
  | "narrative"
  | "notApplicable"
  | "stated"
  | "counts"
  | "projects"
  | "procurement"
  | "procurementTitleLine"
  | "assets"
  | "assetsAsOf"
  | "units"
>;

/** What every part reader is given besides the reading view. */
export interface PartContext {
  /** The file name every Source of the part cites. */
  file: string;
}

/** What one part reader read: its fields and its warnings (with the line they concern). */
export interface PartReading<K extends keyof DisclosureParts> {
  fields: Pick<DisclosureParts, K>;
  warnings: ParseWarning[];
}

/** A reader of one part of a disclosure. */
export interface PartReader<K extends keyof DisclosureParts = keyof DisclosureParts> {
  /** The part's name in English (for logs, the design notes and tests). */
  part: string;
  /** The Disclosure fields it fills. */
  fills: readonly K[];
  read(stream: BlockStream, ctx: PartContext): PartReading<K>;
}

/** A reader for a table: the compiler infers which fields it fills. */
export function partReader<K extends keyof DisclosureParts>(reader: PartReader<K>): PartReader<K> {
  return reader;
}
