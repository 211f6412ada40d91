import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectToStack,
  createShopClient,
  createTestProduct,
  eventually,
  findEvents,
  startServiceProcess,
  TEST_CARDS,
  waitForTrace,
  type ServiceProcess,
  type ShopClient,
  type Trace,
} from '@tracebed/testkit';

// A hostile client on the real stack: faults smuggled in raw baggage, and per-request faults
// used to hurt other clients. Each attack must fail safely.
const { endpoints, shop, databases, close } = connectToStack();
const hasSpan = (name: string) => (trace: Trace) => trace.spans.some((span) => span.name === name);
let sku: string;
const started: ServiceProcess[] = [];

beforeAll(async () => {
  sku = await createTestProduct(databases, { stock: 1_000 });
});
afterAll(async () => {
  for (const instance of started) if (instance.child.exitCode === null) instance.child.kill('SIGTERM');
  await close();
});

const items = () => [{ sku, quantity: 1 }];
const withBaggage = (client: ShopClient, baggage: string) => client.placeOrder(items(), TEST_CARDS.approved, { baggage });
const isAlive = async (url: string) => (await fetch(new URL('/healthz', url))).ok;

async function startInstance(service: string, overrides: Record<string, string>): Promise<ServiceProcess> {
  const instance = await startServiceProcess(service, overrides);
  started.push(instance);
  return instance;
}

async function stop(instance: ServiceProcess): Promise<void> {
  if (instance.child.exitCode === null) instance.child.kill('SIGTERM');
  await instance.exited;
}

/** Milliseconds a call took, with what it answered. */
async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const startedAt = performance.now();
  const result = await call();
  return { ms: performance.now() - startedAt, result };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const figures = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;

/** Places `count` clean orders one after another; their statuses and latencies. */
async function cleanOrders(count: number) {
  const runs = [];
  for (let n = 0; n < count; n++) runs.push(await timed(() => shop.placeOrder(items())));
  const failures = runs.filter((run) => run.result.status !== 202).map((run) => `${run.result.status} ${run.result.body?.error?.code}: ${run.result.body?.error?.message}`);
  return { statuses: runs.map((run) => run.result.status), ms: runs.map((run) => run.ms), failures };
}

describe('faults smuggled in raw baggage', () => {
  it('ignores a crash for payments: the order is paid and payments stays up', async () => {
    const placed = await withBaggage(shop, 'tracebed.fault=payments%3Dcrash');
    expect(placed.status).toBe(202);
    await shop.waitForStatus(placed.body.orderId, ['paid'], 10_000);
    expect(await isAlive(endpoints.paymentsUrl)).toBe(true);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, hasSpan('payment.charge'));
    expect(findEvents(trace, 'fault.injected')).toEqual([]);
  });

  it('ignores an error for payments.charge: the order is paid at once, not after the payment retries', async () => {
    const placed = await withBaggage(shop, 'tracebed.fault=payments.charge%3Derror');
    expect(placed.status).toBe(202);
    await shop.waitForStatus(placed.body.orderId, ['paid'], 5_000);
  });

  it('ignores a crash for the gateway itself, in any case of the key, and keeps the other entries', async () => {
    const placed = await withBaggage(shop, 'user.id=42, Tracebed.Fault=gateway.submit%3Dcrash, tracebed.fault=gateway.submit%3Dcrash');
    expect(placed.status).toBe(202);
    expect(await isAlive(endpoints.gatewayUrl)).toBe(true);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, hasSpan('order.submit'));
    expect(findEvents(trace, 'fault.injected')).toEqual([]);
    expect(findEvents(trace, 'baggage.dropped').map(({ attributes }) => attributes)).toEqual([{ 'baggage.dropped_entries': 2, 'baggage.kept_entries': 1 }]);
  });

  it('never crashes payments even when the baggage comes from inside, straight to orders', async () => {
    const response = await fetch(new URL('/orders', endpoints.ordersUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', baggage: 'tracebed.fault=payments.charge%3Dcrash' },
      body: JSON.stringify({ items: items(), cardLast4: '4242' }),
    });
    expect(response.status).toBe(202);
    const order = (await response.json()) as { orderId: string };
    await shop.waitForStatus(order.orderId, ['paid'], 10_000);
    expect(await isAlive(endpoints.paymentsUrl)).toBe(true);
  });

  it('with FAULTS_PER_REQUEST=off, neither the gateway nor a service obeys fault baggage', async () => {
    const orders = await startInstance('orders', { FAULTS_PER_REQUEST: 'off' });
    const gateway = await startInstance('gateway', { FAULTS_PER_REQUEST: 'off', ORDERS_URL: orders.url });
    try {
      expect((await withBaggage(createShopClient(gateway.url), 'tracebed.fault=orders.place%3Derror:500')).status).toBe(202);
      const direct = await fetch(new URL('/orders', orders.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', baggage: 'tracebed.fault=orders.place%3Derror:500' },
        body: JSON.stringify({ items: items(), cardLast4: '4242' }),
      });
      expect(direct.status).toBe(202);
    } finally {
      await stop(gateway);
      await stop(orders);
    }
  });
});

describe('one client looping faulted requests beside a clean client', () => {
  it('leaves the gateway→orders circuit closed: the clean client sees no errors and its usual latency', async () => {
    const baseline = await cleanOrders(20);

    let attacking = true;
    const faultedStatuses: number[] = [];
    const attack = async () => {
      while (attacking) faultedStatuses.push((await shop.placeOrderWithFaults('gateway.orders=error:500', items())).status);
    };
    const attackers = [attack(), attack()];
    await eventually(async () => (faultedStatuses.length >= 5 ? true : undefined), { timeoutMs: 5_000, intervalMs: 20, description: 'five faulted requests' });
    const during = await cleanOrders(20).finally(() => (attacking = false));
    await Promise.all(attackers);

    console.log(
      `circuit attack: ${faultedStatuses.length} faulted requests (${faultedStatuses.filter((status) => status === 500).length} answered 500 FAULT_INJECTED); ` +
        `clean before: ${baseline.statuses.filter((status) => status !== 202).length} errors of 20, ${figures(baseline.ms)}; ` +
        `clean during: ${during.statuses.filter((status) => status !== 202).length} errors of 20, ${figures(during.ms)}`,
    );
    expect(faultedStatuses.every((status) => status === 500)).toBe(true);
    expect(baseline.failures).toEqual([]);
    expect(during.failures).toEqual([]);
    // Two attackers share the machine with the clean client: a little slower, never 503 or seconds.
    expect(percentile(during.ms, 50)).toBeLessThan(percentile(baseline.ms, 50) * 2 + 50);
  }, 60_000);
});

describe('slow queries a client asks for', () => {
  it('cannot take the orders pool: at most 3 connections sleep at once, a request sleeps at most 3 s, clean orders go on', async () => {
    const SLOW = 'orders.db=slow-query:4900ms';
    let watching = true;
    let mostSleeping = 0;
    const watch = (async () => {
      while (watching) {
        const [row] = await databases.query<{ sleeping: number }>(
          'orders',
          "SELECT count(*)::int AS sleeping FROM pg_stat_activity WHERE application_name = 'orders' AND state = 'active' AND query LIKE '%fault: slow-query%'",
        );
        mostSleeping = Math.max(mostSleeping, row?.sleeping ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const faulted = Promise.all(Array.from({ length: 10 }, () => timed(() => shop.placeOrderWithFaults(SLOW, items()))));
    const clean = await cleanOrders(10);
    const attack = await faulted;
    watching = false;
    await watch;

    const admitted = attack.filter((run) => run.result.status === 202);
    const refused = attack.filter((run) => run.result.status === 429);
    console.log(
      `slow-query attack: 10 concurrent '${SLOW}': ${admitted.length} admitted (${figures(admitted.map((run) => run.ms))}), ` +
        `${refused.length} refused with 429; at most ${mostSleeping} orders connections sleeping at once; clean orders: ` +
        `${clean.statuses.filter((status) => status !== 202).length} errors of 10, ${figures(clean.ms)}`,
    );
    expect(admitted.length + refused.length).toBe(10);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.result.body.error.code).toBe('TOO_MANY_FAULTED_REQUESTS');
    expect(refused[0]?.result.headers.get('retry-after')).toBe('1');
    expect(mostSleeping).toBeGreaterThan(0);
    expect(mostSleeping).toBeLessThanOrEqual(3);
    expect(Math.max(...admitted.map((run) => run.ms))).toBeLessThan(4_500);
    expect(clean.failures).toEqual([]);
    expect(Math.max(...clean.ms)).toBeLessThan(1_500);
  }, 60_000);
});

describe('delays a client asks for in a consumer', () => {
  it('cannot stall payments: ten orders asking for a 10 s delay hold at most 4 of its 10 prefetch slots, and clean orders are paid at once', async () => {
    const faulted = [];
    for (let n = 0; n < 10; n++) faulted.push(await shop.placeOrderWithFaults('payments.consume=delay:10s', items()));
    expect(faulted.map((placed) => placed.status)).toEqual(Array(10).fill(202));

    const paidAfter: number[] = [];
    for (let n = 0; n < 5; n++) {
      const { ms } = await timed(async () => {
        const placed = await shop.placeOrder(items());
        await shop.waitForStatus(placed.body.orderId, ['paid'], 15_000);
      });
      paidAfter.push(ms);
    }
    console.log(`consumer delay attack: 10 orders with 'payments.consume=delay:10s', then 5 clean orders: ${figures(paidAfter)} from placing to paid`);
    expect(Math.max(...paidAfter)).toBeLessThan(3_000);
    for (const placed of faulted) await shop.waitForStatus(placed.body.orderId, ['paid'], 30_000);
  }, 90_000);
});
