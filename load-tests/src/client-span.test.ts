import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { endClientSpan, startClientSpan } from './client-span';

const memory = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: memory })] });
const spans = { tracer: provider.getTracer('test') };

async function finished() {
  await provider.forceFlush();
  return memory.getFinishedSpans();
}

afterEach(() => memory.reset());

describe('the runner span of one request', () => {
  it('is a CLIENT span named by method and step, with the request in semantic-convention attributes', async () => {
    endClientSpan(startClientSpan(spans.tracer, 'place_order', 'POST', new URL('http://127.0.0.1:8080/api/orders')), { status: 202 });
    const [span] = await finished();
    expect(span).toMatchObject({ name: 'POST place_order', kind: SpanKind.CLIENT, status: { code: SpanStatusCode.UNSET } });
    expect(span!.attributes).toEqual({
      'http.request.method': 'POST',
      'url.full': 'http://127.0.0.1:8080/api/orders',
      'server.address': '127.0.0.1',
      'server.port': 8080,
      'http.response.status_code': 202,
    });
  });

  it("names the scheme's port when the URL leaves it out", async () => {
    endClientSpan(startClientSpan(spans.tracer, 'list_products', 'GET', new URL('http://shop.test/api/products')), { status: 200 });
    expect((await finished())[0]!.attributes['server.port']).toBe(80);
  });

  it('is failed, with error.type the status, when the shop answers 4xx or 5xx', async () => {
    endClientSpan(startClientSpan(spans.tracer, 'place_order', 'POST', new URL('http://127.0.0.1:8080/api/orders')), { status: 409 });
    endClientSpan(startClientSpan(spans.tracer, 'get_order', 'GET', new URL('http://127.0.0.1:8080/api/orders/x')), { status: 503 });
    const [refused, unavailable] = await finished();
    expect(refused).toMatchObject({ status: { code: SpanStatusCode.ERROR }, attributes: { 'http.response.status_code': 409, 'error.type': '409' } });
    expect(unavailable).toMatchObject({ status: { code: SpanStatusCode.ERROR }, attributes: { 'http.response.status_code': 503, 'error.type': '503' } });
  });

  it("is failed, with error.type the socket's code and the exception recorded, when nothing answers", async () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    endClientSpan(startClientSpan(spans.tracer, 'place_order', 'POST', new URL('http://127.0.0.1:9/api/orders')), { error });
    const [span] = await finished();
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.attributes['error.type']).toBe('ECONNREFUSED');
    expect(span!.attributes).not.toHaveProperty('http.response.status_code');
    expect(span!.events.map((event) => event.name)).toEqual(['exception']);
  });

  it("takes the error's name as error.type when it has no socket code, as for a timeout", async () => {
    endClientSpan(startClientSpan(spans.tracer, 'get_order', 'GET', new URL('http://127.0.0.1:8080/api/orders/x')), { error: new DOMException('timed out', 'TimeoutError') });
    expect((await finished())[0]!.attributes['error.type']).toBe('TimeoutError');
  });

  it('starts a trace of its own, with no parent', async () => {
    const first = startClientSpan(spans.tracer, 'list_products', 'GET', new URL('http://127.0.0.1:8080/api/products'));
    const second = startClientSpan(spans.tracer, 'list_products', 'GET', new URL('http://127.0.0.1:8080/api/products'));
    endClientSpan(first, { status: 200 });
    endClientSpan(second, { status: 200 });
    const finishedSpans = await finished();
    expect(finishedSpans.map((span) => span.parentSpanContext)).toEqual([undefined, undefined]);
    expect(first.spanContext().traceId).not.toBe(second.spanContext().traceId);
  });
});
