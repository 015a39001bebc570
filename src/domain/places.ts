/**
 * Sources in the document's own terms: the ordinal `line` every figure keeps, turned into
 * `第12页` (PDF), `工作表“1.收支总表” 第8行` (Excel), `表3 第5行` (Word/HTML) or `第1735行` (text).
 */
import { type Place, placeLabel } from "./place.js";
import type { Disclosure, PlaceIndex, Source } from "./types.js";

/** The label of ordinal `line` in a document with these places: its place, else `第N行`. */
export function lineLabel(places: PlaceIndex | null | undefined, line: number): string {
  const place = places?.[line];
  return place ? placeLabel(place) : `第${line}行`;
}

/** The label of a source: its place when it has one, else `第N行`. */
export function sourceLabel(s: { line: number; place?: Place }): string {
  return s.place ? placeLabel(s.place) : `第${s.line}行`;
}

function isSource(v: unknown): v is { line: number; file: string; place?: Place } {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as { line?: unknown }).line === "number" &&
    typeof (v as { file?: unknown }).file === "string"
  );
}

/** Set `source.place` on every figure of `d` whose line has a place (walks the whole disclosure). */
export function attachPlaces(d: Disclosure): void {
  const places = d.places;
  if (!places) return;
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === "places") continue;
      if (k === "source" && isSource(x)) {
        const place = places[x.line];
        if (place) x.place = place;
        continue;
      }
      visit(x);
    }
  };
  visit(d);
}

/** A source at ordinal `line` of a document, with its place when the document has one there. */
export function sourceAt(
  doc: { file: string; places?: PlaceIndex | null },
  section: string,
  line: number,
): Source {
  const place = doc.places?.[line];
  return place ? { file: doc.file, section, line, place } : { file: doc.file, section, line };
}
