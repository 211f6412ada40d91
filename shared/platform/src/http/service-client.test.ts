import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFaultInjector, createFaultStore, parseSpec, withRequestFaults } from '@tracebed/faults';
import { createServiceClient, type ServiceClientOptions } from './service-client';

type Answer = number | { status: number; body: unknown } | 'hang';

/** A callee on 127.0.0.1 that gives the scripted answers in turn, the last one from then on. */
async function startCallee(...answers: Answer[]) {
  const received: string[] = [];
  const server: Server = createServer((request, response) => {
    const answer = answers[Math.min(received.length, answers.length - 1)]!;
    received.push(`${request.method} ${request.url}`);
    if (answer === 'hang') return;
    const { status, body } = typeof answer === 'number' ? { status: answer, body: { ok: answer < 400 } } : answer;
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

// The SDK's context manager, so `context.with` really activates a request's baggage.
const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(() => {
  context.disable();
});

/** Runs `work` as part of a request whose X-Fault header said `spec`. */
const inRequest = <T>(spec: string, work: () => Promise<T>): Promise<T> => context.with(withRequestFaults(ROOT_CONTEXT, spec), work);

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close().closeAllConnections();
});

const typed = (status: number, code: string) => ({ status, body: { error: { code, message: `${code} from the callee` } } });

function clientFor(url: string, extra: Partial<ServiceClientOptions> = {}) {
  return createServiceClient({ service: 'stock', baseUrl: url, timeoutMs: 1_000, retry: { attempts: 3, initialMs: 1 }, ...extra });
}

function callerFaults(spec: string) {
  const injector = createFaultInjector({ service: 'orders', store: createFaultStore(), startupRules: parseSpec(spec), perRequest: true });
  return { injector, point: 'orders.inventory' as const };
}

describe('retries', () => {
  it('sends a GET again after 502, 503 and 504 and returns the answer that finally came', async () => {
    const callee = await startCallee(502, 503, 200);
    await expect(clientFor(callee.url).get('/products')).resolves.toEqual({ ok: true });
    expect(callee.received).toEqual(['GET /products', 'GET /products', 'GET /products']);
  });

  it('gives up after the attempts it has, with 503 UPSTREAM_UNAVAILABLE', async () => {
    const callee = await startCallee(504);
    await expect(clientFor(callee.url).delete('/reservations/1')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'stock answered 504' });
    expect(callee.received).toHaveLength(3);
  });

  it('never retries a typed 4xx, which reaches the caller intact', async () => {
    const callee = await startCallee(typed(409, 'OUT_OF_STOCK'));
    await expect(clientFor(callee.url).get('/products')).rejects.toMatchObject({ code: 'OUT_OF_STOCK', status: 409 });
    expect(callee.received).toHaveLength(1);
  });

  it('does not retry a 500, which another attempt would meet again', async () => {
    const callee = await startCallee(500, 200);
    await expect(clientFor(callee.url).get('/products')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(callee.received).toHaveLength(1);
  });

  it('sends a POST once, unless the caller marks it idempotent', async () => {
    const once = await startCallee(503, 201);
    await expect(clientFor(once.url).post('/orders', {})).rejects.toMatchObject({ status: 503 });
    expect(once.received).toHaveLength(1);

    const twice = await startCallee(503, 201);
    await expect(clientFor(twice.url).post('/reservations', {}, { idempotent: true })).resolves.toEqual({ ok: true });
    expect(twice.received).toHaveLength(2);
  });

  it('retries an attempt that got no answer in time', async () => {
    const callee = await startCallee('hang', 200);
    await expect(clientFor(callee.url, { timeoutMs: 100 }).get('/products')).resolves.toEqual({ ok: true });
    expect(callee.received).toHaveLength(2);
  });

  it('ends every attempt within the budget, cutting the last one short', async () => {
    const callee = await startCallee('hang');
    const started = performance.now();
    const call = clientFor(callee.url, { timeoutMs: 200, retry: { attempts: 10, initialMs: 1, budgetMs: 300 } }).get('/products');
    await expect(call).rejects.toMatchObject({ message: expect.stringMatching(/^stock is no answer within \d+ ms$/) });
    expect(performance.now() - started).toBeLessThan(450);
    expect(callee.received).toHaveLength(2);
  });

  it('retries a failure the callee reports of its database, but not of a service it calls, which it retried itself', async () => {
    const database = await startCallee(typed(503, 'DEPENDENCY_UNAVAILABLE'), 200);
    await expect(clientFor(database.url).get('/orders/1')).resolves.toEqual({ ok: true });
    const upstream = await startCallee(typed(503, 'UPSTREAM_UNAVAILABLE'), 200);
    await expect(clientFor(upstream.url).get('/orders/1')).rejects.toMatchObject({ status: 503 });
    expect(upstream.received).toHaveLength(1);
  });
});

describe('the circuit breaker', () => {
  function clockedClient(url: string, extra: Partial<ServiceClientOptions> = {}) {
    const clock = { now: 0 };
    const client = clientFor(url, { circuitBreaker: { failureThreshold: 2, cooldownMs: 1_000, now: () => clock.now }, ...extra });
    return { client, clock };
  }

  it('opens after failed calls in a row, counting a call and its retries as one', async () => {
    const callee = await startCallee(503);
    const { client } = clockedClient(callee.url);
    await expect(client.get('/products')).rejects.toMatchObject({ message: 'stock answered 503' });
    await expect(client.get('/products')).rejects.toMatchObject({ message: 'stock answered 503' });
    expect(callee.received).toHaveLength(6);
    await expect(client.get('/products')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503, message: 'stock circuit open' });
    expect(callee.received).toHaveLength(6);
  });

  it('after the cool-down sends one trial request, without retries, and closes when it succeeds', async () => {
    const callee = await startCallee(503, 503, 503, 503, 503, 503, 503, 200);
    const { client, clock } = clockedClient(callee.url);
    await client.get('/products').catch(() => undefined);
    await client.get('/products').catch(() => undefined);
    clock.now = 1_000;
    await expect(client.get('/products')).rejects.toMatchObject({ message: 'stock answered 503' });
    expect(callee.received).toHaveLength(7);
    await expect(client.get('/products')).rejects.toMatchObject({ message: 'stock circuit open' });
    clock.now = 2_000;
    await expect(client.get('/products')).resolves.toEqual({ ok: true });
    await expect(client.get('/products')).resolves.toEqual({ ok: true });
    expect(callee.received).toHaveLength(9);
  });

  it('stays closed when the callee answers, even with a 4xx or a failure below it', async () => {
    const callee = await startCallee(typed(404, 'ORDER_NOT_FOUND'), typed(404, 'ORDER_NOT_FOUND'), typed(503, 'UPSTREAM_UNAVAILABLE'), typed(503, 'DEPENDENCY_UNAVAILABLE'));
    const { client } = clockedClient(callee.url, { retry: { attempts: 1 } });
    for (let n = 0; n < 4; n++) await client.get('/orders/1').catch(() => undefined);
    await expect(client.get('/orders/1')).rejects.toMatchObject({ message: 'stock answered 503' });
  });

  it('counts an injected caller-side error, which never reaches the callee', async () => {
    const callee = await startCallee(200);
    const { client } = clockedClient(callee.url, { faults: callerFaults('orders.inventory=error:502') });
    await expect(client.get('/products')).rejects.toMatchObject({ name: 'FaultInjectedError', status: 502 });
    await expect(client.get('/products')).rejects.toMatchObject({ name: 'FaultInjectedError' });
    await expect(client.get('/products')).rejects.toMatchObject({ message: 'stock circuit open' });
    expect(callee.received).toEqual([]);
  });

  it('does not count injected latency by itself, only when it pushes the call past its timeout', async () => {
    const callee = await startCallee(200);
    const slow = clockedClient(callee.url, { faults: callerFaults('orders.inventory=latency:50ms') });
    for (let n = 0; n < 3; n++) await expect(slow.client.get('/products')).resolves.toEqual({ ok: true });

    const tooSlow = clockedClient(callee.url, { timeoutMs: 20, retry: { attempts: 1 }, faults: callerFaults('orders.inventory=latency:200ms') });
    await expect(tooSlow.client.get('/products')).rejects.toMatchObject({ message: 'stock is no answer within 20 ms' });
    await expect(tooSlow.client.get('/products')).rejects.toMatchObject({ message: 'stock is no answer within 20 ms' });
    await expect(tooSlow.client.get('/products')).rejects.toMatchObject({ message: 'stock circuit open' });
    expect(callee.received).toHaveLength(3);
  });

  it('counts no call of a request that carries its own faults: a loop of them leaves the circuit closed for everyone else', async () => {
    const callee = await startCallee(200);
    const { client } = clockedClient(callee.url, { timeoutMs: 20, faults: callerFaults('') });
    for (let n = 0; n < 5; n++) {
      await expect(inRequest('orders.inventory=error:502', () => client.get('/products'))).rejects.toMatchObject({ name: 'FaultInjectedError', status: 502 });
    }
    await expect(inRequest('orders.inventory=timeout', () => client.get('/products'))).rejects.toMatchObject({ status: 503 });
    await expect(client.get('/products')).resolves.toEqual({ ok: true });
    expect(callee.received).toEqual(['GET /products']);
  });

  it('lets a request with faults obey an open circuit but never be its trial, and its success closes nothing', async () => {
    const callee = await startCallee(503, 503, 503, 503, 503, 503, 200);
    const { client, clock } = clockedClient(callee.url, { faults: callerFaults('') });
    await client.get('/products').catch(() => undefined);
    await client.get('/products').catch(() => undefined);
    await expect(inRequest('orders.inventory=latency:1ms', () => client.get('/products'))).rejects.toMatchObject({ message: 'stock circuit open' });
    clock.now = 1_000;
    await expect(inRequest('orders.inventory=latency:1ms', () => client.get('/products'))).rejects.toMatchObject({ message: 'stock circuit open' });
    expect(callee.received).toHaveLength(6);
    await expect(client.get('/products')).resolves.toEqual({ ok: true });
  });
});

describe('a lose-context fault', () => {
  it('lets the call through and returns its answer: only its trace context is withheld', async () => {
    // Which headers it lacks is the propagator's part (@tracebed/telemetry) and the stack tests'.
    const callee = await startCallee(200);
    await expect(clientFor(callee.url, { faults: callerFaults('orders.inventory=lose-context') }).post('/reservations', {})).resolves.toEqual({ ok: true });
    expect(callee.received).toEqual(['POST /reservations']);
  });
});

describe('calls in flight', () => {
  /** A callee that answers each request after `delayMs` and records the most it held at once. */
  async function startSlowCallee(delayMs: number) {
    const seen = { now: 0, most: 0, total: 0 };
    const server: Server = createServer((_request, response) => {
      seen.total++;
      seen.most = Math.max(seen.most, ++seen.now);
      setTimeout(() => {
        seen.now--;
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, delayMs);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    servers.push(server);
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  }

  it('keeps at most maxInFlight calls at the callee at once, and answers every one of the others in turn', async () => {
    const callee = await startSlowCallee(30);
    const client = clientFor(callee.url, { maxInFlight: 3 });
    const answers = await Promise.all(Array.from({ length: 12 }, () => client.get('/products')));
    expect(answers).toEqual(Array.from({ length: 12 }, () => ({ ok: true })));
    expect(callee.seen).toMatchObject({ most: 3, total: 12 });
  });

  it('fails a call that waits past its timeout with 503, without ever sending it', async () => {
    const callee = await startSlowCallee(300);
    const client = clientFor(callee.url, { maxInFlight: 1, timeoutMs: 100, retry: undefined });
    const [first, waiting] = await Promise.allSettled([client.get('/slow'), client.get('/slow')]);
    expect(first).toMatchObject({ status: 'rejected', reason: { status: 503 } });
    expect(waiting).toMatchObject({ status: 'rejected', reason: { status: 503, message: 'stock is no answer within 100 ms' } });
    expect(callee.seen.total).toBe(1);
  });
});
