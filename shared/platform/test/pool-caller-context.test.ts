import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import pg from 'pg';
import pino from 'pino';
import { stackEndpoints } from '@tracebed/testkit';
import { createPool } from '../src';

// The request a piece of work belongs to, as the tracing context carries it.
const REQUEST = createContextKey('request');
const inRequest = <T>(name: string, work: () => T) => context.with(ROOT_CONTEXT.setValue(REQUEST, name), work);
const connectionString = stackEndpoints().databaseUrls.orders;
const pools: pg.Pool[] = [];

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});
afterAll(() => context.disable());

/**
 * Request A holds the pool's only client; request B asks for one the callback way, as
 * `pool.query()` does; A releases. Says in which request's context B's callback ran.
 */
async function contextOfHandOver(pool: pg.Pool): Promise<unknown> {
  pools.push(pool);
  const held = await inRequest('A', () => pool.connect());
  const seen = inRequest('B', () =>
    new Promise((resolve, reject) =>
      pool.connect((error, client, release) => {
        if (error) return reject(error);
        resolve(context.active().getValue(REQUEST));
        release();
      }),
    ),
  );
  inRequest('A', () => held.release());
  return seen;
}

describe('a pooled client handed to a waiting caller', () => {
  it('runs the waiting callback in the context of the request that released the client, in a plain pg pool', async () => {
    // Why the fix exists: this is what put one request's statements into another's trace.
    expect(await contextOfHandOver(new pg.Pool({ connectionString, max: 1 }))).toBe('A');
  });

  it('runs it in the context of the request that asked, in the pool every service uses', async () => {
    expect(await contextOfHandOver(createPool({ connectionString, applicationName: 'pool-context-test', logger: pino({ level: 'silent' }), max: 1 }))).toBe('B');
  });

  it('still answers queries made the callback way and the promise way', async () => {
    const pool = createPool({ connectionString, applicationName: 'pool-context-test', logger: pino({ level: 'silent' }), max: 1 });
    pools.push(pool);
    const [a, b] = await Promise.all([inRequest('A', () => pool.query('SELECT 1 AS n')), inRequest('B', () => pool.query('SELECT 2 AS n'))]);
    expect([a.rows[0].n, b.rows[0].n]).toEqual([1, 2]);
  });
});
