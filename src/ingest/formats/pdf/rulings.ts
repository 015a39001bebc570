/**
 * Ruling lines of a page from its operator list: stroked horizontal/vertical segments, stroked
 * rectangle edges, and thin filled rectangles (how Excel and WPS draw cell borders), all in
 * top-down page coordinates. Curves, clip paths and large filled areas are ignored.
 */

/** A horizontal (y fixed) or vertical (x fixed) segment. */
export interface Segment {
  /** The fixed coordinate: y for horizontal, x for vertical. */
  at: number;
  from: number;
  to: number;
}

/** The ruling lines of one page. */
export interface Rulings {
  horizontal: Segment[];
  vertical: Segment[];
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Op codes this module reads (pdfjs OPS and DrawOPS values). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  setLineWidth: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

/** Lines thinner than this (points) count as rulings when drawn as filled rectangles. */
const THIN = 2.5;

/**
 * Extract the rulings. `viewport` maps PDF space to top-down page space (pdfjs viewport.transform
 * at scale 1).
 */
export function rulingsOf(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  ops: OpCodes,
  viewport: Matrix,
): Rulings {
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  let ctm: Matrix = viewport;
  const stack: Matrix[] = [];
  const strokeOps = new Set([
    ops.stroke,
    ops.closeStroke,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);
  const fillOps = new Set([
    ops.fill,
    ops.eoFill,
    ops.fillStroke,
    ops.eoFillStroke,
    ops.closeFillStroke,
    ops.closeEOFillStroke,
  ]);

  const addSegment = (x0: number, y0: number, x1: number, y1: number) => {
    if (Math.abs(y0 - y1) < 0.8 && Math.abs(x1 - x0) > 1) {
      horizontal.push({ at: (y0 + y1) / 2, from: Math.min(x0, x1), to: Math.max(x0, x1) });
    } else if (Math.abs(x0 - x1) < 0.8 && Math.abs(y1 - y0) > 1) {
      vertical.push({ at: (x0 + x1) / 2, from: Math.min(y0, y1), to: Math.max(y0, y1) });
    }
  };
  const addThinBox = (xa: number, ya: number, xb: number, yb: number) => {
    const w = Math.abs(xb - xa);
    const h = Math.abs(yb - ya);
    if (h <= THIN && w > h)
      horizontal.push({ at: (ya + yb) / 2, from: Math.min(xa, xb), to: Math.max(xa, xb) });
    else if (w <= THIN && h > w)
      vertical.push({ at: (xa + xb) / 2, from: Math.min(ya, yb), to: Math.max(ya, yb) });
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? viewport;
    else if (fn === ops.transform && args) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === ops.paintFormXObjectBegin && args) {
      stack.push(ctm);
      const m = args[0] as number[] | null;
      if (m && m.length === 6) ctm = multiply(ctm, m as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? viewport;
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const buffer = (args[1] as Array<ArrayLike<number> | null>)?.[0];
      if (!buffer) continue;
      const stroke = strokeOps.has(paint);
      const fill = fillOps.has(paint);
      if (!stroke && !fill) continue;
      walkPath(buffer, ctm, (points, closed) => {
        if (stroke) {
          for (let k = 1; k < points.length; k++) {
            const p = points[k - 1] as [number, number];
            const q = points[k] as [number, number];
            addSegment(p[0], p[1], q[0], q[1]);
          }
          if (closed && points.length > 2) {
            const p = points[points.length - 1] as [number, number];
            const q = points[0] as [number, number];
            addSegment(p[0], p[1], q[0], q[1]);
          }
        }
        if (fill && points.length >= 2) {
          const xs = points.map((p) => p[0]);
          const ys = points.map((p) => p[1]);
          const axisAligned = points.every((p, k) => {
            const q = points[(k + 1) % points.length] as [number, number];
            return Math.abs(p[0] - q[0]) < 0.5 || Math.abs(p[1] - q[1]) < 0.5;
          });
          if (axisAligned) addThinBox(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
        }
      });
    }
  }
  return { horizontal, vertical };
}

/** Walk a pdfjs path buffer (DrawOPS: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadraticCurveTo, 4 closePath). */
function walkPath(
  buffer: ArrayLike<number>,
  ctm: Matrix,
  onSubpath: (points: Array<[number, number]>, closed: boolean) => void,
): void {
  let points: Array<[number, number]> = [];
  let curved = false;
  const end = (closed: boolean) => {
    if (points.length > 1 && !curved) onSubpath(points, closed);
    points = [];
    curved = false;
  };
  for (let k = 0; k < buffer.length; ) {
    const op = buffer[k++];
    if (op === 0) {
      end(false);
      points.push(apply(ctm, buffer[k] as number, buffer[k + 1] as number));
      k += 2;
    } else if (op === 1) {
      points.push(apply(ctm, buffer[k] as number, buffer[k + 1] as number));
      k += 2;
    } else if (op === 2) {
      curved = true;
      points.push(apply(ctm, buffer[k + 4] as number, buffer[k + 5] as number));
      k += 6;
    } else if (op === 3) {
      curved = true;
      points.push(apply(ctm, buffer[k + 2] as number, buffer[k + 3] as number));
      k += 4;
    } else if (op === 4) {
      const first = points[0];
      end(true);
      if (first) points.push(first);
    } else break;
  }
  end(false);
}
