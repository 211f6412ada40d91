import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tracebed/contracts';
import { connectToStack, eventually, nativeStack, type BrokerConnection } from '@tracebed/testkit';

// A payment request that can never be handled, because its handler throws or its consumer dies,
// must end in the DLQ after a bounded number of deliveries, whatever RabbitMQ counts: payments
// counts its deliveries in its own database before handling each one.
const external = process.env.TRACEBED_EXTERNAL_STACK === '1';
const { endpoints, shop, databases, connectBroker, close } = connectToStack();
const dlq = `${QUEUES.paymentsOrderPlaced}.dlq`;
const DELIVERY_LIMIT = 5;

let broker: BrokerConnection;
beforeAll(async () => {
  broker = await connectBroker();
});
afterAll(close);

function report(scenario: string, figures: Record<string, unknown>): void {
  console.log(`[poison] ${scenario}: ${Object.entries(figures).map(([key, value]) => `${key}=${value}`).join(' ')}`);
}

async function placeOrder(faults: string): Promise<string> {
  const placed = await shop.placeOrderWithFaults(faults);
  expect(placed.status, JSON.stringify(placed.body)).toBe(202);
  return placed.body.orderId as string;
}

/** How many times payments has taken this order's request so far (0 before the first, or once settled). */
async function deliveriesOf(orderId: string): Promise<number> {
  const rows = await databases.query('payments', 'SELECT deliveries FROM message_deliveries WHERE queue = $1 AND message_id = $2', [QUEUES.paymentsOrderPlaced, `order-placed-${orderId}`]);
  return rows[0]?.deliveries ?? 0;
}

async function paymentsReady(): Promise<void> {
  await eventually(async () => ((await fetch(new URL('/readyz', endpoints.paymentsUrl))).ok ? true : undefined), { timeoutMs: 60_000, description: 'payments to be ready' });
}

async function anotherOrderIsPaid(): Promise<void> {
  const other = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
  expect(other.status).toBe(202);
  await shop.waitForStatus(other.body.orderId, ['paid'], 30_000);
}

describe('a payment request whose handler fails on every delivery', () => {
  it(`is dead-lettered after ${DELIVERY_LIMIT} deliveries, with the last failure as the reason, and charges nothing`, async () => {
    const started = Date.now();
    const orderId = await placeOrder('payments.consume=error:500');
    const deadLetter = await broker.takeDeadLetter(dlq, `order-placed-${orderId}`, 60_000);
    const elapsedMs = Date.now() - started;

    expect(deadLetter.headers['x-tracebed-reason']).toMatch(new RegExp(`^not handled after ${DELIVERY_LIMIT} deliveries; last failure: fault injected at payments.consume: error$`));
    expect(deadLetter.headers['x-tracebed-queue']).toBe(QUEUES.paymentsOrderPlaced);
    expect(JSON.parse(deadLetter.content).orderId).toBe(orderId);
    expect(await databases.query('payments', 'SELECT id FROM payments WHERE order_id = $1', [orderId])).toEqual([]);
    expect(await deliveriesOf(orderId)).toBe(0); // nothing left behind once dead-lettered
    report('handler throws', { deliveries: DELIVERY_LIMIT + 1, handled: DELIVERY_LIMIT, msToDlq: elapsedMs });

    await anotherOrderIsPaid();
  }, 90_000);
});

describe.skipIf(external)('a payment request whose consumer is killed on every delivery', () => {
  it(`is dead-lettered after ${DELIVERY_LIMIT} deliveries, and payments stays up and pays other orders`, async () => {
    if (!nativeStack.isHere()) throw new Error('this test kills payments through the native stack of this checkout (make up or make test)');
    const started = Date.now();
    // The delay holds each delivery long enough to kill payments in the middle of handling it.
    const orderId = await placeOrder('payments.consume=delay:5s');
    let kills = 0;
    for (let attempt = 1; attempt <= DELIVERY_LIMIT; attempt++) {
      await eventually(async () => ((await deliveriesOf(orderId)) === attempt ? true : undefined), { timeoutMs: 60_000, intervalMs: 50, description: `delivery ${attempt} of ${orderId}` });
      const pid = nativeStack.signalService('payments', 'SIGKILL');
      await nativeStack.waitForExit(pid);
      kills++;
      await nativeStack.startServices('payments');
    }
    const deadLetter = await broker.takeDeadLetter(dlq, `order-placed-${orderId}`, 60_000);
    const elapsedMs = Date.now() - started;

    expect(deadLetter.headers['x-tracebed-reason']).toMatch(new RegExp(`^not handled after ${DELIVERY_LIMIT} deliveries; last failure: the consumer stopped while handling it`));
    expect(kills).toBe(DELIVERY_LIMIT);
    // The timeout sweep may ask again meanwhile (a new message, with its own count): never twice charged.
    expect((await databases.query('payments', 'SELECT id FROM payments WHERE order_id = $1', [orderId])).length).toBeLessThanOrEqual(1);
    report('consumer killed (SIGKILL) mid-handling', { deliveries: DELIVERY_LIMIT + 1, kills, msToDlq: elapsedMs });

    await paymentsReady();
    await anotherOrderIsPaid();
  }, 240_000);
});
