import { describe, expect, it } from 'vitest';
import type { Trace, TraceSpan } from '@tracebed/trace-reading';
import { span as handBuiltSpan } from '@tracebed/trace-reading/hand-built-trace';
import { firstRoot, requestOf, senderOf, startedWithoutContext } from './split-traces';

/** A span of trace `traceId`, built by hand; times in milliseconds from zero. */
const span = (traceId: string, spanId: string, parentId: string | undefined, service: string, name: string, startMs: number, durationMs: number, extra: Partial<TraceSpan> = {}) =>
  handBuiltSpan(spanId, parentId, startMs, durationMs, { traceId, service, name, ...extra });

const post = (path: string) => ({ 'http.request.method': 'POST', 'url.path': path });

/** orders' side of an order whose call to inventory went out bare: the client span has no child. */
const ordersSide: Trace = {
  traceId: 'a'.repeat(32),
  spans: [
    span('a'.repeat(32), 'g1', undefined, 'gateway', 'POST /api/orders', 0, 60, { kind: 'server' }),
    span('a'.repeat(32), 'o1', 'g1', 'orders', 'POST /orders', 5, 50, { kind: 'server' }),
    span('a'.repeat(32), 'o2', 'o1', 'orders', 'POST', 10, 20, { kind: 'client', attributes: post('/reservations') }),
  ],
};

/** inventory's side: a trace of its own, from a server span without a parent. */
const inventorySide: Trace = {
  traceId: 'b'.repeat(32),
  spans: [
    span('b'.repeat(32), 'i2', 'i1', 'inventory', 'stock.reserve', 13, 10),
    span('b'.repeat(32), 'i1', undefined, 'inventory', 'POST /reservations', 12, 15, { kind: 'server', attributes: post('/reservations') }),
  ],
};

describe('requestOf', () => {
  it('reads the method and path that both sides of a call record, without the query', () => {
    expect(requestOf(inventorySide.spans[1]!)).toBe('POST /reservations');
    expect(requestOf(span('t', 's', undefined, 'x', 'GET', 0, 1, { attributes: { 'http.method': 'GET', 'http.target': '/products?limit=5' } }))).toBe('GET /products');
    expect(requestOf(inventorySide.spans[0]!)).toBeUndefined();
  });
});

describe('firstRoot and startedWithoutContext', () => {
  it("find the server span that started inventory's trace from nothing", () => {
    const root = firstRoot(inventorySide)!;
    expect(root.name).toBe('POST /reservations');
    expect(startedWithoutContext(root)).toBe(true);
  });

  it('do not take a span whose parent Jaeger lacks for a trace started from nothing', () => {
    const partial: Trace = { traceId: 'c'.repeat(32), spans: [span('c'.repeat(32), 'x', 'elsewhere', 'inventory', 'POST /reservations', 0, 5, { kind: 'server' })] };
    expect(startedWithoutContext(firstRoot(partial)!)).toBe(false);
  });
});

describe('senderOf', () => {
  it("finds orders' client span that sent the request inventory started its own trace for", () => {
    const sender = senderOf(firstRoot(inventorySide)!, 'orders', [ordersSide]);
    expect(sender?.trace.traceId).toBe('a'.repeat(32));
    expect(sender?.span.spanId).toBe('o2');
  });

  it('finds no sender among calls that inventory answered in their own trace', () => {
    const whole: Trace = { ...ordersSide, spans: [...ordersSide.spans, span('a'.repeat(32), 'i9', 'o2', 'inventory', 'POST /reservations', 12, 15, { kind: 'server' })] };
    expect(senderOf(firstRoot(inventorySide)!, 'orders', [whole])).toBeUndefined();
  });

  it('finds no sender in another service, for another path, or at another time', () => {
    const root = firstRoot(inventorySide)!;
    expect(senderOf(root, 'gateway', [ordersSide])).toBeUndefined();
    expect(senderOf({ ...root, attributes: post('/products') }, 'orders', [ordersSide])).toBeUndefined();
    expect(senderOf({ ...root, startTimeUs: 500_000 }, 'orders', [ordersSide])).toBeUndefined();
  });
});
