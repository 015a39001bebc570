/**
 * Ruled tables: ruling segments that cross each other form a grid; its row and column lines
 * give the cells, and a missing boundary between two grid cells merges them (colSpan/rowSpan).
 */
import type { Rulings, Segment } from "./rulings.js";

/** A ruled table region: boundaries top-down / left-right and which boundaries are drawn. */
export interface Grid {
  /** Row boundaries (y, ascending); rows are between consecutive ys. */
  ys: number[];
  /** Column boundaries (x, ascending). */
  xs: number[];
  /** vertical[r][c]: the line at xs[c] is drawn across row r (c = 0..xs.length-1). */
  vertical: boolean[][];
  /** horizontal[r][c]: the line at ys[r] is drawn across column c (r = 0..ys.length-1). */
  horizontal: boolean[][];
}

const NEAR = 2;

/** Cluster coordinates closer than `tol` into their mean, ascending. */
function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const group = out[out.length - 1];
    if (group && v - (group[group.length - 1] as number) <= tol) group.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

function covers(segs: Segment[], at: number, mid: number): boolean {
  return segs.some((s) => Math.abs(s.at - at) <= NEAR && s.from - NEAR <= mid && mid <= s.to + NEAR);
}

/** Find the grids of a page: connected sets of crossing rulings with at least 2×2 lines. */
export function gridsOf(rulings: Rulings): Grid[] {
  const h = rulings.horizontal;
  const v = rulings.vertical;
  const n = h.length + v.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  h.forEach((hs, i) => {
    v.forEach((vs, j) => {
      if (
        vs.at >= hs.from - NEAR &&
        vs.at <= hs.to + NEAR &&
        hs.at >= vs.from - NEAR &&
        hs.at <= vs.to + NEAR
      ) {
        union(i, h.length + j);
      }
    });
  });
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const g = groups.get(root) ?? { h: [], v: [] };
    if (i < h.length) g.h.push(h[i] as Segment);
    else g.v.push(v[i - h.length] as Segment);
    groups.set(root, g);
  }
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const ys = cluster(
      g.h.map((s) => s.at),
      NEAR,
    );
    const xs = cluster(
      g.v.map((s) => s.at),
      NEAR,
    );
    if (ys.length < 2 || xs.length < 2) continue;
    const vertical = ys
      .slice(0, -1)
      .map((y, r) => xs.map((x) => covers(g.v, x, (y + (ys[r + 1] as number)) / 2)));
    const horizontal = ys.map((y) =>
      xs.slice(0, -1).map((x, c) => covers(g.h, y, (x + (xs[c + 1] as number)) / 2)),
    );
    grids.push({ ys, xs, vertical, horizontal });
  }
  return grids.sort((a, b) => (a.ys[0] as number) - (b.ys[0] as number));
}

/** A merged cell of a grid: top-left grid position and spans. */
export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** The cells of a grid: grid positions joined where no boundary is drawn between them. */
export function cellsOf(grid: Grid): GridCell[] {
  const rows = grid.ys.length - 1;
  const cols = grid.xs.length - 1;
  const seen: boolean[][] = Array.from({ length: rows }, () => Array(cols).fill(false));
  const cells: GridCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (seen[r]?.[c]) continue;
      // Flood the region reachable without crossing a drawn line; take its bounding box.
      let r0 = r;
      let r1 = r;
      let c0 = c;
      let c1 = c;
      const stack: Array<[number, number]> = [[r, c]];
      (seen[r] as boolean[])[c] = true;
      while (stack.length) {
        const [rr, cc] = stack.pop() as [number, number];
        r0 = Math.min(r0, rr);
        r1 = Math.max(r1, rr);
        c0 = Math.min(c0, cc);
        c1 = Math.max(c1, cc);
        const tryVisit = (nr: number, nc: number, open: boolean) => {
          if (!open || nr < 0 || nc < 0 || nr >= rows || nc >= cols || seen[nr]?.[nc]) return;
          (seen[nr] as boolean[])[nc] = true;
          stack.push([nr, nc]);
        };
        tryVisit(rr, cc + 1, !grid.vertical[rr]?.[cc + 1]);
        tryVisit(rr, cc - 1, !grid.vertical[rr]?.[cc]);
        tryVisit(rr + 1, cc, !grid.horizontal[rr + 1]?.[cc]);
        tryVisit(rr - 1, cc, !grid.horizontal[rr]?.[cc]);
      }
      for (let rr = r0; rr <= r1; rr++) for (let cc = c0; cc <= c1; cc++) (seen[rr] as boolean[])[cc] = true;
      cells.push({ row: r0, col: c0, rowSpan: r1 - r0 + 1, colSpan: c1 - c0 + 1 });
    }
  }
  return cells.sort((a, b) => a.row - b.row || a.col - b.col);
}
