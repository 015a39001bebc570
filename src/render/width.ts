/**
 * Display-width helpers for monospace tables: a CJK character takes two columns
 * (string-width 8), so padding by String.length would misalign Chinese text.
 */
import stringWidth from "string-width";
import type { Align, ReplyTable } from "../reply/reply.js";

/**
 * Width of one UTF-16 unit in the ranges budget text is made of, where a code point is a whole
 * grapheme and its width does not depend on its neighbours; -1 elsewhere. string-width's first
 * call compiles Unicode-property regular expressions (~0.2 s), which a one-shot `bot ask` would
 * pay for every table; these ranges give the same widths without it (test/render-width.test.ts
 * compares every code point of them with string-width).
 */
export function plainWidth(code: number): number {
  if (code >= 0x20 && code <= 0x7e) return 1;
  if (code >= 0x4e00 && code <= 0x9fff) return 2; // CJK Unified Ideographs
  if (code >= 0x3400 && code <= 0x4dbf) return 2; // Extension A
  if (code >= 0x3000 && code <= 0x3029) return 2; // CJK symbols and punctuation (before the tone marks)
  if (code >= 0xff01 && code <= 0xff60) return 2; // Fullwidth forms
  if (code >= 0xffe0 && code <= 0xffe6) return 2;
  if (code >= 0x2010 && code <= 0x2027) return 1; // Dashes, quotes, ellipsis (ambiguous: narrow)
  return -1;
}

/** Columns the text occupies in a monospace terminal (CJK and full-width = 2). */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const w = plainWidth(text.charCodeAt(i));
    if (w < 0) return stringWidth(text);
    width += w;
  }
  return width;
}

/** Pad on the right with spaces up to `width` display columns (never cuts). */
export function padEndWidth(text: string, width: number): string {
  const gap = width - displayWidth(text);
  return gap > 0 ? text + " ".repeat(gap) : text;
}

/** Pad on the left with spaces up to `width` display columns (never cuts). */
export function padStartWidth(text: string, width: number): string {
  const gap = width - displayWidth(text);
  return gap > 0 ? " ".repeat(gap) + text : text;
}

/** Pad to `width` display columns on the side given by the alignment. */
export function padWidth(text: string, width: number, align: Align): string {
  return align === "right" ? padStartWidth(text, width) : padEndWidth(text, width);
}

/** Cut text to at most `max` UTF-16 units, ending with `marker` when cut; never splits a surrogate pair. */
export function truncateChars(text: string, max: number, marker = "…"): string {
  if (text.length <= max) return text;
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length + marker.length > max) break;
    out += ch;
  }
  return out + marker;
}

/** A table laid out as monospace lines, every line the same display width (before trimming). */
export interface MonoTable {
  /** Header line followed by the rule line. */
  head: string[];
  /** One line per body row, in order. */
  rows: string[];
  /** Rule line followed by one line per totals row; empty when the table has no totals. */
  totals: string[];
  /** Display width of every line. */
  width: number;
}

/** Options for layoutMonoTable. */
export interface MonoOptions {
  /** Move left-aligned (label) columns after the right-aligned ones, for chat fonts where CJK is not 2 columns. */
  labelLast?: boolean;
  /** Remove trailing spaces from each line (saves characters in chat). */
  trimEnd?: boolean;
  /** Text between columns. */
  gap?: string;
  /** Character the rule lines are drawn with. */
  rule?: string;
}

/** One table cell as a single line: newlines and tabs become spaces. */
export function flattenCell(text: string | undefined): string {
  return (text ?? "").replace(/\s*[\r\n\t]+\s*/g, " ").trim();
}

/** Column order used by the chat renderers: right-aligned columns first, labels last (stable). */
export function columnOrder(table: ReplyTable, labelLast: boolean): number[] {
  const idx = table.columns.map((_, i) => i);
  if (!labelLast) return idx;
  return [
    ...idx.filter((i) => table.columns[i]?.align === "right"),
    ...idx.filter((i) => table.columns[i]?.align !== "right"),
  ];
}

/** Lay a Reply table out as aligned monospace lines, padding by display width. */
export function layoutMonoTable(table: ReplyTable, opts: MonoOptions = {}): MonoTable {
  const gap = opts.gap ?? "  ";
  const rule = opts.rule ?? "-";
  const order = columnOrder(table, opts.labelLast ?? false);
  const pick = (cells: string[]) => order.map((i) => flattenCell(cells[i]));
  const header = pick(table.columns.map((c) => c.header));
  const body = table.rows.map(pick);
  const totals = (table.totals ?? []).map(pick);
  const widths = order.map((_, k) =>
    Math.max(...[header, ...body, ...totals].map((cells) => displayWidth(cells[k] ?? ""))),
  );
  const aligns = order.map((i) => table.columns[i]?.align ?? "left");
  const width = widths.reduce((a, b) => a + b, 0) + gap.length * Math.max(0, widths.length - 1);
  const line = (cells: string[]) => {
    const s = cells.map((c, k) => padWidth(c, widths[k] ?? 0, aligns[k] ?? "left")).join(gap);
    return opts.trimEnd ? s.trimEnd() : s;
  };
  const ruleLine = rule.repeat(Math.max(1, Math.floor(width / Math.max(1, displayWidth(rule)))));
  return {
    head: [line(header), ruleLine],
    rows: body.map(line),
    totals: totals.length > 0 ? [ruleLine, ...totals.map(line)] : [],
    width,
  };
}
