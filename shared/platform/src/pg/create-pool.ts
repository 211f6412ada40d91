import pg from 'pg';
import type { Logger } from 'pino';
import { keepCallerContext } from './keep-caller-context';

export type { Pool, PoolClient } from 'pg';

export interface PoolOptions {
  connectionString: string;
  applicationName: string;
  logger: Logger;
  max?: number;
  /** Server-side limit on any one statement. */
  statementTimeoutMs?: number;
}

// BIGINT and NUMERIC arrive as strings by default; our amounts are integer cents that fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * A pool that never crashes the process on an idle client's error, times out every wait, and
 * keeps each statement in the trace of the request that made it.
 */
export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max ?? 10,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 5_000,
    query_timeout: (options.statementTimeoutMs ?? 5_000) + 1_000,
  });
  keepCallerContext(pool);
  pool.on('error', (error) => options.logger.warn({ err: error }, 'postgres.idle_client_error'));
  // A client checked out of the pool (inside a transaction) reports a lost connection on itself,
  // where no pool listener hears it: without this, a database restart would crash the service.
  pool.on('connect', (client) => {
    client.on('error', (error) => options.logger.warn({ err: error }, 'postgres.client_error'));
  });
  return pool;
}

/** True when PostgreSQL answers a trivial query; for readiness. */
export async function isDatabaseReachable(pool: pg.Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
