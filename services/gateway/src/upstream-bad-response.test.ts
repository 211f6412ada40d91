import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostPolicy, createServiceFaults, type Logger } from '@tracebed/platform';
import { responseProblems } from '@tracebed/testkit';
import { createApp } from './app';
import { createShopBackends } from './data-access/shop-backends';

const ORDER_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

/** orders and inventory as a newer version might answer: valid JSON, but not the contract's shape. */
function upstreamsOfAnotherShape(): Server {
  return createServer((request, response) => {
    request.resume();
    const body = request.url === '/products' ? { products: [{ sku: 'MUG-SPAN', name: 'Span mug', priceCents: '12.00', stock: 7 }] } : { orderId: ORDER_ID, status: 'refunded' };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}

const listen = async (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/** The gateway's log lines, kept: the error middleware writes with error and info, the span relay with warn. */
const logged: { level: string; event: string; fields: Record<string, unknown> }[] = [];
const at = (level: string) => (fields: Record<string, unknown>, event: string) => void logged.push({ level, event, fields });
const recordingLogger = { error: at('error'), warn: at('warn'), info: at('info') } as unknown as Logger;

let upstreams: Server;
let gateway: Server;
let gatewayUrl: string;

beforeAll(async () => {
  upstreams = upstreamsOfAnotherShape();
  const upstreamUrl = await listen(upstreams);
  const faults = createServiceFaults('gateway', { FAULTS: [], FAULTS_PER_REQUEST: 'off' });
  const app = createApp({
    backends: createShopBackends({ ordersUrl: upstreamUrl, inventoryUrl: upstreamUrl, faults, timeoutMs: 2_000 }),
    faults,
    logger: recordingLogger,
    jaegerUiUrl: 'http://127.0.0.1:16686',
    perRequestFaults: false,
    shopPage: { webDirectory: path.join(__dirname, 'no-page-here'), jaegerQueryUrl: upstreamUrl, browserSpansUrl: `${upstreamUrl}/v1/traces` },
    http: { readiness: [], hostPolicy: createHostPolicy() },
  });
  gateway = createServer(app);
  gatewayUrl = await listen(gateway);
});

afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  await new Promise((resolve) => upstreams.close(resolve));
});

async function get(urlPath: string) {
  const response = await fetch(new URL(urlPath, gatewayUrl));
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
