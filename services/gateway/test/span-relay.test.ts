import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createShopClient, eventually, stackEndpoints, waitForTrace } from '@tracebed/testkit';
import { fetchTrace } from '@tracebed/trace-reading';
import { openPageSession, otlpBatch, postSpans, type PageSession } from './page-session';
import { floodRelay } from './relay-flood';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
let page: PageSession;

beforeAll(async () => {
  page = await openPageSession(endpoints.gatewayUrl);
});

const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; details?: { path: string }[] } }).error;

/** The native gateway's resident memory, when this stack is the native one (its pid file is there). */
function gatewayMemory(): string {
  try {
    const pid = readFileSync(path.join(process.env.TRACEBED_STATE ?? path.resolve(__dirname, '../../../.tracebed'), 'run/gateway.pid'), 'utf8').trim();
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024);
    return `gateway RSS ${mb('VmRSS')} MB (peak since start ${mb('VmHWM')} MB)`;
  } catch {
    return 'gateway RSS not measured (not the native stack)';
  }
}

describe('the span relay', () => {
  it("passes the page's own spans on to Jaeger, and its own requests are not traced", async () => {
    const traceId = page.newTraceId();
    const response = await postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId, name: 'relay.check' }]), page);
    expect(response.status).toBe(200);
    const trace = await waitForTrace(endpoints.jaegerUrl, traceId, (t) => t.spans.length > 0);
    expect(trace.spans.map((span) => [span.service, span.name])).toEqual([['shop-web', 'relay.check']]);

    const operations = (await (await fetch(new URL('/api/services/gateway/operations', endpoints.jaegerUrl))).json()) as { data: string[] };
    expect(operations.data.filter((name) => /otlp|api\/traces/.test(name))).toEqual([]);
  });

  it('refuses spans that claim to be another service, and Jaeger never gets them', async () => {
    const traceId = page.newTraceId();
    const response = await postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId, name: 'payment.charge' }], 'payments'), page);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'SPANS_REFUSED', details: [{ path: 'service.name' }] });
    await expect(fetchTrace(endpoints.jaegerUrl, traceId)).resolves.toBeUndefined();
  });

  it("refuses spans for another order's trace, and that trace stays as the shop wrote it", async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    expect(placed.status, JSON.stringify(placed.body)).toBe(202);
    const victim = String(placed.body.traceId);
    const before = await waitForTrace(endpoints.jaegerUrl, victim, (t) => t.spans.some((span) => span.name === 'order.place'));
    const response = await postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId: page.newTraceId(), name: 'checkout.submit' }, { traceId: victim, name: 'checkout.submit' }]), page);
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'SPANS_REFUSED', details: [{ path: 'traceId' }] });
    // A trace id under someone else's prefix is refused the same way.
    const other = await openPageSession(endpoints.gatewayUrl);
    const crossed = await postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId: other.newTraceId(), name: 'checkout.submit' }]), page);
    expect(crossed.status).toBe(403);
    const after = await fetchTrace(endpoints.jaegerUrl, victim);
    expect(after?.spans.filter((span) => span.service === 'shop-web')).toEqual([]);
    expect(after?.spans.length).toBeGreaterThanOrEqual(before.spans.length);
  });

  it('refuses spans from a client that never loaded the page', async () => {
    const response = await postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId: randomBytes(16).toString('hex'), name: 'checkout.submit' }]));
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'SPANS_REFUSED', details: [{ path: 'session' }] });
  });

  it.each([
    ['a body that is not OTLP/JSON', 'text/plain', 'spans', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['OTLP in protobuf, which the page never sends', 'application/x-protobuf', '\u000a\u0000', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no body', 'application/json', '', 400, 'VALIDATION_FAILED'],
    ['JSON that is not an OTLP export', 'application/json', '{"resourceSpans":"nope"}', 400, 'INVALID_SPANS'],
  ])('refuses %s with a typed error', async (_case, contentType, body, status, code) => {
    const response = await postSpans(endpoints.gatewayUrl, body, page, contentType);
    expect(response.status).toBe(status);
    expect((await errorOf(response)).code).toBe(code);
  });

  it('refuses a body over 64 KiB with a 413 JSON error', async () => {
    const response = await postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId: page.newTraceId(), name: 'relay.big' }], 'shop-web', 70_000), page);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await errorOf(response)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a burst from one page with 429, a JSON error and Retry-After, and takes spans again after it', async () => {
    const burst = await openPageSession(endpoints.gatewayUrl);
    const responses = await Promise.all(Array.from({ length: 40 }, () => postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId: burst.newTraceId(), name: 'relay.burst' }]), burst)));
    const limited = responses.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorOf(limited[0]!)).code).toBe('RATE_LIMITED');
    // Another page is not held back by this one.
    expect((await postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId: page.newTraceId(), name: 'relay.other' }]), page)).status).toBe(200);
    await eventually(async () => ((await postSpans(endpoints.gatewayUrl, otlpBatch([{ traceId: burst.newTraceId(), name: 'relay.later' }]), burst)).status === 200 ? true : undefined), {
      timeoutMs: 5_000,
      description: 'the burst page to be let through again',
    });
  });

  it('bounds what one page can push through, where the open relay took 114 MB in 5.6 s', async () => {
    const flooder = await openPageSession(endpoints.gatewayUrl);
    const figures = await floodRelay(endpoints.gatewayUrl, flooder, { durationMs: 5_000, concurrency: 16, batchBytes: 57_000, spansPerBatch: 20 });
    console.info(`relay flood, one page: ${JSON.stringify(figures)}; ${gatewayMemory()}`);
    // The page's burst (256 KiB) and 5 s at its rate (32 KiB/s), with one batch of slack.
    expect(figures.acceptedMb).toBeLessThanOrEqual((256 + 5 * 32 + 64) / 1024);
    expect(figures.statuses[429]).toBeGreaterThan(0);
    expect(Object.keys(figures.statuses).sort()).toEqual(['200', '429']);
  });
});
