import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createShopClient, stackEndpoints, waitForTrace } from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const gateway = (path: string, init?: RequestInit) => fetch(new URL(path, endpoints.gatewayUrl), init);

/** One span in OTLP/JSON, as the browser exporter sends it. */
function otlpSpan(traceId: string, name: string) {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'relay-check' } }] },
        scopeSpans: [
          {
            scope: { name: 'relay-check' },
            spans: [{ traceId, spanId: randomBytes(8).toString('hex'), name, kind: 1, startTimeUnixNano: String(nowNs), endTimeUnixNano: String(nowNs + 5_000_000n) }],
          },
        ],
      },
    ],
  };
}

describe('the shop page files', () => {
  it('serves the page at / with a policy that lets it load only its own files', async () => {
    const response = await gateway('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await response.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();

    const asset = await gateway(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers a typed 404 for a file that is not there', async () => {
    const response = await shop.call('GET', '/assets/nothing-here.js');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });
});

describe('the span relay', () => {
  it("passes the page's spans on to Jaeger, and its own requests are not traced", async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await gateway('/otlp/v1/traces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(otlpSpan(traceId, 'relay.check')) });
    expect(response.status).toBe(200);
    const trace = await waitForTrace(endpoints.jaegerUrl, traceId, (t) => t.spans.length > 0);
    expect(trace.spans.map((span) => [span.service, span.name])).toEqual([['relay-check', 'relay.check']]);

    const operations = (await (await fetch(new URL('/api/services/gateway/operations', endpoints.jaegerUrl))).json()) as { data: string[] };
    expect(operations.data.filter((name) => /otlp|api\/traces/.test(name))).toEqual([]);
  });

  it.each([
    ['a body that is not OTLP', 'text/plain', 'spans', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no body', 'application/json', '', 400, 'VALIDATION_FAILED'],
    ['JSON the collector cannot read', 'application/json', '{"resourceSpans":"nope"}', 400, 'INVALID_SPANS'],
  ])('refuses %s with a typed error', async (_case, contentType, body, status, code) => {
    const response = await shop.call('POST', '/otlp/v1/traces', body, { 'content-type': contentType });
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('refuses a body over 512 kB with 413', async () => {
    const response = await shop.call('POST', '/otlp/v1/traces', `{"pad":"${'x'.repeat(600_000)}"}`, { 'content-type': 'application/json' });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('the trace lookup', () => {
  it("answers an order's trace as a waterfall, root first", async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((span) => span.name === 'order.place'));
    const response = await shop.call('GET', `/api/traces/${placed.body.traceId}`);
    expect(response.status).toBe(200);
    expect(response.body.traceId).toBe(placed.body.traceId);
    expect(response.body.spans[0]).toMatchObject({ service: 'gateway', name: 'POST /api/orders', kind: 'server', depth: 0, parentId: null, critical: true });
    expect(response.body.spans.some((span: { service: string; depth: number }) => span.service === 'orders' && span.depth > 0)).toBe(true);
    const place = response.body.spans.find((span: { name: string }) => span.name === 'order.place');
    expect(place).toMatchObject({ kind: 'internal', status: { code: 'UNSET', message: null }, attributes: { 'order.id': placed.body.orderId } });
    expect(place.selfTimeMs).toBeLessThanOrEqual(place.durationMs);
  });

  it('answers 404 for a trace Jaeger does not have, and 400 for an id that is not one', async () => {
    const unknown = await shop.call('GET', `/api/traces/${randomBytes(16).toString('hex')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('TRACE_NOT_FOUND');
    const malformed = await shop.call('GET', '/api/traces/not-a-trace-id');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });
});
