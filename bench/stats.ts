/** Measuring helpers for the benchmark: percentiles, memory after GC, formatting. */
import { performance } from "node:perf_hooks";

/** p50/p99/max (and count, mean) of a list of milliseconds. */
export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
function rank(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** Summarises a list of milliseconds. */
export function summarize(ms: number[]): Summary {
  const s = [...ms].sort((a, b) => a - b);
  return {
    n: s.length,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : Number.NaN,
    p50: rank(s, 50),
    p90: rank(s, 90),
    p99: rank(s, 99),
    max: s.length ? (s[s.length - 1] as number) : Number.NaN,
  };
}

/** Runs f and returns its result with the elapsed milliseconds. */
export function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

/** Process memory in bytes; after a full GC when node runs with --expose-gc. */
export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  /** False when gc() was not available (numbers include garbage). */
  afterGc: boolean;
}

/** Memory now, collected first when possible. */
export function memory(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, afterGc: gc !== undefined };
}

/** "12.3 ms" (or µs below 0.1 ms). */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (x < 0.1) return `${(x * 1000).toFixed(0)} µs`;
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  return `${x.toFixed(x < 10 ? 2 : 1)} ms`;
}

/** "12.3 MB". */
export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** Pads a table of strings into aligned columns (first column left, the others right). */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(c));
    });
  }
  return rows
    .map((r) =>
      r
        .map((c, i) => {
          const pad = " ".repeat((widths[i] ?? 0) - displayWidth(c));
          return i === 0 ? c + pad : pad + c;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Terminal width of a string: CJK characters count two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const c of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      c,
    )
      ? 2
      : 1;
  return w;
}
