import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGatewayOpenApi, GATEWAY_LIMITS } from '@tracebed/contracts';
import { MAX_RULES, MAX_SPEC_LENGTH } from '@tracebed/faults';
import { createLogger } from '@tracebed/platform';
import { EXAMPLE_ORDER, responseProblems } from '@tracebed/testkit';
import { DEFAULT_RELAY_LIMITS } from './entry-points/browser-span-relay';
import { DEFAULT_TRACE_LOOKUP_LIMITS } from './entry-points/trace-lookup';
import { startGatewayInProcess, type InProcessGateway } from './in-process-gateway.test-support';

const ORDER_ID = EXAMPLE_ORDER.orderId;
const NEWER_ORDER_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
// As orders answers it, with a field of its own the public API does not carry.
const ORDERS_ANSWER = { ...EXAMPLE_ORDER, paymentRequests: 1 };

/** orders and inventory on one port, answering as they do. */
function fakeUpstreams(): Server {
  return createServer((request, response) => {
    const answer = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    request.resume();
    if (request.url === '/products') return answer(200, { products: [{ sku: 'MUG-SPAN', name: 'Span mug', priceCents: 1_200, stock: 7, shelf: 'B2' }] });
    if (request.url === '/orders' && request.method === 'POST') return answer(202, ORDERS_ANSWER);
    if (request.url === `/orders/${ORDER_ID}`) return answer(200, ORDERS_ANSWER);
    // A newer orders with a status this gateway does not know.
    if (request.url === `/orders/${NEWER_ORDER_ID}`) return answer(200, { ...ORDERS_ANSWER, orderId: NEWER_ORDER_ID, status: 'refunded' });
    answer(404, { error: { code: 'ORDER_NOT_FOUND', message: 'no such order' } });
  });
}

let gateway: InProcessGateway;

beforeAll(async () => {
  gateway = await startGatewayInProcess({ upstreams: fakeUpstreams(), logger: createLogger({ service: 'gateway', level: 'silent' }), perRequestFaults: true });
});

afterAll(() => gateway.close());

async function call(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(urlPath, gateway.url), {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const parsed: unknown = await response.json();
  return { status: response.status, body: parsed as any, problems: responseProblems({ method, path: urlPath, status: response.status, body: parsed }) };
}

describe('the gateway in process, held to its API description', () => {
  it('serves its OpenAPI 3.1 description at /api/openapi.json, the same as docs/openapi.json', async () => {
    const { status, body, problems } = await call('GET', '/api/openapi.json');
    expect({ status, problems }).toEqual({ status: 200, problems: [] });
    expect(body).toEqual(buildGatewayOpenApi());
    expect(body).toEqual(JSON.parse(readFileSync(path.resolve(__dirname, '../../../docs/openapi.json'), 'utf8')));
  });

  it('answers a placed order as exactly the order view, without the fields orders keeps to itself', async () => {
    const placed = await call('POST', '/api/orders', { items: [{ sku: 'MUG-SPAN', quantity: 2 }], cardNumber: '4242 4242 4242 4242' });
    expect({ status: placed.status, problems: placed.problems }).toEqual({ status: 202, problems: [] });
    expect(placed.body).not.toHaveProperty('paymentRequests');
    expect(placed.body.links).toEqual({ self: `/api/orders/${ORDER_ID}`, trace: 'http://127.0.0.1:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736' });
    const read = await call('GET', `/api/orders/${ORDER_ID}`);
    expect({ status: read.status, problems: read.problems }).toEqual({ status: 200, problems: [] });
  });

  it('answers the catalogue with the product fields the description names', async () => {
    const { status, body, problems } = await call('GET', '/api/products');
    expect({ status, problems }).toEqual({ status: 200, problems: [] });
    expect(body.products).toEqual([{ sku: 'MUG-SPAN', name: 'Span mug', priceCents: 1_200, stock: 7 }]);
  });

  it.each([
    { name: 'an order over the item limit', send: () => call('POST', '/api/orders', { items: Array.from({ length: 51 }, (_, n) => ({ sku: `SKU-${n}`, quantity: 1 })), cardNumber: '4242424242424242' }), status: 400 },
    { name: 'a line over the quantity limit', send: () => call('POST', '/api/orders', { items: [{ sku: 'MUG-SPAN', quantity: 101 }], cardNumber: '4242424242424242' }), status: 400 },
    { name: 'a malformed X-Fault header', send: () => call('GET', '/api/products', undefined, { 'x-fault': 'nonsense' }), status: 400 },
    { name: 'an order id that is not one', send: () => call('GET', '/api/orders/not-a-uuid'), status: 400 },
    { name: 'an unknown order', send: () => call('GET', '/api/orders/00000000-0000-4000-8000-000000000000'), status: 404 },
    { name: 'a card number that fails the Luhn check', send: () => call('POST', '/api/orders', { items: [{ sku: 'MUG-SPAN', quantity: 1 }], cardNumber: '4242424242424241' }), status: 400 },
    { name: 'a body that is not JSON', send: () => call('POST', '/api/orders', 'items=1', { 'content-type': 'text/plain' }), status: 415 },
    { name: 'an unknown route', send: () => call('GET', '/api/nothing-here'), status: 404 },
    { name: 'an order orders answers in a shape the gateway does not know', send: () => call('GET', `/api/orders/${NEWER_ORDER_ID}`), status: 502 },
  ])('answers $name with $status, as described', async ({ send, status }) => {
    const response = await send();
    expect({ status: response.status, problems: response.problems }).toEqual({ status, problems: [] });
  });

  it('states the limits it enforces', () => {
    expect(GATEWAY_LIMITS).toMatchObject({
      faultSpecLength: MAX_SPEC_LENGTH,
      faultRules: MAX_RULES,
      traceBytes: DEFAULT_TRACE_LOOKUP_LIMITS.maxTraceBytes,
      spanBatchBytes: DEFAULT_RELAY_LIMITS.maxBodyBytes,
      spansPerBatch: DEFAULT_RELAY_LIMITS.maxSpansPerBatch,
    });
  });
});
