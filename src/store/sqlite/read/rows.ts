/**
 * Shared helpers for the store's reads: the SqlRow type, the column coercers (str, num and their
 * OrNull forms), grouping child rows by their parent id, and rebuilding a Figure from its
 * `<prefix>_text/_fen/_unit/_section/_line` columns with its provenance (file, section, line and,
 * for documents that have them, the page or sheet place read once per places_json and cached).
 * A blank cell comes back as null, never 0. It reads only a document's file and places (originOf).
 */

import type { Figure, MoneyUnit, PlaceIndex } from "../../../domain/types.js";
import type { Db } from "../db.js";
import { stmt } from "./statements.js";

export type SqlRow = Record<string, unknown>;

export const str = (v: unknown): string => v as string;
export const strOrNull = (v: unknown): string | null =>
  v === null || v === undefined ? null : (v as string);
export const num = (v: unknown): number => v as number;
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : (v as number);

/** The document a figure belongs to: its file and the places of its lines (null for text files). */
export interface Origin {
  file: string;
  places: PlaceIndex | null;
}

/** Parsed places_json, by the JSON text (a few documents are read over and over). */
const placeCache = new Map<string, PlaceIndex>();

/** The PlaceIndex stored as JSON, or null. */
export function placesOf(json: unknown): PlaceIndex | null {
  if (typeof json !== "string" || json === "") return null;
  let hit = placeCache.get(json);
  if (!hit) {
    hit = JSON.parse(json) as PlaceIndex;
    if (placeCache.size >= 16) placeCache.delete(placeCache.keys().next().value as string);
    placeCache.set(json, hit);
  }
  return hit;
}

/** Rebuild the Figure stored under `prefix` in `r`, or null for a blank cell. */
export function toFigure(r: SqlRow, prefix: string, origin: Origin): Figure | null {
  const text = r[`${prefix}_text`];
  if (text === null || text === undefined) return null;
  const line = num(r[`${prefix}_line`]);
  const source: Figure["source"] = { file: origin.file, section: str(r[`${prefix}_section`]), line };
  const place = origin.places?.[line];
  if (place) source.place = place;
  return {
    text: text as string,
    fen: numOrNull(r[`${prefix}_fen`]),
    unit: r[`${prefix}_unit`] as MoneyUnit,
    source,
  };
}

export function originOf(db: Db, docId: number): Origin | null {
  const r = stmt(db, "SELECT file, places_json FROM documents WHERE id = ?").get(docId) as SqlRow | undefined;
  return r ? { file: str(r.file), places: placesOf(r.places_json) } : null;
}

/** Group rows by a numeric key, keeping their order. */
export function groupBy(rows: SqlRow[], key: string): Map<number, SqlRow[]> {
  const out = new Map<number, SqlRow[]>();
  for (const r of rows) {
    const k = num(r[key]);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** A document's rows of `table` in document order, optionally only those whose `column` is `value`. */
export function docRows(
  db: Db,
  table: string,
  docId: number,
  where?: [column: string, value: string],
): SqlRow[] {
  return stmt(
    db,
    `SELECT * FROM ${table} WHERE doc_id = ? ${where !== undefined ? `AND ${where[0]} = ?` : ""} ORDER BY ord`,
  ).all(...(where !== undefined ? [docId, where[1]] : [docId])) as SqlRow[];
}
