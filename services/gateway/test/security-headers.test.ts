import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createHostPolicy, createHttpApp, createLogger, finishHttpApp } from '@tracebed/platform';
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

describe('every gateway response carries the security headers', () => {
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

describe('a service that serves a page', () => {
  const servers: { close: () => void }[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  async function serve(contentSecurityPolicy?: string): Promise<string> {
    const app = createHttpApp({ readiness: [], hostPolicy: createHostPolicy(), ...(contentSecurityPolicy ? { contentSecurityPolicy } : {}) });
    app.get('/page', (_request, response) => {
      response.type('html').send('<!doctype html><title>shop</title>');
    });
    finishHttpApp(app, createLogger({ service: 'security-headers-test', level: 'silent' }));
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('replaces the strict policy with its own when createHttpApp is given one', async () => {
    const pagePolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
    const url = await serve(pagePolicy);
    for (const path of ['/page', '/no-such-page']) {
      const response = await fetch(new URL(path, url));
      expect(response.headers.get('content-security-policy')).toBe(pagePolicy);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('keeps the strict policy when it is given none', async () => {
    const response = await fetch(new URL('/page', await serve()));
    expect(response.headers.get('content-security-policy')).toBe(API_HEADERS['content-security-policy']);
  });
});
