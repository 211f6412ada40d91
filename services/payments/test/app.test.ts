import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceApp, type ServiceApp } from '@tracebed/service-testkit';
import { createApp } from '../src/app';

// The payments app alone, on a free port, over PostgreSQL (a schema of its own) and RabbitMQ (its
// own user, consuming nothing): payments works from the queue, so its HTTP face is its probes.
let payments: ServiceApp;

beforeAll(async () => {
  payments = await startServiceApp({
    service: 'payments',
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    createApp: ({ logger }, http) => createApp({ logger, http }),
  });
});
afterAll(() => payments?.close());

async function call(method: 'GET' | 'POST', route: string) {
  const response = await fetch(new URL(route, payments.baseUrl), { method });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the payments app on its own', () => {
  it('is alive at once', async () => {
    expect(await call('GET', '/healthz')).toEqual({ status: 200, body: { status: 'alive' } });
  });

  it('is ready once PostgreSQL and RabbitMQ answer', async () => {
    await expect.poll(() => call('GET', '/readyz'), { timeout: 10_000 }).toEqual({ status: 200, body: { status: 'ready', dependencies: { postgres: 'up', rabbitmq: 'up' } } });
  });

  it('answers any other route with a typed 404 NOT_FOUND, since it takes no work over HTTP', async () => {
    expect(await call('POST', '/payments')).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route for POST /payments' } } });
  });

  it('is not ready, naming each dependency that is gone, once RabbitMQ and then PostgreSQL are lost', async () => {
    await payments.runtime.broker.close();
    expect(await call('GET', '/readyz')).toEqual({ status: 503, body: { status: 'not_ready', dependencies: { postgres: 'up', rabbitmq: 'down' } } });

    await payments.runtime.pool.end();
    expect(await call('GET', '/readyz')).toEqual({ status: 503, body: { status: 'not_ready', dependencies: { postgres: 'down', rabbitmq: 'down' } } });
    expect(await call('GET', '/healthz')).toEqual({ status: 200, body: { status: 'alive' } });
  });
});
