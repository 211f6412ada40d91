import { beforeAll, describe, expect, it } from 'vitest';
import {
  createShopClient,
  describeTrace,
  findSpan,
  findSpans,
  isDescendantOf,
  parentOf,
  rootsOf,
  servicesIn,
  stackEndpoints,
  TEST_CARDS,
  waitForTrace,
  type Trace,
} from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);

// Each service's last span of a paid order: the trace is read only once all four have exported.
const isComplete = (trace: Trace) =>
  ['gateway POST /api/orders', 'orders order.settle', 'payments payment.charge', 'inventory stock.commit'].every((wanted) =>
    trace.spans.some((span) => `${span.service} ${span.name}` === wanted),
  );

describe('one paid order is one complete trace', () => {
  let trace: Trace;
  let traceId: string;

  beforeAll(async () => {
    const placed = await shop.placeOrder([{ sku: 'MUG-SPAN', quantity: 1 }], TEST_CARDS.approved);
    expect(placed.status).toBe(202);
    traceId = placed.body.traceId;
    await shop.waitForStatus(placed.body.orderId, ['paid']);
    trace = await waitForTrace(endpoints.jaegerUrl, traceId, isComplete);
  });

  it('carries the trace id in the traceresponse and x-trace-id headers and the body', async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    const traceparent = placed.headers.get('traceresponse') ?? '';
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    expect(placed.headers.get('x-trace-id')).toBe(traceparent.split('-')[1]);
    expect(placed.body.traceId).toBe(traceparent.split('-')[1]);
  });

  it('has spans from all four services under a single root', () => {
    expect(servicesIn(trace)).toEqual(['gateway', 'inventory', 'orders', 'payments']);
    const roots = rootsOf(trace);
    expect(roots.map((span) => `${span.service} ${span.name}`), describeTrace(trace)).toEqual(['gateway POST /api/orders']);
  });

  it('follows the HTTP chain gateway → orders → inventory with client and server spans', () => {
    const gatewayServer = findSpan(trace, { service: 'gateway', name: 'POST /api/orders' });
    expect(gatewayServer.kind).toBe('server');
    const ordersServer = findSpan(trace, { service: 'orders', name: 'POST /orders' });
    expect(parentOf(trace, ordersServer)).toMatchObject({ service: 'gateway', kind: 'client' });
    expect(isDescendantOf(trace, ordersServer, gatewayServer)).toBe(true);
    const inventoryServer = findSpan(trace, { service: 'inventory', name: 'POST /reservations' });
    expect(parentOf(trace, inventoryServer)).toMatchObject({ service: 'orders', kind: 'client' });
    expect(isDescendantOf(trace, inventoryServer, ordersServer)).toBe(true);
    expect(gatewayServer.attributes['http.request.method']).toBe('POST');
    expect(gatewayServer.attributes['http.response.status_code']).toBe(202);
  });

  it('puts every SQL statement under the span that ran it', () => {
    const sql = findSpans(trace, { name: /^pg\.query/ });
    expect(sql.length).toBeGreaterThan(5);
    for (const span of sql) {
      expect(span.attributes['db.system.name'], span.name).toBe('postgresql');
      expect(span.attributes['db.query.text'], span.name).toEqual(expect.any(String));
      expect(parentOf(trace, span)?.service, span.name).toBe(span.service);
    }
    const reserve = findSpan(trace, { service: 'inventory', name: 'stock.reserve' });
    const decrement = findSpans(trace, { service: 'inventory', name: /^pg\.query/ }).find((span) =>
      String(span.attributes['db.query.text']).startsWith('UPDATE products SET stock = stock -'),
    );
    expect(decrement && isDescendantOf(trace, decrement, reserve), describeTrace(trace)).toBe(true);
  });

  it('crosses the queue twice: orders → payments and back, then on to inventory', () => {
    const place = findSpan(trace, { service: 'orders', name: 'order.place' });
    const placedPublish = findSpan(trace, { service: 'orders', name: 'publish tracebed.events', attributes: { 'messaging.rabbitmq.destination.routing_key': 'order.placed' } });
    expect(isDescendantOf(trace, placedPublish, place)).toBe(true);
    expect(placedPublish.kind).toBe('producer');
    expect(placedPublish.attributes['messaging.system']).toBe('rabbitmq');
    expect(placedPublish.attributes['messaging.destination.name']).toBe('tracebed.events');

    const paymentConsume = findSpan(trace, { service: 'payments', name: 'process payments.order.placed' });
    expect(paymentConsume.kind).toBe('consumer');
    expect(parentOf(trace, paymentConsume)?.spanId).toBe(placedPublish.spanId);
    const charge = findSpan(trace, { service: 'payments', name: 'payment.charge' });
    expect(parentOf(trace, charge)?.spanId).toBe(paymentConsume.spanId);
    expect(charge.attributes['payment.outcome']).toBe('succeeded');
    expect(charge.attributes['order.id']).toBe(place.attributes['order.id']);

    const outcomeConsume = findSpan(trace, { service: 'orders', name: 'process orders.payment.outcome' });
    expect(isDescendantOf(trace, outcomeConsume, charge)).toBe(true);
    const commit = findSpan(trace, { service: 'inventory', name: 'stock.commit' });
    expect(isDescendantOf(trace, commit, outcomeConsume)).toBe(true);
  });

  it('names business spans <noun>.<verb> and gives them the order attributes', () => {
    const place = findSpan(trace, { service: 'orders', name: 'order.place' });
    expect(place.attributes['order.id']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    expect(place.attributes['order.total_cents']).toBe(1200);
    findSpan(trace, { service: 'orders', name: 'order.settle', attributes: { 'payment.outcome': 'succeeded' } });
    expect(trace.spans.filter((span) => span.isError).map((span) => span.name)).toEqual([]);
  });

  it('stores the trace id with the order, so an order leads back to its trace', async () => {
    const place = findSpan(trace, { service: 'orders', name: 'order.place' });
    const { status, body } = await shop.getOrder(String(place.attributes['order.id']));
    expect(status).toBe(200);
    expect(body.traceId).toBe(traceId);
    expect(body.links.trace).toMatch(new RegExp(`/trace/${traceId}$`));
  });
});
