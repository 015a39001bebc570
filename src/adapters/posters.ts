/**
 * Posting without a user message, the scheduler's way out: posters built
 * from configuration alone (the CLI's `digest run-due`), one per registered platform whose
 * credentials are set. The running adapters expose their own posters (RunningPlatform.poster).
 */
import type { Poster, Posters } from "./contract.js";
import { PLATFORMS } from "./registry.js";

export type { Poster, Posters, PostPlatform } from "../platforms/poster.js";

/** Posters from configuration alone; `retries` bounds the platform clients' own retries. */
export async function postersFromConfig(
  config: Record<string, unknown>,
  opts: { retries?: number } = {},
): Promise<Posters> {
  const posters: Posters = {};
  for (const p of PLATFORMS) {
    const poster: Poster | null = p.poster ? await p.poster(config, opts) : null;
    if (poster) posters[p.name] = poster;
  }
  return posters;
}
