import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPOLOGY } from '@tracebed/contracts';
import { createBackendRuntime, createHostPolicy, createServiceFaults, isDatabaseReachable, runMigrations, type BackendRuntime } from '@tracebed/platform';
import { amqpUrlAs, createScratchSchema, stackEndpoints, type ScratchSchema } from '@tracebed/testkit';
import { createApp } from '../src/app';

// The payments app alone, on a free port, over PostgreSQL (a schema of its own) and RabbitMQ (its
// own user, consuming nothing): payments works from the queue, so its HTTP face is its probes.
const endpoints = stackEndpoints();

let schema: ScratchSchema;
let runtime: BackendRuntime;
let server: Server;
let baseUrl: string;
let connectionsClosed = false;

beforeAll(async () => {
  schema = await createScratchSchema(endpoints.databaseUrls.payments, 'payments_app_test');
  const faults = createServiceFaults('payments', { FAULTS: [], FAULTS_PER_REQUEST: 'on' });
  const amqpUrl = amqpUrlAs('payments', new URL(endpoints.amqpUrl).host);
  runtime = createBackendRuntime('payments', { HOST: '127.0.0.1', PORT: 0, LOG_LEVEL: 'silent', DATABASE_URL: schema.databaseUrl, AMQP_URL: amqpUrl }, TOPOLOGY, faults);
  const { pool, broker, logger } = runtime;
  await runMigrations(pool, path.join(__dirname, '..', 'migrations'), logger);
  broker.start();
  const readiness = [
    { name: 'postgres', isReady: () => isDatabaseReachable(pool) },
    { name: 'rabbitmq', isReady: () => broker.isConnected() },
  ];
  server = createApp({ logger, http: { readiness, hostPolicy: createHostPolicy() } }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (!connectionsClosed) {
    await runtime?.broker.close();
    await runtime?.pool.end();
  }
  await schema?.drop();
});

async function call(method: 'GET' | 'POST', route: string) {
  const response = await fetch(new URL(route, baseUrl), { method });
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
    connectionsClosed = true;
    await runtime.broker.close();
    expect(await call('GET', '/readyz')).toEqual({ status: 503, body: { status: 'not_ready', dependencies: { postgres: 'up', rabbitmq: 'down' } } });

    await runtime.pool.end();
    expect(await call('GET', '/readyz')).toEqual({ status: 503, body: { status: 'not_ready', dependencies: { postgres: 'down', rabbitmq: 'down' } } });
    expect(await call('GET', '/healthz')).toEqual({ status: 200, body: { status: 'alive' } });
  });
});
