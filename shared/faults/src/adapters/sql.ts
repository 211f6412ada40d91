import { context, trace } from '@opentelemetry/api';
import type { FaultInjector, FiredFault } from '../injector';
import type { FaultPoint } from '../points';
import { createSlowQueryLimit, type SlowQueryLimit } from './slow-query-limit';

type QueryFunction = (...args: unknown[]) => unknown;

/** What the SQL adapter needs of a pg Pool: to hear of each new connection (`pool.on('connect')`). */
export interface ConnectingPool {
  on(event: 'connect', listener: (client: object) => void): unknown;
}

function unavailable(): Error {
  // The SQLSTATE of a lost connection: callers treat it like the real thing (503, retry).
  return Object.assign(new Error('fault injected: database connection lost'), { code: '08006' });
}

const traceKey = () => trace.getSpanContext(context.active())?.traceId ?? 'untraced';
const isRequestSlowQuery = (fault: Pick<FiredFault, 'source' | 'kind'>) => fault.source === 'request' && fault.kind === 'slow-query';

async function slowQuery(fault: FiredFault, query: QueryFunction, limit: SlowQueryLimit): Promise<void> {
  const wantedMs = fault.drawnDelayMs ?? 0;
  const lease = isRequestSlowQuery(fault) ? limit.start(traceKey(), wantedMs) : { delayMs: wantedMs, done: () => undefined };
  if (!lease) return;
  if (lease.delayMs < wantedMs) trace.getActiveSpan()?.addEvent('fault.limited', { 'fault.point': fault.point, 'fault.kind': fault.kind, 'fault.delay_ms': lease.delayMs });
  try {
    // A statement of its own, so the delay stands in the trace as a SQL span.
    await query('SELECT pg_sleep($1) /* fault: slow-query */', [lease.delayMs / 1_000]);
  } finally {
    lease.done();
  }
}

async function beforeQuery(injector: FaultInjector, point: FaultPoint, query: QueryFunction, limit: SlowQueryLimit): Promise<void> {
  // A request's slow-query that could not start is left out before it rolls: it leaves no mark.
  for (const fault of injector.fire(point, (rule) => !isRequestSlowQuery(rule) || limit.mayStart(traceKey()))) {
    if (fault.kind === 'slow-query') await slowQuery(fault, query, limit);
    if (fault.kind === 'db-error') throw unavailable();
  }
}

/**
 * Every statement on this pool's connections first meets the `slow-query` and `db-error`
 * faults of `point`. pg calls `query` in promise and callback form; both are kept. A request's
 * own slow-queries are bounded (REQUEST_SLOW_QUERY_BOUNDS) so they cannot take the pool.
 */
export function withDatabaseFaults<P extends ConnectingPool>(pool: P, injector: FaultInjector, point: FaultPoint, limit: SlowQueryLimit = createSlowQueryLimit()): P {
  pool.on('connect', (client) => {
    const target = client as unknown as { query: QueryFunction };
    const original = target.query.bind(client) as QueryFunction;
    target.query = (...args: unknown[]) => {
      const callback = typeof args.at(-1) === 'function' ? (args.pop() as (error: unknown, result?: unknown) => void) : undefined;
      const result = beforeQuery(injector, point, original, limit).then(() => original(...args));
      if (!callback) return result;
      result.then((value) => callback(null, value), (error: unknown) => callback(error));
      return undefined;
    };
  });
  return pool;
}
