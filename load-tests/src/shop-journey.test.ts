import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { KeptSpanExporter } from './fakes/kept-spans';
import { startFakeGateway, type FakeGateway } from './fakes/fake-gateway';
import { createRecorder } from './recorder';
import { loadScenario } from './scenario-file';
import { runShopJourney } from './shop-journey';
import { createSpanExport } from './span-export';

const journey = { ...loadScenario('smoke').journey, pollIntervalMs: 5 };
let gateway: FakeGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

/** One journey against `baseUrl`; its spans once the export is closed. */
async function journeyAgainst(baseUrl: string) {
  const memory = new KeptSpanExporter();
  const spans = createSpanExport({ exporter: memory });
  const recorder = createRecorder();
  await runShopJourney({ baseUrl, journey, recorder, tracer: spans.tracer });
  await spans.close();
  return { recorder, spans: memory.getFinishedSpans() };
}

const traceparentOf = (span: ReadableSpan) => `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`;

describe('a shop journey', () => {
  it('makes one CLIENT span per request, named by method and step, with the request in its attributes', async () => {
    gateway = await startFakeGateway();
    const { spans } = await journeyAgainst(gateway.baseUrl);
    expect(spans.map((span) => span.name)).toEqual(['GET list_products', 'POST place_order', 'GET get_order']);
    expect(spans.every((span) => span.kind === SpanKind.CLIENT)).toBe(true);
    const port = Number(new URL(gateway.baseUrl).port);
    expect(spans[1]!.attributes).toEqual({
      'http.request.method': 'POST',
      'url.full': `${gateway.baseUrl}/api/orders`,
      'server.address': '127.0.0.1',
      'server.port': port,
      'http.response.status_code': 202,
    });
    expect(spans[2]!.attributes['url.full']).toMatch(new RegExp(`^${gateway.baseUrl}/api/orders/[0-9a-f-]{36}$`));
  });

  it("sends each request with a traceparent naming the request's span, so the gateway's span is its child", async () => {
    gateway = await startFakeGateway();
    const { spans, recorder } = await journeyAgainst(gateway.baseUrl);
    expect(gateway.received.map((request) => request.traceparent)).toEqual(spans.map(traceparentOf));
    expect(spans.map((span) => span.parentSpanContext)).toEqual([undefined, undefined, undefined]);
    expect(recorder.requests.map((request) => request.traceId)).toEqual(spans.map((span) => span.spanContext().traceId));
  });

  it('keeps the id of the span that placed the order on the journey, for the checks that name the caller', async () => {
    gateway = await startFakeGateway();
    const { spans, recorder } = await journeyAgainst(gateway.baseUrl);
    const placed = spans.find((span) => span.name === 'POST place_order')!;
    expect(recorder.journeys).toMatchObject([{ accepted: true, finalStatus: 'paid', traceId: placed.spanContext().traceId, placeSpanId: placed.spanContext().spanId }]);
  });

  it('marks the place span failed with error.type 409 when the shop refuses the order', async () => {
    gateway = await startFakeGateway({ placeStatus: 409 });
    const { spans, recorder } = await journeyAgainst(gateway.baseUrl);
    expect(spans.map((span) => span.name)).toEqual(['GET list_products', 'POST place_order']);
    expect(spans[1]!.attributes).toMatchObject({ 'http.response.status_code': 409, 'error.type': '409' });
    expect(recorder.journeys).toMatchObject([{ accepted: false }]);
  });

  it("marks the span failed with the socket's error when nothing answers, and still records the request", async () => {
    const closed = await startFakeGateway();
    await closed.close();
    const { spans, recorder } = await journeyAgainst(closed.baseUrl);
    expect(spans[0]!.attributes).toMatchObject({ 'error.type': 'ECONNREFUSED' });
    expect(recorder.requests.map((request) => ({ status: request.status, failed: request.failed, traceId: request.traceId }))).toEqual(
      spans.map((span) => ({ status: 0, failed: true, traceId: span.spanContext().traceId })),
    );
  });
});
