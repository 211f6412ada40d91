import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createShopClient, stackEndpoints, waitForTrace } from '@tracebed/testkit';
import { SESSION_COOKIE } from '../src/entry-points/shop-session';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const gateway = (path: string, init?: RequestInit) => fetch(new URL(path, endpoints.gatewayUrl), init);

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

    // The page's session for the span relay: the browser keeps it, its scripts never see it.
    expect(response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`))).toMatch(/HttpOnly; SameSite=Strict$/);

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

  it('answers 502 TRACE_TOO_LARGE for a trace over 2 MiB, read no further than that', async () => {
    // Straight into Jaeger's OTLP port, as a service would: the relay would not take this much.
    const traceId = randomBytes(16).toString('hex');
    const nowNs = String(BigInt(Date.now()) * 1_000_000n);
    const spans = Array.from({ length: 300 }, () => ({ traceId, spanId: randomBytes(8).toString('hex'), name: 'big.span', kind: 1, startTimeUnixNano: nowNs, endTimeUnixNano: nowNs, attributes: [{ key: 'big.value', value: { stringValue: 'x'.repeat(10_000) } }] }));
    const otlpUrl = `http://127.0.0.1:${process.env.JAEGER_OTLP_HTTP_PORT ?? 4318}/v1/traces`;
    const sent = await fetch(otlpUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'trace-size-check' } }] }, scopeSpans: [{ scope: { name: 'check' }, spans }] }] }) });
    expect(sent.status).toBe(200);
    await waitForTrace(endpoints.jaegerUrl, traceId, (t) => t.spans.length === 300);

    const response = await shop.call('GET', `/api/traces/${traceId}`);
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('TRACE_TOO_LARGE');
    expect(response.body.error.message).toContain('2 MiB');
    expect((await shop.call('GET', '/healthz')).status).toBe(200);
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
