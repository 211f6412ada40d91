import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '@tracebed/contracts';
import {
  connectBroker,
  connectDatabases,
  createShopClient,
  createTestProduct,
  findEvents,
  findSpan,
  findSpans,
  stackEndpoints,
  waitForTrace,
  type BrokerConnection,
  type Databases,
  type Trace,
} from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const consumeSpans = (trace: Trace) => findSpans(trace, { service: 'payments', name: `process ${QUEUES.paymentsOrderPlaced}` });
const settled = (trace: Trace) => trace.spans.some((span) => span.name === 'stock.commit' || span.name === 'stock.release');
let databases: Databases;
let broker: BrokerConnection;

beforeAll(async () => {
  databases = connectDatabases(endpoints);
  broker = await connectBroker(endpoints.amqpUrl);
});
afterAll(async () => {
  await broker.close();
  await databases.close();
});

const paymentsOf = (orderId: string) => databases.query('payments', 'SELECT outcome FROM payments WHERE order_id = $1', [orderId]);

describe('faults on the payment request queue', () => {
  it('duplicate processes the message twice and charges once', async () => {
    const placed = await shop.placeOrderWithFaults('payments.consume=duplicate');
    await shop.waitForStatus(placed.body.orderId, ['paid']);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, settled);
    const charges = findSpans(trace, { service: 'payments', name: 'payment.charge' });
    expect(charges.map((span) => span.attributes['payment.duplicate']).sort()).toEqual([false, true]);
    expect(findEvents(trace, 'fault.injected').map(({ span, attributes }) => [span.service, attributes['fault.kind']])).toEqual([['payments', 'duplicate']]);
    expect(await paymentsOf(placed.body.orderId)).toEqual([{ outcome: 'succeeded' }]);
  });

  it('delay defers processing by the given time, then the order is paid', async () => {
    const placed = await shop.placeOrderWithFaults('payments.consume=delay:600ms');
    await shop.waitForStatus(placed.body.orderId, ['paid']);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, settled);
    const [consume] = consumeSpans(trace);
    expect(consume?.durationUs).toBeGreaterThanOrEqual(600_000);
    expect(findEvents(trace, 'fault.injected')[0]?.attributes).toMatchObject({ 'fault.kind': 'delay', 'fault.delay_ms': 600 });
  });

  it('redeliver sends the message round once more, and the second delivery is processed', async () => {
    const placed = await shop.placeOrderWithFaults('payments.consume=redeliver');
    await shop.waitForStatus(placed.body.orderId, ['paid']);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, settled);
    const deliveries = consumeSpans(trace).sort((a, b) => a.startTimeUs - b.startTimeUs);
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]?.events.map((event) => event.name)).toContain('fault.injected');
    expect(findSpan(trace, { service: 'payments', name: 'payment.charge' }).attributes['payment.duplicate']).toBe(false);
    expect(await paymentsOf(placed.body.orderId)).toEqual([{ outcome: 'succeeded' }]);
  });

  // Every request for these orders carries the fault, so no payment ever happens: the sweep asks
  // again (PAYMENT_TIMEOUT_MS, 15 s by default), and after the third request fails the order.
  it('drop and poison lose the payment request, and the timeout sweep still ends both orders payment_failed with the stock back', async () => {
    const sku = await createTestProduct(databases, { stock: 4 });
    const [dropped, poisoned] = await Promise.all([
      shop.placeOrderWithFaults('payments.consume=drop', [{ sku, quantity: 1 }]),
      shop.placeOrderWithFaults('payments.consume=poison', [{ sku, quantity: 1 }]),
    ]);
    expect([dropped.status, poisoned.status]).toEqual([202, 202]);

    const poisonLetter = await broker.takeDeadLetter(`${QUEUES.paymentsOrderPlaced}.dlq`, `order-placed-${poisoned.body.orderId}`);
    expect(poisonLetter.headers['x-tracebed-reason']).toBe('fault injected at payments.consume: poison');

    const [droppedOrder, poisonedOrder] = await Promise.all([
      shop.waitForStatus(dropped.body.orderId, ['payment_failed', 'paid'], 80_000),
      shop.waitForStatus(poisoned.body.orderId, ['payment_failed', 'paid'], 80_000),
    ]);
    expect([droppedOrder.status, poisonedOrder.status]).toEqual(['payment_failed', 'payment_failed']);
    expect(droppedOrder.rejectionReason).toBe('payment timed out');
    expect(await paymentsOf(dropped.body.orderId)).toEqual([]);
    await expect.poll(async () => (await databases.query('inventory', 'SELECT stock FROM products WHERE sku = $1', [sku]))[0].stock, { timeout: 10_000 }).toBe(4);

    const trace = await waitForTrace(endpoints.jaegerUrl, dropped.body.traceId, (t) => t.spans.some((span) => span.name === 'stock.release'));
    const drops = findEvents(trace, 'fault.injected').filter(({ attributes }) => attributes['fault.kind'] === 'drop');
    expect(drops).toHaveLength(3);
    const timeouts = findSpans(trace, { service: 'orders', name: 'order.payment_timeout' }).sort((a, b) => a.startTimeUs - b.startTimeUs);
    expect(timeouts.map((span) => span.attributes['order.timeout_result'])).toEqual([
      'requested_again',
      'requested_again',
      'failed',
    ]);
  }, 120_000);
});
