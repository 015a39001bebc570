/**
 * Reads what a document's prose states: the narrative facts (with share, change and prior
 * figures where stated), the facts it says do not apply (不适用), the counts it states (车辆,
 * 设备, 绩效目标项目) and the figures no reader classified, each in document order.
 */

import { sourceAt } from "../../../domain/places.js";
import type {
  CountKey,
  Figure,
  FundScope,
  NarrativeCount,
  NarrativeFact,
  NarrativeKey,
  NotApplicableFact,
  PriorBasis,
  StatedFigure,
} from "../../../domain/types.js";
import type { Db } from "../db.js";
import { docRows, num, numOrNull, originOf, str, strOrNull, toFigure } from "./rows.js";

/** The narrative facts of a document in document order, optionally only one key. */
export function getNarrative(db: Db, docId: number, key?: NarrativeKey): NarrativeFact[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = docRows(db, "narrative", docId, key !== undefined ? ["key", key] : undefined);
  return rows.map((r) => {
    const fact: NarrativeFact = {
      key: r.key as NarrativeKey,
      label: str(r.label),
      figure: toFigure(r, "value", file) as Figure,
      direction: numOrNull(r.direction) as NarrativeFact["direction"],
      sentence: str(r.sentence),
    };
    // Optional parts are present only when the document states them (a round trip is exact).
    if (r.share_bp !== null && r.share_bp !== undefined) fact.share = num(r.share_bp);
    if (r.change_direction !== null && r.change_direction !== undefined) {
      fact.change = {
        direction: num(r.change_direction) as 1 | -1 | 0,
        figure: toFigure(r, "change", file),
        percent: numOrNull(r.change_percent_bp),
        basis: strOrNull(r.change_basis) as PriorBasis | null,
        year: numOrNull(r.change_year),
      };
    }
    const prior = toFigure(r, "prior", file);
    if (prior) {
      fact.prior = { basis: str(r.prior_basis) as PriorBasis, year: numOrNull(r.prior_year), figure: prior };
    }
    if (r.subject !== null && r.subject !== undefined) fact.subject = str(r.subject);
    if (r.scope !== null && r.scope !== undefined) fact.scope = str(r.scope) as FundScope;
    return fact;
  });
}

/** The facts a document says do not apply (不适用), in document order. */
export function getNotApplicable(db: Db, docId: number): NotApplicableFact[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = docRows(db, "not_applicable", docId);
  return rows.map((r) => ({
    key: r.key as NarrativeKey,
    label: str(r.label),
    sentence: str(r.sentence),
    source: sourceAt(file, str(r.section), num(r.line)),
  }));
}

/** The counts a document's narrative states (车辆, 设备, 绩效目标项目), in document order. */
export function getCounts(db: Db, docId: number): NarrativeCount[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = docRows(db, "narrative_counts", docId);
  return rows.map((r) => ({
    key: r.key as CountKey,
    label: str(r.label),
    text: str(r.text),
    value: num(r.value),
    unit: str(r.unit),
    sentence: str(r.sentence),
    source: sourceAt(file, str(r.section), num(r.line)),
  }));
}

/** The figures a document states that no reader classified, in document order. */
export function getStatedFigures(db: Db, docId: number): StatedFigure[] {
  const file = originOf(db, docId);
  if (file === null) return [];
  const rows = docRows(db, "stated_figures", docId);
  return rows.map((r) => ({
    label: str(r.label),
    figure: toFigure(r, "value", file) as Figure,
    origin: str(r.origin) as StatedFigure["origin"],
    context: str(r.context),
  }));
}
