import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectDatabases,
  createShopClient,
  createTestProduct,
  eventually,
  nativeStack,
  placeOrdersUnderLoad,
  rootsOf,
  settledAccounting,
  stackEndpoints,
  waitForTrace,
  type Databases,
} from '@tracebed/testkit';

// Outages are made with the native stack's own scripts and pid files. Against a stack started
// elsewhere (TRACEBED_EXTERNAL_STACK=1: compose, another machine) this file cannot break things.
const external = process.env.TRACEBED_EXTERNAL_STACK === '1';
const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const ORDERS = Number(process.env.TRACEBED_LONG === '1' ? 1_000 : 150);
let databases: Databases;

beforeAll(() => {
  if (!external && !nativeStack.isHere()) throw new Error('outage tests need the native stack of this checkout (make up or make test)');
  databases = connectDatabases(endpoints);
});
afterAll(() => databases?.close());

async function everyOrderFinal(accepted: string[], timeoutMs = 120_000): Promise<void> {
  await eventually(
    async () => {
      const rows = await databases.query('orders', "SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status IN ('paid', 'payment_failed', 'rejected')", [accepted]);
      return rows[0].n === accepted.length ? true : undefined;
    },
    { timeoutMs, intervalMs: 500, description: `${accepted.length} accepted orders to be final` },
  );
}

async function stackReady(): Promise<void> {
  await eventually(async () => ((await fetch(new URL('/readyz', endpoints.gatewayUrl))).ok ? true : undefined), { timeoutMs: 60_000, description: 'the gateway to be ready' });
  for (const url of [endpoints.ordersUrl, endpoints.inventoryUrl, endpoints.paymentsUrl]) {
    await eventually(async () => ((await fetch(new URL('/readyz', url))).ok ? true : undefined), { timeoutMs: 60_000, description: `${url} to be ready` });
  }
}

describe.skipIf(external)('outages under load', () => {
  it(`loses nothing when RabbitMQ restarts in the middle of ${ORDERS} orders`, async () => {
    const sku = await createTestProduct(databases, { stock: ORDERS * 2 });
    let restarted = false;
    const load = await placeOrdersUnderLoad(shop, {
      count: ORDERS,
      concurrency: 10,
      sku,
      afterEach: async (done) => {
        if (done !== Math.floor(ORDERS / 3) || restarted) return;
        restarted = true;
        await nativeStack.stop('rabbitmq');
        await nativeStack.start('rabbitmq');
      },
    });
    expect(restarted).toBe(true);
    // Orders keep being accepted while the broker is away: the outbox holds their events.
    expect(load.accepted, JSON.stringify(load.statuses)).toHaveLength(ORDERS);
    await everyOrderFinal(load.accepted);
    expect(await settledAccounting(databases, { acceptedOrderIds: load.accepted, initialStock: { [sku]: ORDERS * 2 } })).toEqual([]);
  }, 300_000);

  it('answers 503 with Retry-After while PostgreSQL is down, and recovers without a restart', async () => {
    const sku = await createTestProduct(databases, { stock: 100 });
    const before = await placeOrdersUnderLoad(shop, { count: 20, concurrency: 5, sku });
    await nativeStack.stop('postgres');
    try {
      const refused = await placeOrdersUnderLoad(shop, { count: 30, concurrency: 5, sku });
      expect(refused.statuses).toEqual({ 503: 30 });
      const during = await shop.placeOrder([{ sku, quantity: 1 }]);
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(during.body.error.code).toMatch(/UNAVAILABLE/);
      const orders = await fetch(new URL('/readyz', endpoints.ordersUrl));
      expect(orders.status).toBe(503);
      expect(await orders.json()).toMatchObject({ status: 'not_ready', dependencies: { postgres: 'down' } });
    } finally {
      await nativeStack.start('postgres');
    }
    await stackReady();
    const after = await placeOrdersUnderLoad(shop, { count: 20, concurrency: 5, sku });
    expect(after.accepted).toHaveLength(20);
    const accepted = [...before.accepted, ...after.accepted];
    await everyOrderFinal(accepted);
    expect(await settledAccounting(databases, { acceptedOrderIds: accepted, initialStock: { [sku]: 100 } })).toEqual([]);
  }, 300_000);

  it.each(['payments', 'orders'])('loses and doubles nothing when %s is killed with SIGKILL mid-run and started again', async (victim) => {
    const sku = await createTestProduct(databases, { stock: ORDERS * 2 });
    let killed = false;
    const load = await placeOrdersUnderLoad(shop, {
      count: ORDERS,
      concurrency: 10,
      sku,
      afterEach: async (done) => {
        if (done !== Math.floor(ORDERS / 3) || killed) return;
        killed = true;
        await nativeStack.waitForExit(nativeStack.signalService(victim, 'SIGKILL'));
        await nativeStack.startServices(victim);
      },
    });
    expect(killed).toBe(true);
    // While orders is down the gateway answers 503 (those orders were never accepted), nothing else.
    expect(Object.keys(load.statuses).filter((status) => status !== '202' && status !== '503'), JSON.stringify(load.statuses)).toEqual([]);
    expect(load.accepted.length).toBeGreaterThanOrEqual(Math.floor(ORDERS / 3) - 10);
    await stackReady();
    const afterRestart = await shop.placeOrder([{ sku, quantity: 1 }]);
    expect(afterRestart.status).toBe(202);
    load.accepted.push(afterRestart.body.orderId);
    await everyOrderFinal(load.accepted);
    expect(await settledAccounting(databases, { acceptedOrderIds: load.accepted, initialStock: { [sku]: ORDERS * 2 } })).toEqual([]);
  }, 300_000);

  it('finishes accepted orders, and their traces, when orders is stopped with SIGTERM under load', async () => {
    const sku = await createTestProduct(databases, { stock: ORDERS * 2 });
    let stopped = false;
    let inFlight: string[] = [];
    const load = await placeOrdersUnderLoad(shop, {
      count: ORDERS,
      concurrency: 10,
      sku,
      afterEach: async (done, soFar) => {
        if (done !== Math.floor(ORDERS / 3) || stopped) return;
        stopped = true;
        inFlight = soFar.accepted.slice(-5);
        await nativeStack.waitForExit(nativeStack.signalService('orders', 'SIGTERM'));
        await nativeStack.startServices('orders');
      },
    });
    expect(stopped).toBe(true);
    await everyOrderFinal(load.accepted);
    expect(await settledAccounting(databases, { acceptedOrderIds: load.accepted, initialStock: { [sku]: ORDERS * 2 } })).toEqual([]);
    // The orders accepted just before SIGTERM: the stopping process flushed its spans, so each
    // trace still holds the order's placement and its settlement.
    const traces = await databases.query<{ trace_id: string }>('orders', 'SELECT trace_id FROM orders WHERE id = ANY($1::uuid[])', [inFlight]);
    for (const { trace_id } of traces) {
      const trace = await waitForTrace(endpoints.jaegerUrl, trace_id, (t) =>
        ['orders order.place', 'payments payment.charge', 'inventory stock.commit'].every((wanted) => t.spans.some((span) => `${span.service} ${span.name}` === wanted)),
      );
      expect(rootsOf(trace).map((span) => span.name)).toEqual(['POST /api/orders']);
    }
  }, 300_000);
});
