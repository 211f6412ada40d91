import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINAL_ORDER_STATUSES } from '@tracebed/contracts';
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
  checkTraceIntegrity,
  integrityLine,
  waitForTrace,
  whyBroken,
  type Databases,
  type LoadResult,
} from '@tracebed/testkit';

// Outages are made with the native stack's own scripts and pid files. Against a stack started
// elsewhere (TRACEBED_EXTERNAL_STACK=1: compose, another machine) this file cannot break things.
const external = process.env.TRACEBED_EXTERNAL_STACK === '1';
const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const LONG = process.env.TRACEBED_LONG === '1';
const ORDERS = LONG ? 1_000 : 150;
const OUTAGE_MS = LONG ? 20_000 : 3_000;
let databases: Databases;

beforeAll(() => {
  if (!external && !nativeStack.isHere()) throw new Error('outage tests need the native stack of this checkout (make up or make test)');
  databases = connectDatabases(endpoints);
});
afterAll(async () => {
  // The next test file must find a healthy shop: prove it with one order paid end to end.
  if (!external) {
    await stackReady();
    const canary = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    expect(canary.status).toBe(202);
    await shop.waitForStatus(canary.body.orderId, ['paid'], 60_000);
  }
  await databases?.close();
}, 120_000);

/** One line of figures per scenario, for the README and for whoever reads the CI log. */
function report(scenario: string, figures: Record<string, unknown>): void {
  console.log(`[outage] ${scenario}: ${Object.entries(figures).map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : value}`).join(' ')}`);
}

async function everyOrderFinal(accepted: string[], timeoutMs = 120_000): Promise<void> {
  await eventually(
    async () => {
      const rows = await databases.query('orders', "SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = ANY($2::text[])", [accepted, FINAL_ORDER_STATUSES]);
      return rows[0].n === accepted.length ? true : undefined;
    },
    { timeoutMs, intervalMs: 500, description: `${accepted.length} accepted orders to be final` },
  );
}

/**
 * An outage may cut a trace short (spans of a killed process are lost, a restarted consumer
 * starts again), but it must never put one order's spans into another order's trace, nor
 * leave a business or message span without its order. Answers the integrity line.
 */
async function noForeignSpans(load: LoadResult): Promise<string> {
  const report = await checkTraceIntegrity(endpoints.jaegerUrl, load.placed);
  const misplaced = report.broken.filter((verdict) => verdict.foreign.length > 0 || verdict.unlabelled.length > 0);
  expect(misplaced.map((verdict) => `${verdict.traceId}: ${whyBroken(verdict)}`)).toEqual([]);
  return integrityLine(report);
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
    const started = Date.now();
    let restarted = false;
    let outageMs = 0;
    const load = await placeOrdersUnderLoad(shop, {
      count: ORDERS,
      concurrency: 10,
      sku,
      afterEach: async (done) => {
        if (done !== Math.floor(ORDERS / 3) || restarted) return;
        restarted = true;
        const down = Date.now();
        await nativeStack.stop('rabbitmq');
        await nativeStack.start('rabbitmq');
        outageMs = Date.now() - down;
      },
    });
    expect(restarted).toBe(true);
    // Orders keep being accepted while the broker is away: the outbox holds their events.
    expect(load.accepted, JSON.stringify(load.statuses)).toHaveLength(ORDERS);
    await everyOrderFinal(load.accepted);
    expect(await settledAccounting(databases, { acceptedOrderIds: load.accepted, initialStock: { [sku]: ORDERS * 2 } })).toEqual([]);
    const allFinalAfterMs = Date.now() - started;
    report('rabbitmq restart', { orders: ORDERS, statuses: load.statuses, brokerDownMs: outageMs, allFinalAfterMs, traces: await noForeignSpans(load) });
  }, 300_000);

  it('answers 503 with Retry-After while PostgreSQL is down, and recovers without a restart', async () => {
    const sku = await createTestProduct(databases, { stock: 100 });
    const before = await placeOrdersUnderLoad(shop, { count: 20, concurrency: 5, sku });
    const down = Date.now();
    await nativeStack.stop('postgres');
    let downMs: number;
    let refusedCount = 0;
    try {
      // Keep ordering through a few seconds of outage: every attempt must get a clean 503.
      while (Date.now() - down < OUTAGE_MS) {
        const attempt = await placeOrdersUnderLoad(shop, { count: 5, concurrency: 5, sku });
        expect(attempt.statuses).toEqual({ 503: 5 });
        refusedCount += 5;
      }
      const during = await shop.placeOrder([{ sku, quantity: 1 }]);
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(during.body.error.code).toMatch(/UNAVAILABLE/);
      const orders = await fetch(new URL('/readyz', endpoints.ordersUrl));
      expect(orders.status).toBe(503);
      expect(await orders.json()).toMatchObject({ status: 'not_ready', dependencies: { postgres: 'down' } });
    } finally {
      await nativeStack.start('postgres');
      downMs = Date.now() - down;
    }
    await stackReady();
    const recoveredMs = Date.now() - down;
    const after = await placeOrdersUnderLoad(shop, { count: 20, concurrency: 5, sku });
    expect(after.accepted).toHaveLength(20);
    const accepted = [...before.accepted, ...after.accepted];
    await everyOrderFinal(accepted);
    expect(await settledAccounting(databases, { acceptedOrderIds: accepted, initialStock: { [sku]: 100 } })).toEqual([]);
    report('postgres stop', { accepted: accepted.length, refusedWith503: refusedCount + 1, databaseDownMs: downMs, readyAgainAfterMs: recoveredMs, traces: await noForeignSpans({ ...after, placed: [...before.placed, ...after.placed] }) });
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
    report(`SIGKILL ${victim}`, { orders: ORDERS, statuses: load.statuses, acceptedAndFinal: load.accepted.length, traces: await noForeignSpans(load) });
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
    report('SIGTERM orders', { orders: ORDERS, statuses: load.statuses, acceptedAndFinal: load.accepted.length, traces: await noForeignSpans(load) });
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
