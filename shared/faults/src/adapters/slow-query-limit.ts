/**
 * How far a request's own `slow-query` faults may hold a service's database connections: a
 * pg_sleep runs on a pooled connection (inside a transaction it holds that connection for the
 * whole transaction), so without a bound a few faulted requests or messages could take the pool.
 * Faults set through the admin API or at start-up are the operator's and are not limited.
 */
export interface SlowQueryBounds {
  atOnce: number;
  budgetMs: number;
  rememberMs: number;
}

export const REQUEST_SLOW_QUERY_BOUNDS: Readonly<SlowQueryBounds> = {
  /** Request slow-queries sleeping at once per service: at most 3 of the pool's 10 connections. */
  atOnce: 3,
  /** Sleep in total per request (one trace) and service, below the gateway's 5 s wait; a statement is cut to what is left. */
  budgetMs: 3_000,
  /** How long a request's spent budget is remembered: longer than any request or redelivery runs. */
  rememberMs: 120_000,
};

export interface SlowQueryLease {
  /** The sleep granted: the wanted one, or what is left of the budget. */
  delayMs: number;
  /** Frees the slot; call once the sleep has ended, however it ended. */
  done(): void;
}

export interface SlowQueryLimit {
  /** Whether a request slow-query for this trace could start now; checked before the fault rolls. */
  mayStart(traceKey: string): boolean;
  /** Takes a slot and budget for a sleep, or undefined when none is left. */
  start(traceKey: string, wantedMs: number): SlowQueryLease | undefined;
}

export function createSlowQueryLimit(bounds: Readonly<SlowQueryBounds> = REQUEST_SLOW_QUERY_BOUNDS, now: () => number = Date.now): SlowQueryLimit {
  let sleeping = 0;
  const spent = new Map<string, { ms: number; since: number }>();

  function forgetOld(): void {
    const cutoff = now() - bounds.rememberMs;
    for (const [key, entry] of spent) {
      if (entry.since >= cutoff) break; // insertion order is age order
      spent.delete(key);
    }
  }

  const remainingMs = (traceKey: string) => bounds.budgetMs - (spent.get(traceKey)?.ms ?? 0);

  return {
    mayStart: (traceKey) => {
      forgetOld();
      return sleeping < bounds.atOnce && remainingMs(traceKey) > 0;
    },
    start(traceKey, wantedMs) {
      forgetOld();
      const delayMs = Math.min(wantedMs, remainingMs(traceKey));
      if (sleeping >= bounds.atOnce || delayMs <= 0) return undefined;
      const entry = spent.get(traceKey) ?? { ms: 0, since: now() };
      entry.ms += delayMs;
      spent.set(traceKey, entry);
      sleeping += 1;
      let released = false;
      return {
        delayMs,
        done: () => {
          if (released) return;
          released = true;
          sleeping -= 1;
        },
      };
    },
  };
}
