import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabases, createShopClient, stackEndpoints, TEST_CARDS, type Databases } from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const card = TEST_CARDS.approved;
const item = { sku: 'MUG-SPAN', quantity: 1 };

interface BadRequest {
  name: string;
  send: () => ReturnType<typeof shop.call>;
  status: number;
  code: string;
}

const cases: BadRequest[] = [
  { name: 'malformed JSON', send: () => shop.call('POST', '/api/orders', '{"items": [', {}), status: 400, code: 'MALFORMED_JSON' },
  { name: 'a body that is not JSON', send: () => shop.call('POST', '/api/orders', 'items=1', { 'content-type': 'text/plain' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a JSON array instead of an object', send: () => shop.call('POST', '/api/orders', [item]), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'no items', send: () => shop.call('POST', '/api/orders', { items: [], cardNumber: card }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a quantity given as a string', send: () => shop.call('POST', '/api/orders', { items: [{ sku: 'MUG-SPAN', quantity: '1' }], cardNumber: card }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a zero quantity', send: () => shop.placeOrder([{ sku: 'MUG-SPAN', quantity: 0 }]), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a negative quantity', send: () => shop.placeOrder([{ sku: 'MUG-SPAN', quantity: -3 }]), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a fractional quantity', send: () => shop.placeOrder([{ sku: 'MUG-SPAN', quantity: 1.5 }]), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a huge quantity', send: () => shop.placeOrder([{ sku: 'MUG-SPAN', quantity: 1e21 }]), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'too many items', send: () => shop.placeOrder(Array.from({ length: 51 }, () => item)), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an unknown SKU', send: () => shop.placeOrder([{ sku: 'NO-SUCH-THING', quantity: 1 }]), status: 422, code: 'UNKNOWN_SKU' },
  { name: 'a SKU with forbidden characters', send: () => shop.placeOrder([{ sku: "x'; DROP TABLE products;--", quantity: 1 }]), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a card number failing the Luhn check', send: () => shop.placeOrder([item], '4242 4242 4242 4241'), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a missing card number', send: () => shop.call('POST', '/api/orders', { items: [item] }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an unexpected field', send: () => shop.call('POST', '/api/orders', { items: [item], cardNumber: card, discount: 100 }), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'a body over the size limit', send: () => shop.call('POST', '/api/orders', { items: [item], cardNumber: card, padding: 'x'.repeat(40_000) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'an order id that is not a UUID', send: () => shop.getOrder('42'), status: 400, code: 'VALIDATION_FAILED' },
  { name: 'an unknown order id', send: () => shop.getOrder('00000000-0000-4000-8000-000000000000'), status: 404, code: 'ORDER_NOT_FOUND' },
  { name: 'an unknown route', send: () => shop.call('GET', '/api/nothing-here'), status: 404, code: 'NOT_FOUND' },
];

describe('bad input gets a typed 4xx and writes nothing', () => {
  let databases: Databases;
  let ordersBefore: number;

  beforeAll(async () => {
    databases = connectDatabases(endpoints);
    ordersBefore = Number((await databases.query('orders', 'SELECT count(*) AS n FROM orders'))[0].n);
  });
  afterAll(() => databases.close());

  it.each(cases)('$name → $status $code', async ({ send, status, code }) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toEqual(expect.any(String));
    expect(response.body.error.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .*\.js:\d+|SELECT|INSERT/);
  });

  it('names the offending field in the error details', async () => {
    const response = await shop.placeOrder([{ sku: 'MUG-SPAN', quantity: 0 }]);
    expect(response.body.error.details).toContainEqual({ path: 'items.0.quantity', message: expect.any(String) });
  });

  it('left no order behind for any of them', async () => {
    // Other test files run before or after this one, never at the same time (fileParallelism: false).
    const ordersAfter = Number((await databases.query('orders', 'SELECT count(*) AS n FROM orders'))[0].n);
    expect(ordersAfter).toBe(ordersBefore);
  });
});
