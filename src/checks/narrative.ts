/** Lookups of 情况说明 facts as comparable amounts. */

import { factOf } from "../domain/lookup.js";
import type { Disclosure, NarrativeKey } from "../domain/types.js";
import { type Amount, amountOf } from "./compare.js";

export { factOf };

/** A narrative fact as an amount labelled 情况说明「label」; null when not stated. */
export function factAmount(d: Disclosure, key: NarrativeKey): Amount | null {
  const f = factOf(d, key);
  return f ? amountOf(`情况说明「${f.label}」`, f.figure) : null;
}
