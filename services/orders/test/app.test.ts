import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@tracebed/platform';
import { startServiceApp, type ServiceApp } from '@tracebed/service-testkit';
import { createApp } from '../src/app';
import { createOrderStore } from '../src/data-access/order-store';
import { createOutboxWriter } from '../src/data-access/outbox/outbox-writer';
import { orderPlacedMessageId } from '../src/domain/message-ids';
import type { InventoryGateway, RequestedLine } from '../src/domain/ports';

// The orders app alone, on a free port, over PostgreSQL (a schema of its own) and RabbitMQ (its
// own user); inventory is a plain fake and the outbox relay does not run, so nothing reaches the
// running shop.
const SHORT_SKU = 'NONE-LEFT';
const PRICE_CENTS = 1_250;

/** Prices every line at PRICE_CENTS, and has none of SHORT_SKU. */
function createFakeInventory(): InventoryGateway & { released: string[] } {
  const released: string[] = [];
  return {
    released,
    async reserve(_orderId: string, lines: RequestedLine[]) {
      if (lines.some((line) => line.sku === SHORT_SKU)) throw new AppError('OUT_OF_STOCK', `not enough stock for ${SHORT_SKU}`, 409);
      const priced = lines.map((line) => ({ ...line, unitPriceCents: PRICE_CENTS }));
      return { lines: priced, totalCents: priced.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0) };
    },
    async release(orderId: string) {
      released.push(orderId);
    },
  };
}

let orders: ServiceApp;
let relayWakes = 0;

beforeAll(async () => {
  orders = await startServiceApp({
    service: 'orders',
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    createApp: ({ pool, faults, logger }, http) => {
      const store = createOrderStore(pool, createOutboxWriter(() => relayWakes++));
      return createApp({ store, inventory: createFakeInventory(), logger, faults, http });
    },
  });
});
afterAll(() => orders?.close());

async function call(method: 'GET' | 'POST', route: string, body?: unknown) {
  const response = await fetch(new URL(route, orders.baseUrl), {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, location: response.headers.get('location'), body: (await response.json()) as any };
}

const query = async (sql: string, params: unknown[]) => (await orders.runtime.pool.query(sql, params)).rows;

describe('the orders app on its own', () => {
  it('takes an order with 202, a Location and the pending order, and answers it again by id', async () => {
    const placed = await call('POST', '/orders', { items: [{ sku: 'MUG-SPAN', quantity: 2 }], cardLast4: '4242' });

    expect(placed.status).toBe(202);
    expect(placed.body).toMatchObject({ status: 'pending', totalCents: 2 * PRICE_CENTS, cardLast4: '4242', items: [{ sku: 'MUG-SPAN', quantity: 2, unitPriceCents: PRICE_CENTS }] });
    expect(placed.location).toBe(`/orders/${placed.body.orderId}`);
    const read = await call('GET', placed.location!);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ orderId: placed.body.orderId, status: 'pending', totalCents: 2 * PRICE_CENTS });
  });

  it('records the order, its lines and its OrderPlaced outbox row in one commit, then wakes the relay', async () => {
    const wakesBefore = relayWakes;
    const placed = await call('POST', '/orders', { items: [{ sku: 'STICKERS', quantity: 3 }], cardLast4: '1111' });
    const orderId = placed.body.orderId as string;

    expect(await query('SELECT status, total_cents, card_last4 FROM orders WHERE id = $1', [orderId])).toEqual([{ status: 'pending', total_cents: 3 * PRICE_CENTS, card_last4: '1111' }]);
    expect(await query('SELECT sku, quantity, unit_price_cents FROM order_items WHERE order_id = $1', [orderId])).toEqual([{ sku: 'STICKERS', quantity: 3, unit_price_cents: PRICE_CENTS }]);
    const [row] = await query("SELECT routing_key, message_id, payload, published_at FROM outbox WHERE payload->>'orderId' = $1", [orderId]);
    expect(row).toEqual({
      routing_key: 'order.placed',
      message_id: orderPlacedMessageId(orderId),
      payload: { orderId, amountCents: 3 * PRICE_CENTS, currency: 'EUR', cardLast4: '1111', placedAt: expect.any(String) },
      published_at: null,
    });
    expect(relayWakes).toBe(wakesBefore + 1);
  });

  it('answers a body that breaks the contract with 400 VALIDATION_FAILED naming the field, and records nothing', async () => {
    const ordersBefore = await query('SELECT count(*)::int AS n FROM orders', []);
    const answer = await call('POST', '/orders', { items: [{ sku: 'MUG-SPAN', quantity: 0 }], cardLast4: '42' });

    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    expect(JSON.stringify(answer.body.error.details)).toMatch(/cardLast4/);
    expect(await query('SELECT count(*)::int AS n FROM orders', [])).toEqual(ordersBefore);
  });

  it('answers an order it does not have with 404 ORDER_NOT_FOUND', async () => {
    const answer = await call('GET', '/orders/00000000-0000-4000-8000-000000000000');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: 'ORDER_NOT_FOUND', message: expect.any(String) } });
  });

  it('answers short stock with 409 OUT_OF_STOCK, records the order as rejected and writes no outbox row', async () => {
    const answer = await call('POST', '/orders', { items: [{ sku: SHORT_SKU, quantity: 1 }], cardLast4: '4242' });

    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('OUT_OF_STOCK');
    const rejected = await query("SELECT id FROM orders WHERE status = 'rejected' AND rejection_reason LIKE $1", [`%${SHORT_SKU}%`]);
    expect(rejected).toHaveLength(1);
    expect(await query("SELECT id FROM outbox WHERE payload->>'orderId' = $1", [rejected[0].id])).toEqual([]);
  });

  it('is ready once PostgreSQL and RabbitMQ answer', async () => {
    await expect.poll(async () => (await call('GET', '/readyz')).body, { timeout: 10_000 }).toEqual({ status: 'ready', dependencies: { postgres: 'up', rabbitmq: 'up' } });
  });
});
