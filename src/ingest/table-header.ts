/**
 * Table headers: merge one or more printed header rows (with merged cells collapsed by the
 * export) into the leaf columns of the table, each with the group header above it.
 *
 * A DOCX export prints a merged cell once. In a two-row header the first row holds group
 * headers and headers spanning both rows; the second row is full width, blank under a
 * header spanning both rows and holding the leaves under a group header:
 *   序号 | 功能分类科目        | 合计 | 本年收入                | 上年结转
 *        | 科目编码 | 科目名称 |      | 小计 | 财政拨款收入 | … |
 */
import { squash } from "../domain/text.js";

/** A leaf column: its label with whitespace squashed, and the group header above it (or null). */
export interface HeaderColumn {
  name: string;
  group: string | null;
}

/** Result of merging header rows; `exact` is false when the rows could not be aligned for sure. */
export interface MergedHeader {
  columns: HeaderColumn[];
  exact: boolean;
}

/** A label cell as a comparable header label: whitespace squashed, "(…)" kept. */
export function headerLabel(text: string): string {
  return squash(text);
}

/** Merge header rows (top first, cell texts as printed) into leaf columns. */
export function mergeHeaderRows(rows: string[][]): MergedHeader {
  const first = rows[0] ?? [];
  let columns: HeaderColumn[] = first.map((t) => ({ name: headerLabel(t), group: null }));
  let exact = true;
  for (const lower of rows.slice(1)) {
    const merged = mergeTwo(columns, lower.map(headerLabel));
    columns = merged.columns;
    exact &&= merged.exact;
  }
  return { columns, exact };
}

/** Where a run of leaves under one group may end and the next group's leaves begin. */
function splitCandidates(run: string[]): number[] {
  const out: number[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < run.length; k++) {
    const label = run[k] as string;
    if (k > 0 && (seen.has(label) || /名称$/.test(run[k - 1] as string))) {
      out.push(k);
      seen.clear();
    }
    seen.add(label);
  }
  return out;
}

function mergeTwo(upper: HeaderColumn[], lower: string[]): MergedHeader {
  if (upper.length === lower.length) {
    return {
      columns: lower.map((name, i) => {
        const up = upper[i] as HeaderColumn;
        return name === "" ? { ...up } : { name, group: up.name || up.group };
      }),
      exact: true,
    };
  }
  // Runs of consecutive non-blank lower cells sit under group headers; a blank lower cell
  // sits under a header that spans both rows.
  const runs: Array<{ start: number; cells: string[] }> = [];
  let blanks = 0;
  lower.forEach((name, i) => {
    if (name === "") {
      blanks++;
      return;
    }
    const last = runs[runs.length - 1];
    if (last && last.start + last.cells.length === i) last.cells.push(name);
    else runs.push({ start: i, cells: [name] });
  });
  let extra = upper.length - blanks - runs.length;
  let exact = extra >= 0;
  // Decide how many groups each run covers: split runs at plausible boundaries while upper
  // headers remain unaccounted for.
  const splits = new Map<number, number[]>();
  runs.forEach((run, r) => {
    const chosen: number[] = [];
    for (const k of splitCandidates(run.cells)) {
      if (extra <= 0) break;
      chosen.push(k);
      extra--;
    }
    splits.set(r, chosen);
  });
  if (extra !== 0) exact = false;

  const columns: HeaderColumn[] = [];
  let j = 0;
  let r = 0;
  const take = (): HeaderColumn => upper[j++] ?? { name: "", group: null };
  for (let i = 0; i < lower.length; ) {
    const name = lower[i] as string;
    if (name === "") {
      columns.push({ ...take() });
      i++;
      continue;
    }
    const run = runs[r] as { start: number; cells: string[] };
    const cuts = [0, ...(splits.get(r) ?? []), run.cells.length];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const group = take();
      for (const leaf of run.cells.slice(cuts[c], cuts[c + 1])) {
        columns.push({ name: leaf, group: group.name || group.group });
      }
    }
    i += run.cells.length;
    r++;
  }
  return { columns, exact };
}

/**
 * A header row's continuation: the tails of headers that wrapped inside their cells and came out
 * as a row of their own (`采购组织形` / `式`, `采购品目大` / `类`), joined to the headers above them.
 * Null when `lower` is not such a row: a wrap tail is one or two characters under a filled header,
 * and only some headers wrap (a row of leaves under group headers is wider or fills every column).
 */
export function joinWrappedHeader(upper: string[], lower: string[]): string[] | null {
  if (lower.length > upper.length) return null;
  const tails = lower.map(headerLabel);
  const filled = tails.flatMap((t, i) => (t === "" ? [] : [i]));
  const headers = upper.filter((t) => headerLabel(t) !== "").length;
  if (filled.length === 0 || filled.length >= headers) return null;
  const wraps = filled.every(
    (i) => /^[\u4e00-\u9fff]{1,2}$/.test(tails[i] as string) && headerLabel(upper[i] ?? "") !== "",
  );
  return wraps ? upper.map((t, i) => headerLabel(t) + (tails[i] ?? "")) : null;
}

/**
 * The texts of a header row for merging: a position covered by a merged header cell from its left
 * repeats that header (so the leaves below it get it as their group).
 */
export function headerTexts(row: { cells: Array<{ text: string; spanned?: string }> }): string[] {
  return row.cells.map((c) => (c.text === "" && c.spanned !== undefined ? c.spanned : c.text));
}

/** A header or data cell with the spans a document model gives (absent spans count as 1). */
export interface SpanCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

/** One position of an expanded row: the cell covering it and whether the cell starts there. */
export interface GridSlot<C extends SpanCell = SpanCell> {
  cell: C;
  origin: boolean;
  /** Covered by a cell of a row above (rowSpan), not by one to the left in the same row. */
  above?: boolean;
}

/**
 * Expands rows into grid positions, carrying row spans down: `next(row)` returns the row's slots,
 * left to right, with positions covered by a cell from above (rowSpan) or from the left (colSpan)
 * filled with that cell (origin false). Rows without spans come out as they are.
 */
export class RowExpander<C extends SpanCell = SpanCell> {
  private carry: Array<{ slot: GridSlot<C>; rows: number } | undefined> = [];

  /** The slots of the next row. */
  next(cells: C[]): GridSlot<C>[] {
    const out: GridSlot<C>[] = [];
    let c = 0;
    const fillCarried = () => {
      for (let k = this.carry[c]; k && k.rows > 0; k = this.carry[c]) {
        out[c] = { cell: k.slot.cell, origin: false, above: true };
        k.rows--;
        c++;
      }
    };
    for (const cell of cells) {
      fillCarried();
      const span = Math.max(1, cell.colSpan ?? 1);
      const down = Math.max(1, cell.rowSpan ?? 1);
      for (let d = 0; d < span; d++) {
        out[c + d] = { cell, origin: d === 0 };
        this.carry[c + d] = down > 1 ? { slot: { cell, origin: false }, rows: down - 1 } : undefined;
      }
      c += span;
    }
    fillCarried();
    // Later carried positions (a cell from above at the right end of a short row).
    for (let k = c; k < this.carry.length; k++) {
      const carried = this.carry[k];
      if (carried && carried.rows > 0) {
        out[k] = { cell: carried.slot.cell, origin: false, above: true };
        carried.rows--;
      }
    }
    for (let k = 0; k < out.length; k++) out[k] ??= { cell: { text: "" } as C, origin: true };
    return out;
  }
}

/** Whether any cell of the rows states a span (then the rows come from a document model). */
export function hasSpans(rows: SpanCell[][]): boolean {
  return rows.some((r) => r.some((c) => (c.colSpan ?? 1) > 1 || (c.rowSpan ?? 1) > 1));
}

/** A leaf column with every distinct header label above it, top first. */
export interface PathColumn extends HeaderColumn {
  path: string[];
}

/**
 * Merge header rows whose merged cells carry colSpan/rowSpan into leaf columns: each column's
 * leaf is the lowest label above it, its group the distinct label above the leaf.
 */
export function mergeSpannedHeaderRows(rows: SpanCell[][]): { columns: PathColumn[]; exact: boolean } {
  const expander = new RowExpander();
  const grid = rows.map((r) => expander.next(r));
  const width = Math.max(0, ...grid.map((g) => g.length));
  const columns: PathColumn[] = [];
  for (let c = 0; c < width; c++) {
    const seen: SpanCell[] = [];
    for (const g of grid) {
      const slot = g[c];
      if (slot && !seen.includes(slot.cell)) seen.push(slot.cell);
    }
    const path = seen.map((cell) => headerLabel(cell.text)).filter((t) => t !== "");
    const name = path[path.length - 1] ?? "";
    columns.push({ name, group: path.length > 1 ? (path[path.length - 2] ?? null) : null, path });
  }
  return { columns, exact: true };
}
