/**
 * Delivery dedupe shared by every platform: a redelivered event (same platform event id) is
 * answered once. In production the record lives in the store (its deliveries port), so it holds
 * across a restart and between two bot processes on one database; adapter unit tests that run
 * without a database use the in-memory variant.
 */
import type { DeliveryRepository } from "../store/ports.js";
import { SeenIds } from "./bounded-map.js";

/** Answers "is this the first delivery of this event?" and remembers it. */
export interface Dedupe {
  /** True the first time (platform, eventId) is offered within the window; false for a repeat. */
  firstTime(platform: string, eventId: string): Promise<boolean>;
}

/** How long a delivery is remembered: platforms retry within minutes (Slack: up to ~5 min). */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60_000;

/** Dedupe over the store's deliveries; `clock` drives the window. */
export function storeDedupe(
  deliveries: DeliveryRepository,
  clock: () => Date = () => new Date(),
  windowMs = DEDUPE_WINDOW_MS,
): Dedupe {
  return {
    firstTime(platform, eventId) {
      const now = clock();
      return deliveries.firstTime({
        platform,
        eventId,
        at: now.toISOString(),
        windowStart: new Date(now.getTime() - windowMs).toISOString(),
      });
    },
  };
}

/** In-memory dedupe (one process, bounded): for adapters started without a database. */
export function memoryDedupe(max = 2000): Dedupe {
  const seen = new SeenIds(max);
  return { firstTime: async (platform, eventId) => seen.firstTime(`${platform}\n${eventId}`) };
}
