/**
 * Ruled tables continued on the next page: a page that starts with a table whose column lines fit
 * the table that ends the previous page is one table with it. A row the page break cut in two
 * (its cells' first lines on the old page, the rest on the new) is joined back into one row.
 */
import type { DocPart, DocTable } from "../../document/model.js";
import type { RawRow } from "./grid-table.js";
import { joinLineTexts } from "./lines.js";
import type { PageLayout } from "./page-layout.js";

const NEAR = 3;

/**
 * Join continued tables: the new part's rows are appended to the old table, with spans counted in
 * the old table's columns; header rows repeated from the start of the table are dropped, and the
 * page keeps no copy.
 */
export function joinContinuedTables(parts: DocPart[], layouts: PageLayout[]): void {
  let open: { table: DocTable; xs: number[]; last: RawRow | undefined } | null = null;
  parts.forEach((part, i) => {
    const layout = layouts[i] as PageLayout;
    const laid = [...layout.tables].sort((a, b) => a.top - b.top);
    const first = part.blocks[0];
    const firstLaid = laid[0];
    if (open && first?.type === "table" && firstLaid && fitsColumns(open.xs, firstLaid.xs)) {
      const base = open.table;
      const xs = open.xs;
      const laidRows = [...firstLaid.rows];
      // A row broken by the page: its first row on the new page only finishes the cells above.
      const fragment = laidRows[0];
      if (fragment && open.last && finishesRow(open.last, fragment)) {
        const lastRow = base.rows[base.rows.length - 1];
        for (const c of fragment.cells) {
          const k = open.last.cells.findIndex((b) => sameEdges(b, c));
          const target = lastRow?.cells[k];
          if (!target) continue;
          if (c.text) target.text = joinLineTexts([target.text, c.text]);
          // The cell goes on over the rows its rest spans on the new page.
          target.rowSpan += c.rowSpan - 1;
        }
        laidRows.shift();
      }
      const rows = laidRows.map((r) => ({
        place: { kind: "page" as const, page: layout.page, line: r.line },
        cells: r.cells.map((c) => ({
          text: c.text,
          rowSpan: c.rowSpan,
          colSpan: columnsBetween(xs, c.x0, c.x1),
        })),
      }));
      let skip = 0;
      while (
        skip < rows.length &&
        skip < base.rows.length &&
        rowText(rows[skip]) === rowText(base.rows[skip])
      )
        skip++;
      if (skip === rows.length) skip = 0;
      base.rows.push(...rows.slice(skip));
      part.blocks.shift();
      laid.shift();
      if (part.blocks.length === 0) {
        const tail = firstLaid.rows[firstLaid.rows.length - 1];
        if (tail && tail !== fragment) open.last = tail;
        return;
      }
    }
    const last = part.blocks[part.blocks.length - 1];
    const lastLaid = laid[laid.length - 1];
    open =
      last?.type === "table" && lastLaid
        ? { table: last, xs: lastLaid.xs, last: lastLaid.rows[lastLaid.rows.length - 1] }
        : null;
  });
}

const AMOUNT = /^[-−]?[\d,]+(\.\d+)?%?$/;
const ENUMERATED = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d)/;

function sameEdges(a: { x0: number; x1: number }, b: { x0: number; x1: number }): boolean {
  return Math.abs(a.x0 - b.x0) <= NEAR && Math.abs(a.x1 - b.x1) <= NEAR;
}

/**
 * The first row on a new page finishes the last row of the previous page when each of its
 * non-empty cells sits under a non-empty, left-aligned cell of that row, starts at the left border
 * too, and reads as the rest of a name (neither it nor the text above is an amount, it is not a
 * new enumerated item); and more than half of the cells above show the cut: their text ran to
 * the right border (was wrapped). The page breaks all cells of a row at once, so the others need
 * not run to their border (a producer that wraps at word boundaries leaves room at the end of
 * `上解上级` / `支出`), while one narrow cell filled by a short value (`≥92`) above a row of
 * new entries is no cut.
 */
function finishesRow(last: RawRow, first: RawRow): boolean {
  const filled = first.cells.filter((c) => c.text);
  if (!filled.length) return false;
  const above = filled.map((c) => last.cells.find((b) => sameEdges(b, c)));
  const continues = filled.every((c, k) => {
    const b = above[k];
    if (AMOUNT.test(c.text) || ENUMERATED.test(c.text)) return false;
    return Boolean(b?.text && b.flushLeft && c.flushLeft && !AMOUNT.test(b.text));
  });
  return continues && 2 * above.filter((b) => b?.full).length > filled.length;
}

function rowText(row: DocTable["rows"][number] | undefined): string {
  return row ? row.cells.map((c) => `${c.text}/${c.colSpan}`).join("|") : "";
}

function fitsColumns(base: number[], next: number[]): boolean {
  const near = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && Math.abs(a - b) <= NEAR;
  return (
    near(base[0], next[0]) &&
    near(base[base.length - 1], next[next.length - 1]) &&
    next.every((x) => base.some((b) => Math.abs(b - x) <= NEAR))
  );
}

/** Number of the base table's columns between two x positions. */
function columnsBetween(xs: number[], x0: number, x1: number): number {
  let n = 0;
  for (let k = 0; k + 1 < xs.length; k++) {
    const mid = ((xs[k] as number) + (xs[k + 1] as number)) / 2;
    if (mid > x0 && mid < x1) n++;
  }
  return Math.max(1, n);
}
