import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectDatabases,
  createShopClient,
  createTestProduct,
  findSpan,
  isDescendantOf,
  stackEndpoints,
  TEST_CARDS,
  waitForTrace,
  type Databases,
} from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
let databases: Databases;

beforeAll(() => {
  databases = connectDatabases(endpoints);
});
afterAll(() => databases.close());

const stockOf = async (sku: string) => (await databases.query('inventory', 'SELECT stock FROM products WHERE sku = $1', [sku]))[0]?.stock;

describe('an order paid with an approved card', () => {
  it('ends paid, with its stock committed and one payment', async () => {
    const sku = await createTestProduct(databases, { stock: 10, priceCents: 2500 });
    const placed = await shop.placeOrder([{ sku, quantity: 2 }], TEST_CARDS.approved);
    expect(placed.status).toBe(202);
    expect(placed.body).toMatchObject({ status: 'pending', totalCents: 5000, currency: 'EUR' });
    expect(placed.headers.get('location')).toBe(`/api/orders/${placed.body.orderId}`);
    const order = await shop.waitForStatus(placed.body.orderId, ['paid', 'payment_failed']);
    expect(order.status).toBe('paid');
    expect(order.traceId).toBe(placed.body.traceId);
    await expect.poll(() => databases.query('inventory', 'SELECT status FROM reservations WHERE order_id = $1', [order.orderId])).toEqual([
      { status: 'committed' },
    ]);
    expect(await stockOf(sku)).toBe(8);
    const payments = await databases.query('payments', 'SELECT outcome, amount_cents, card_last4 FROM payments WHERE order_id = $1', [order.orderId]);
    expect(payments).toEqual([{ outcome: 'succeeded', amount_cents: 5000, card_last4: '4242' }]);
  });
});

describe('an order paid with a declining card', () => {
  it('ends payment_failed, puts the stock back, and shows an error span', async () => {
    const sku = await createTestProduct(databases, { stock: 4 });
    const placed = await shop.placeOrder([{ sku, quantity: 3 }], TEST_CARDS.declined);
    expect(placed.status).toBe(202);
    const order = await shop.waitForStatus(placed.body.orderId, ['paid', 'payment_failed']);
    expect(order.status).toBe('payment_failed');
    await expect.poll(() => stockOf(sku)).toBe(4);

    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) =>
      ['payment.charge', 'stock.release'].every((name) => t.spans.some((span) => span.name === name)),
    );
    const charge = findSpan(trace, { service: 'payments', name: 'payment.charge' });
    expect(charge.isError).toBe(true);
    expect(charge.attributes).toMatchObject({ 'payment.outcome': 'declined', 'payment.decline_reason': 'card_declined', 'error.type': 'card_declined' });
    const release = findSpan(trace, { service: 'inventory', name: 'stock.release' });
    expect(isDescendantOf(trace, release, charge)).toBe(true);
  });

  it('declines a charge above the amount limit', async () => {
    const sku = await createTestProduct(databases, { stock: 5, priceCents: 60_000 });
    const placed = await shop.placeOrder([{ sku, quantity: 2 }], TEST_CARDS.approved);
    expect(placed.status).toBe(202);
    await shop.waitForStatus(placed.body.orderId, ['payment_failed']);
    const rows = await databases.query('payments', 'SELECT decline_reason FROM payments WHERE order_id = $1', [placed.body.orderId]);
    expect(rows).toEqual([{ decline_reason: 'amount_limit_exceeded' }]);
  });
});

describe('an order for more than is in stock', () => {
  it('answers 409 OUT_OF_STOCK, records the order as rejected, and reserves nothing', async () => {
    const sku = await createTestProduct(databases, { stock: 2 });
    const placed = await shop.placeOrder([{ sku, quantity: 3 }]);
    expect(placed.status).toBe(409);
    expect(placed.body.error).toMatchObject({ code: 'OUT_OF_STOCK', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(placed.body.error.message).toContain(sku);
    expect(await stockOf(sku)).toBe(2);
    const rejected = await databases.query('orders', "SELECT status, rejection_reason FROM orders WHERE trace_id = $1", [placed.body.error.traceId]);
    expect(rejected).toEqual([{ status: 'rejected', rejection_reason: expect.stringContaining(sku) }]);
    const reservations = await databases.query('inventory', 'SELECT * FROM reservations WHERE sku = $1', [sku]);
    expect(reservations).toEqual([]);
  });

  it('reserves nothing of an order whose other lines were available', async () => {
    const plenty = await createTestProduct(databases, { stock: 10 });
    const scarce = await createTestProduct(databases, { stock: 1 });
    const placed = await shop.placeOrder([{ sku: plenty, quantity: 1 }, { sku: scarce, quantity: 2 }]);
    expect(placed.status).toBe(409);
    expect(await stockOf(plenty)).toBe(10);
    expect(await stockOf(scarce)).toBe(1);
  });
});
