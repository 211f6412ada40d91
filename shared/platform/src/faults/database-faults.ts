import type { FaultInjector, FaultPoint } from '@tracebed/faults';
import type { Pool } from 'pg';

type QueryFunction = (...args: unknown[]) => unknown;

function unavailable(): Error {
  // The SQLSTATE of a lost connection: callers treat it like the real thing (503, retry).
  return Object.assign(new Error('fault injected: database connection lost'), { code: '08006' });
}

async function beforeQuery(injector: FaultInjector, point: FaultPoint, query: QueryFunction): Promise<void> {
  for (const fault of injector.fire(point)) {
    // A statement of its own, so the delay stands in the trace as a SQL span.
    if (fault.kind === 'slow-query') await query('SELECT pg_sleep($1) /* fault: slow-query */', [(fault.drawnDelayMs ?? 0) / 1_000]);
    if (fault.kind === 'db-error') throw unavailable();
  }
}

/**
 * Every statement on this pool's connections first meets the `slow-query` and `db-error`
 * faults of `point`. pg calls `query` in promise and callback form; both are kept.
 */
export function withDatabaseFaults(pool: Pool, injector: FaultInjector, point: FaultPoint): Pool {
  pool.on('connect', (client) => {
    const target = client as unknown as { query: QueryFunction };
    const original = target.query.bind(client) as QueryFunction;
    target.query = (...args: unknown[]) => {
      const callback = typeof args.at(-1) === 'function' ? (args.pop() as (error: unknown, result?: unknown) => void) : undefined;
      const result = beforeQuery(injector, point, original).then(() => original(...args));
      if (!callback) return result;
      result.then((value) => callback(null, value), (error: unknown) => callback(error));
      return undefined;
    };
  });
  return pool;
}
