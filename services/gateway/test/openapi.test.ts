import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createShopClient, stackEndpoints } from '@tracebed/testkit';

const shop = createShopClient(stackEndpoints().gatewayUrl);
const repoRoot = path.resolve(__dirname, '..', '..', '..');

// The routes the gateway answers, written out here rather than read from the description it checks.
const PUBLIC_ROUTES = [
  ['get', '/api/products'],
  ['post', '/api/orders'],
  ['get', '/api/orders/{orderId}'],
  ['get', '/api/traces/{traceId}'],
  ['post', '/otlp/v1/traces'],
  ['get', '/api/openapi.json'],
  ['get', '/healthz'],
  ['get', '/readyz'],
] as const;

type Json = Record<string, any>;

/** Every `$ref` in the document, as a JSON pointer into it. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

const resolve = (document: Json, pointer: string) => pointer.replace(/^#\//, '').split('/').reduce<unknown>((node, part) => (node as Json | undefined)?.[part], document);

async function fetchDescription(): Promise<Json> {
  const response = await shop.call('GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return response.body as Json;
}

describe('the API description the gateway serves', () => {
  it('is OpenAPI 3.1 with a path for every public route, each answering a success and a typed error', async () => {
    const document = await fetchDescription();
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    for (const [method, route] of PUBLIC_ROUTES) {
      const operation = document.paths?.[route]?.[method];
      expect(operation, `${method.toUpperCase()} ${route}`).toBeDefined();
      const statuses = Object.keys(operation.responses);
      expect(statuses.some((status) => /^2\d\d$/.test(status)), `${method.toUpperCase()} ${route} names a success`).toBe(true);
      expect(operation.responses['421']?.content['application/json'].schema.properties.error.required).toEqual(['code', 'message']);
    }
  });

  it('names 400 VALIDATION_FAILED with the error body, 409, 422 and 503 for placing an order, and the order limits', async () => {
    const placeOrder = (await fetchDescription()).paths['/api/orders'].post;
    const errorOf = (status: string) => placeOrder.responses[status].content['application/json'].schema.properties.error;
    expect(errorOf('400').properties.code.enum).toContain('VALIDATION_FAILED');
    expect(Object.keys(errorOf('400').properties)).toEqual(['code', 'message', 'traceId', 'details']);
    expect(errorOf('409').properties.code.enum).toContain('OUT_OF_STOCK');
    expect(errorOf('422').properties.code.enum).toContain('UNKNOWN_SKU');
    expect(errorOf('503').properties.code.enum).toContain('UPSTREAM_UNAVAILABLE');
    const items = placeOrder.requestBody.content['application/json'].schema.properties.items;
    expect(items).toMatchObject({ minItems: 1, maxItems: 50, items: { properties: { quantity: { minimum: 1, maximum: 100 } }, additionalProperties: false } });
  });

  it('refers only to schemas it holds, and is the docs/openapi.json of this checkout', async () => {
    const document = await fetchDescription();
    for (const ref of refsIn(document)) expect(resolve(document, ref), ref).toBeDefined();
    expect(document).toEqual(JSON.parse(readFileSync(path.join(repoRoot, 'docs', 'openapi.json'), 'utf8')));
  });

  it('describes what the routes really answer: the shop client holds each answer to it', async () => {
    expect((await shop.call('GET', '/healthz')).status).toBe(200);
    expect((await shop.listProducts()).status).toBe(200);
    expect((await shop.getOrder(randomUUID())).body.error.code).toBe('ORDER_NOT_FOUND');
    expect((await shop.call('GET', `/api/traces/${randomBytes(16).toString('hex')}`)).body.error.code).toBe('TRACE_NOT_FOUND');
    expect((await shop.call('GET', '/api/orders/not-an-id')).body.error.code).toBe('VALIDATION_FAILED');
  });
});
