import { describe, expect, it } from 'vitest';
import { createShopClient, stackEndpoints, type ShopResponse } from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);

const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

const headersOf = (response: ShopResponse) => Object.fromEntries(Object.keys(API_HEADERS).map((name) => [name, response.headers.get(name)]));

describe('every response of the shop carries the security headers', () => {
  const responses: { name: string; status: number; send: () => Promise<ShopResponse> }[] = [
    { name: 'the product list', status: 200, send: () => shop.listProducts() },
    { name: 'an order that fails validation', status: 400, send: () => shop.placeOrder([{ sku: 'MUG-SPAN', quantity: 0 }]) },
    { name: 'a body that is not JSON', status: 415, send: () => shop.call('POST', '/api/orders', 'items=1', { 'content-type': 'text/plain' }) },
    { name: 'an unknown route', status: 404, send: () => shop.call('GET', '/api/nothing-here') },
    { name: 'the liveness probe', status: 200, send: () => shop.call('GET', '/healthz') },
  ];

  it.each(responses)('$name ($status) has them all', async ({ send, status }) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(headersOf(response)).toEqual(API_HEADERS);
  });

  const backends = [
    { service: 'orders', url: endpoints.ordersUrl },
    { service: 'inventory', url: endpoints.inventoryUrl },
    { service: 'payments', url: endpoints.paymentsUrl },
  ];
  it.each(backends)('and so does every $service response, its 404 included', async ({ url }) => {
    const response = await createShopClient(url).call('GET', '/no-such-route');
    expect(response.status).toBe(404);
    expect(headersOf(response)).toEqual(API_HEADERS);
  });

  it('does not announce express', async () => {
    const response = await shop.listProducts();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

