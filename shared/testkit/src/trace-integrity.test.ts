import { describe, expect, it } from 'vitest';
import type { Trace, TraceSpan } from '@tracebed/trace-reading';
import { span as handBuiltSpan } from '@tracebed/trace-reading/hand-built-trace';
import { describeBrokenTraces, integrityLine, judgeTraces, whyBroken, type PlacedOrder } from './trace-integrity';

// Times play no part in judging a trace: every span starts at zero and lasts a millisecond.
let nextSpan = 0;
const span = (traceId: string, parentId: string | undefined, service: string, name: string, extra: Partial<TraceSpan> = {}): TraceSpan =>
  handBuiltSpan(`s${++nextSpan}`, parentId, 0, 1, { traceId, service, name, kind: 'internal', ...extra });

/** An order's trace as the stack draws it, cut short: request, business span, a statement, a message. */
function orderTrace(traceId: string, orderId: string): Trace {
  const request = span(traceId, undefined, 'gateway', 'POST /api/orders', { kind: 'server' });
  const place = span(traceId, request.spanId, 'orders', 'order.place', { attributes: { 'order.id': orderId } });
  const insert = span(traceId, place.spanId, 'orders', 'pg.query:INSERT tracebed', { kind: 'client' });
  const publish = span(traceId, place.spanId, 'orders', 'publish orders', { kind: 'producer', attributes: { 'messaging.system': 'rabbitmq', 'order.id': orderId } });
  return { traceId, spans: [request, place, insert, publish] };
}

const order = (n: number): PlacedOrder => ({ orderId: `order-${n}`, traceId: `trace-${n}`, shape: 'one sticker' });
const tracesOf = (...traces: Trace[]) => new Map(traces.map((trace) => [trace.traceId, trace]));

describe('judging the traces of orders placed together', () => {
  it('counts every trace whole when each has one root, its own order and the common shape', () => {
    const orders = [1, 2, 3].map(order);
    const report = judgeTraces(orders, tracesOf(...orders.map((o) => orderTrace(o.traceId, o.orderId))));
    expect(integrityLine(report)).toBe('traces whole 3 of 3, spans in a foreign trace 0, spans missing 0');
    expect(report.shapes.get('one sticker')).toContain('orders: order.place ×1');
  });

  it('finds a statement that moved from one trace to another: surplus in one, lacking in the other', () => {
    const orders = [1, 2, 3, 4].map(order);
    const [one, two, ...rest] = orders.map((o) => orderTrace(o.traceId, o.orderId));
    const moved = two!.spans.find((s) => s.name.startsWith('pg.query'))!;
    two!.spans = two!.spans.filter((s) => s !== moved);
    one!.spans.push({ ...moved, traceId: one!.traceId, parentId: one!.spans[1]!.spanId });
    const report = judgeTraces(orders, tracesOf(one!, two!, ...rest));
    expect(report.whole).toBe(2);
    expect(report.foreignSpans).toBe(1);
    expect(report.missingSpans).toBe(1);
    expect(report.broken.map((v) => [v.orderId, v.surplus, v.lacking])).toEqual([
      ['order-1', ['orders: pg.query:INSERT tracebed'], []],
      ['order-2', [], ['orders: pg.query:INSERT tracebed']],
    ]);
  });

  it('names a span that carries another order’s id, and counts it once even when it is also beyond the shape', () => {
    const orders = [1, 2, 3].map(order);
    const traces = orders.map((o) => orderTrace(o.traceId, o.orderId));
    traces[0]!.spans.push(span('trace-1', traces[0]!.spans[1]!.spanId, 'payments', 'payment.charge', { attributes: { 'order.id': 'order-2' } }));
    const report = judgeTraces(orders, tracesOf(...traces));
    expect(report.foreignSpans).toBe(1);
    expect(report.broken[0]!.foreign).toEqual([expect.objectContaining({ label: 'payments: payment.charge', orderId: 'order-2' })]);
    expect(describeBrokenTraces(report)).toContain('naming another order: payments: payment.charge (order-2)');
  });

  it('breaks a trace with two roots, an orphan, or a business or message span that names no order', () => {
    const orders = [1, 2, 3].map((n) => ({ ...order(n), shape: undefined }));
    const [one, two, three] = orders.map((o) => orderTrace(o.traceId, o.orderId));
    one!.spans.push(span('trace-1', undefined, 'orders', 'outbox.relay', { attributes: { 'order.id': 'order-1' } }));
    two!.spans.push(span('trace-2', 'not-here', 'inventory', 'POST /reservations', { kind: 'server' }));
    delete three!.spans[3]!.attributes['order.id'];
    const report = judgeTraces(orders, tracesOf(one!, two!, three!));
    expect(report.whole).toBe(0);
    const [first, second, third] = report.broken;
    expect(first!.roots.map((r) => r.label)).toEqual(['gateway: POST /api/orders', 'orders: outbox.relay']);
    expect(second!.orphans.map((r) => r.label)).toEqual(['inventory: POST /reservations']);
    expect(third!.unlabelled.map((r) => r.label)).toEqual(['orders: publish orders']);
    // Without a shape, differences in span counts are not judged.
    expect(report.foreignSpans).toBe(0);
  });

  it('takes the span under a caller that exports nothing as the root, and no other missing parent', () => {
    const orders = [1, 2].map((n) => ({ ...order(n), callerSpanId: `caller-${n}` }));
    const traces = orders.map((o) => orderTrace(o.traceId, o.orderId));
    traces[0]!.spans[0]!.parentId = 'caller-1';
    traces[1]!.spans[0]!.parentId = 'caller-1';
    const report = judgeTraces(orders, tracesOf(...traces));
    expect(report.broken.map((v) => [v.orderId, whyBroken(v)])).toEqual([['order-2', 'no root; orphans: gateway: POST /api/orders']]);
  });

  it('counts a trace Jaeger does not have as missing, with every span of its shape', () => {
    const orders = [1, 2, 3].map(order);
    const report = judgeTraces(orders, tracesOf(orderTrace('trace-1', 'order-1'), orderTrace('trace-2', 'order-2')));
    expect(report.broken.map((v) => [v.orderId, v.missing])).toEqual([['order-3', true]]);
    expect(report.missingSpans).toBe(4);
    expect(describeBrokenTraces(report)).toContain('order order-3, trace trace-3 (0 spans): not in Jaeger');
  });

  it('leaves a resent call and everything under it out of the shape, and counts it', () => {
    const orders = [1, 2, 3].map(order);
    const traces = orders.map((o) => orderTrace(o.traceId, o.orderId));
    const place = traces[0]!.spans[1]!;
    const resend = span('trace-1', place.spanId, 'orders', 'POST', { kind: 'client', attributes: { 'http.request.resend_count': 1 } });
    const served = span('trace-1', resend.spanId, 'inventory', 'POST /reservations', { kind: 'server' });
    traces[0]!.spans.push(resend, served, span('trace-1', served.spanId, 'inventory', 'stock.reserve', { attributes: { 'order.id': 'order-1' } }));
    const report = judgeTraces(orders, tracesOf(...traces));
    expect(integrityLine(report)).toBe('traces whole 3 of 3, spans in a foreign trace 0, spans missing 0 (calls resent: 1)');
  });

  it('leaves a payment requested again after a timeout, and what followed it, out of the shape, and counts it', () => {
    const orders = [1, 2, 3].map(order);
    const traces = orders.map((o) => orderTrace(o.traceId, o.orderId));
    const timeout = span('trace-2', traces[1]!.spans[1]!.spanId, 'orders', 'order.payment_timeout', { attributes: { 'order.id': 'order-2' } });
    const again = span('trace-2', timeout.spanId, 'orders', 'publish orders', { kind: 'producer', attributes: { 'messaging.system': 'rabbitmq', 'order.id': 'order-2' } });
    traces[1]!.spans.push(timeout, again, span('trace-2', again.spanId, 'payments', 'payment.charge', { attributes: { 'order.id': 'order-2', 'payment.duplicate': true } }));
    const report = judgeTraces(orders, tracesOf(...traces));
    expect(integrityLine(report)).toBe('traces whole 3 of 3, spans in a foreign trace 0, spans missing 0 (payments requested again: 1)');
  });

  it('still finds a foreign span under a payment requested again', () => {
    const orders = [1, 2, 3].map(order);
    const traces = orders.map((o) => orderTrace(o.traceId, o.orderId));
    const timeout = span('trace-2', traces[1]!.spans[1]!.spanId, 'orders', 'order.payment_timeout', { attributes: { 'order.id': 'order-2' } });
    traces[1]!.spans.push(timeout, span('trace-2', timeout.spanId, 'payments', 'payment.charge', { attributes: { 'order.id': 'order-1' } }));
    const report = judgeTraces(orders, tracesOf(...traces));
    expect(report.broken.map((v) => whyBroken(v))).toEqual(['naming another order: payments: payment.charge (order-1)']);
  });

  it('still finds a foreign span under a resent call', () => {
    const orders = [1, 2, 3].map(order);
    const traces = orders.map((o) => orderTrace(o.traceId, o.orderId));
    const resend = span('trace-1', traces[0]!.spans[1]!.spanId, 'orders', 'POST', { kind: 'client', attributes: { 'http.request.resend_count': 1 } });
    traces[0]!.spans.push(resend, span('trace-1', resend.spanId, 'inventory', 'stock.reserve', { attributes: { 'order.id': 'order-3' } }));
    const report = judgeTraces(orders, tracesOf(...traces));
    expect(report.broken.map((v) => whyBroken(v))).toEqual(['naming another order: inventory: stock.reserve (order-3)']);
  });

  it('judges each shape against its own kind of order', () => {
    const orders = [order(1), order(2), { ...order(3), shape: 'declined' }];
    const traces = orders.map((o) => orderTrace(o.traceId, o.orderId));
    traces[2]!.spans.pop();
    expect(judgeTraces(orders, tracesOf(...traces)).whole).toBe(3);
  });
});
