/**
 * Work still in flight (an answer being sent, a request being served, a weekly post), so that a
 * shutdown can wait for it — up to a deadline — before it closes what that work needs.
 */

/** A set of pending promises with a bounded wait for them to settle. */
export interface InFlight {
  /** Track `p` until it settles (its rejection is the caller's business: it is ignored here). */
  track<T>(p: Promise<T>): Promise<T>;
  /** How many are pending now. */
  readonly size: number;
  /** Resolve once everything tracked (also what is tracked meanwhile) settled, or after `ms`; true when all settled. */
  drain(ms?: number): Promise<boolean>;
}

/** Default bound of one drain. */
export const DRAIN_MS = 5_000;
/** How long a shutdown waits for what was acknowledged (a container is usually killed 10 s after SIGTERM). */
export const SHUTDOWN_DRAIN_MS = 8_000;

/** A new, empty tracker. */
export function inFlight(): InFlight {
  const pending = new Set<Promise<unknown>>();
  return {
    track(p) {
      const settled = p.then(
        () => undefined,
        () => undefined,
      );
      pending.add(settled);
      void settled.then(() => pending.delete(settled));
      return p;
    },
    get size() {
      return pending.size;
    },
    async drain(ms = DRAIN_MS) {
      if (pending.size === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          timedOut = true;
          resolve();
        }, ms);
      });
      // Work started while draining (an answer acknowledged just before the stop) counts too.
      while (pending.size > 0 && !timedOut) await Promise.race([Promise.allSettled([...pending]), timeout]);
      clearTimeout(timer);
      return pending.size === 0;
    },
  };
}
