import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '@tracebed/platform';
import { responseProblems } from '@tracebed/testkit';
import { startGatewayInProcess, type InProcessGateway } from './in-process-gateway.test-support';

const ORDER_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

/** orders and inventory as a newer version might answer: valid JSON, but not the contract's shape. */
function upstreamsOfAnotherShape(): Server {
  return createServer((request, response) => {
    request.resume();
    const body = request.url === '/products' ? { products: [{ sku: 'MUG-SPAN', name: 'Span mug', priceCents: '12.00', stock: 7 }] } : { orderId: ORDER_ID, status: 'refunded' };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}

/** The gateway's log lines, kept: the error middleware writes with error and info, the span relay with warn. */
const logged: { level: string; event: string; fields: Record<string, unknown> }[] = [];
const at = (level: string) => (fields: Record<string, unknown>, event: string) => void logged.push({ level, event, fields });
const recordingLogger = { error: at('error'), warn: at('warn'), info: at('info') } as unknown as Logger;

let gateway: InProcessGateway;

beforeAll(async () => {
  gateway = await startGatewayInProcess({ upstreams: upstreamsOfAnotherShape(), logger: recordingLogger, perRequestFaults: false });
});

afterAll(() => gateway.close());

async function get(urlPath: string) {
  const response = await fetch(new URL(urlPath, gateway.url));
  const body: unknown = await response.json();
  return { status: response.status, body, problems: responseProblems({ method: 'GET', path: urlPath, status: response.status, body }) };
}

// Each upstream answer, the field in it the contract does not have that way, and what zod says of it.
const ANSWERS_OF_ANOTHER_SHAPE = [
  { service: 'orders', urlPath: `/api/orders/${ORDER_ID}`, field: 'status', zod: 'Invalid option' },
  { service: 'inventory', urlPath: '/api/products', field: 'products.0.priceCents', zod: 'expected number, received string' },
];

const failureLogged = (urlPath: string) => logged.find((line) => line.event === 'request.failed' && line.fields.path === urlPath);

describe('the gateway when orders or inventory answer in a shape it does not know', () => {
  it.each(ANSWERS_OF_ANOTHER_SHAPE)('answers 502 naming $service and nothing of the shape, as described', async ({ service, urlPath }) => {
    const { status, body, problems } = await get(urlPath);
    expect({ status, problems }).toEqual({ status: 502, problems: [] });
    expect(body).toEqual({ error: { code: 'UPSTREAM_BAD_RESPONSE', message: `${service} answered in an unexpected shape` } });
  });

  it.each(ANSWERS_OF_ANOTHER_SHAPE)('logs which field of $service’s answer was off, at error', async ({ service, urlPath, field, zod }) => {
    await get(urlPath);
    expect(failureLogged(urlPath)).toMatchObject({
      level: 'error',
      fields: { err: { code: 'UPSTREAM_BAD_RESPONSE', upstream: service, issues: expect.arrayContaining([{ path: field, message: expect.stringContaining(zod) }]) } },
    });
  });
});
