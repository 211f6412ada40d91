import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabases, createShopClient, createTestProduct, stackEndpoints, type Databases } from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);

describe('orders racing for the last units', () => {
  let databases: Databases;
  beforeAll(() => {
    databases = connectDatabases(endpoints);
  });
  afterAll(() => databases.close());

  it('sells exactly the units in stock, never more, to parallel buyers', async () => {
    const unitsInStock = 5;
    const buyers = 24;
    const sku = await createTestProduct(databases, { stock: unitsInStock });

    const responses = await Promise.all(Array.from({ length: buyers }, () => shop.placeOrder([{ sku, quantity: 1 }])));

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 202)).toHaveLength(unitsInStock);
    expect(statuses.filter((status) => status === 409)).toHaveLength(buyers - unitsInStock);
    const [product] = await databases.query('inventory', 'SELECT stock FROM products WHERE sku = $1', [sku]);
    expect(product.stock).toBe(0);
    const [reserved] = await databases.query('inventory', "SELECT coalesce(sum(quantity), 0)::int AS units FROM reservations WHERE sku = $1 AND status <> 'released'", [sku]);
    expect(reserved.units).toBe(unitsInStock);

    const accepted = responses.filter((response) => response.status === 202).map((response) => response.body.orderId as string);
    for (const orderId of accepted) await shop.waitForStatus(orderId, ['paid']);
  });

  it('answers a repeated reservation for the same order with the first one, not a second', async () => {
    const sku = await createTestProduct(databases, { stock: 10 });
    const orderId = crypto.randomUUID();
    const reserve = () =>
      fetch(new URL('/reservations', endpoints.inventoryUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderId, items: [{ sku, quantity: 4 }] }),
      });
    const [first, second] = await Promise.all([reserve(), reserve()]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const [product] = await databases.query('inventory', 'SELECT stock FROM products WHERE sku = $1', [sku]);
    expect(product.stock).toBe(6);
    const release = await fetch(new URL(`/reservations/${orderId}`, endpoints.inventoryUrl), { method: 'DELETE' });
    expect(await release.json()).toEqual({ orderId, linesReleased: 1 });
    const [restored] = await databases.query('inventory', 'SELECT stock FROM products WHERE sku = $1', [sku]);
    expect(restored.stock).toBe(10);
  });
});
