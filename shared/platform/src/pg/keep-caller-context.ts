import { context } from '@opentelemetry/api';
import type pg from 'pg';

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: (error?: Error | boolean) => void) => void;

/**
 * Makes a pool run each `connect` callback in the context of the caller that asked for it.
 *
 * When every client is busy, pg-pool queues the caller and hands it the next released client
 * from inside `release()`: the callback runs in the context of whichever request released the
 * client. `pool.query()` uses that callback, so without this its statement span lands in the
 * releasing request's trace. (The pg instrumentation binds the callback only while it writes
 * connect spans, which tracebed switches off.) Promise callers (`await pool.connect()`) are
 * safe already: an await resumes in its own context.
 */
export function keepCallerContext(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  const bound = (callback?: ConnectCallback) => connect(callback && context.bind(context.active(), callback));
  pool.connect = bound as pg.Pool['connect'];
}
