import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServiceApp, type ServiceApp } from '@tracebed/service-testkit';
import { createApp } from '../src/app';
import { CATALOGUE, seedCatalogue } from '../src/data-access/seed-catalogue';
import { createStockStore } from '../src/data-access/stock-store';

// The inventory app alone, on a free port, over PostgreSQL (a schema of its own, seeded with the
// catalogue) and RabbitMQ (its own user): the running shop's stock is never touched.
const MUG = CATALOGUE.find((product) => product.sku === 'MUG-SPAN')!;

let inventory: ServiceApp;

beforeAll(async () => {
  inventory = await startServiceApp({
    service: 'inventory',
    migrationsDirectory: path.join(__dirname, '..', 'migrations'),
    afterMigrations: ({ pool }) => seedCatalogue(pool),
    createApp: ({ pool, faults, logger }, http) => createApp({ store: createStockStore(pool), faults, logger, http }),
  });
});
afterAll(() => inventory?.close());

async function call(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown) {
  const response = await fetch(new URL(route, inventory.baseUrl), {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function stockOf(sku: string): Promise<number> {
  const { rows } = await inventory.runtime.pool.query<{ stock: number }>('SELECT stock FROM products WHERE sku = $1', [sku]);
  return rows[0]!.stock;
}

describe('the inventory app on its own', () => {
  it('lists the catalogue with its prices and stock', async () => {
    const answer = await call('GET', '/products');
    expect(answer.status).toBe(200);
    expect(answer.body.products).toContainEqual(expect.objectContaining({ sku: MUG.sku, priceCents: MUG.priceCents, stock: MUG.stock }));
    expect(answer.body.products).toHaveLength(CATALOGUE.length);
  });

  it('reserves an order with 201, its priced lines and total, and takes the units from stock', async () => {
    const before = await stockOf(MUG.sku);
    const orderId = randomUUID();
    const answer = await call('POST', '/reservations', { orderId, items: [{ sku: MUG.sku, quantity: 2 }] });

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ orderId, lines: [{ sku: MUG.sku, quantity: 2, unitPriceCents: MUG.priceCents }], totalCents: 2 * MUG.priceCents });
    expect(await stockOf(MUG.sku)).toBe(before - 2);
  });

  it('answers the same order reserved again with the first reservation, taking the units once', async () => {
    const orderId = randomUUID();
    const first = await call('POST', '/reservations', { orderId, items: [{ sku: MUG.sku, quantity: 1 }] });
    const afterFirst = await stockOf(MUG.sku);
    const again = await call('POST', '/reservations', { orderId, items: [{ sku: MUG.sku, quantity: 1 }] });

    expect(again).toEqual(first);
    expect(await stockOf(MUG.sku)).toBe(afterFirst);
    const { rows } = await inventory.runtime.pool.query('SELECT quantity FROM reservations WHERE order_id = $1', [orderId]);
    expect(rows).toEqual([{ quantity: 1 }]);
  });

  it('puts the units back when a reservation is released', async () => {
    const orderId = randomUUID();
    await call('POST', '/reservations', { orderId, items: [{ sku: MUG.sku, quantity: 3 }] });
    const reserved = await stockOf(MUG.sku);

    expect(await call('DELETE', `/reservations/${orderId}`)).toEqual({ status: 200, body: { orderId, linesReleased: 1 } });
    expect(await stockOf(MUG.sku)).toBe(reserved + 3);
  });

  it('answers short stock with 409 OUT_OF_STOCK naming the line, and reserves nothing of the order', async () => {
    const last = CATALOGUE.find((product) => product.sku === 'LAST-UNITS')!;
    const before = { mug: await stockOf(MUG.sku), last: await stockOf(last.sku) };
    const answer = await call('POST', '/reservations', { orderId: randomUUID(), items: [{ sku: MUG.sku, quantity: 1 }, { sku: last.sku, quantity: last.stock + 1 }] });

    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: { code: 'OUT_OF_STOCK', message: `not enough stock for ${last.sku}`, details: [{ path: `items.${last.sku}`, message: 'not enough stock' }] } });
    expect({ mug: await stockOf(MUG.sku), last: await stockOf(last.sku) }).toEqual(before);
  });

  it('answers a product it does not sell with 422 UNKNOWN_SKU, and a malformed request with 400 VALIDATION_FAILED', async () => {
    const unknown = await call('POST', '/reservations', { orderId: randomUUID(), items: [{ sku: 'NO-SUCH-THING', quantity: 1 }] });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'UNKNOWN_SKU']);

    const malformed = await call('POST', '/reservations', { orderId: 'not-a-uuid', items: [] });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('is ready once PostgreSQL and RabbitMQ answer', async () => {
    await expect.poll(async () => (await call('GET', '/readyz')).body, { timeout: 10_000 }).toEqual({ status: 'ready', dependencies: { postgres: 'up', rabbitmq: 'up' } });
  });
});
