/** Lookups of 情况说明 facts as comparable amounts. */
import type { Disclosure, NarrativeFact, NarrativeKey } from "../domain/types.js";
import { type Amount, amountOf } from "./compare.js";

/** The first stated fact for a key (a level, not a change, when both exist). */
export function factOf(d: Disclosure, key: NarrativeKey): NarrativeFact | undefined {
  const all = d.narrative.filter((f) => f.key === key);
  return all.find((f) => f.direction === null) ?? all[0];
}

/** A narrative fact as an amount labelled 情况说明「label」; null when not stated. */
export function factAmount(d: Disclosure, key: NarrativeKey): Amount | null {
  const f = factOf(d, key);
  return f ? amountOf(`情况说明「${f.label}」`, f.figure) : null;
}
