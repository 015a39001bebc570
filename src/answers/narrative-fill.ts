/**
 * A blank table cell the 情况说明 states: shown as the narrative's figure, marked `*`, with the
 * narrative as its source ("* 表中未填，取自情况说明（第16页）") — it is stated, so never 未列示.
 * Which narrative fact states which cell is the domain's rule (domain/table-figures.ts). Pure.
 */
import { factOf } from "../domain/lookup.js";
import { sourceLabel } from "../domain/places.js";
import { narrativeKeyOfCell } from "../domain/table-figures.js";
import type { Disclosure, Figure, StandardRow, StandardTable } from "../domain/types.js";
import type { MoneyCell } from "./units.js";

/** Fills blank cells of one reply from the narrative and remembers what it filled. */
export interface NarrativeFill {
  /** The money cell for a row and column: the table's figure, else the narrative's, marked. */
  cell(row: StandardRow, column: string, columnIndex: number): MoneyCell;
  /** Whether the narrative states this blank cell (without recording it). */
  states(row: StandardRow, column: string, columnIndex: number): boolean;
  /** Figures taken from the narrative so far (to cite). */
  readonly figures: Figure[];
  /** The note explaining the mark, or null when nothing was filled. */
  note(): string | null;
}

/** A filler for cells of table `t` of `doc`. */
export function narrativeFill(doc: Disclosure, t: StandardTable): NarrativeFill {
  const figures: Figure[] = [];
  const stated = (row: StandardRow, column: string, columnIndex: number): Figure | null => {
    const key = narrativeKeyOfCell(t.kind, row, column, columnIndex);
    const fact = key ? factOf(doc, key) : undefined;
    if (!fact || fact.direction !== null || fact.subject || fact.figure.fen === null) return null;
    return fact.figure;
  };
  return {
    figures,
    states: (row, column, columnIndex) => !row.values[column] && stated(row, column, columnIndex) !== null,
    cell(row, column, columnIndex) {
      const own = row.values[column] ?? null;
      if (own) return { figure: own };
      const figure = stated(row, column, columnIndex);
      if (!figure) return { figure: null };
      if (!figures.includes(figure)) figures.push(figure);
      return { figure, mark: "*" };
    },
    note() {
      const lines = [...new Set(figures.map((f) => sourceLabel(f.source)))];
      return lines.length ? `* 表中未填，取自情况说明（${lines.join("、")}）` : null;
    },
  };
}
