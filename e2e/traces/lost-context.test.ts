import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  connectToStack,
  createTestProduct,
  describeTrace,
  eventually,
  faultAdmin,
  fetchTrace,
  findSpan,
  findSpans,
  isDescendantOf,
  rootsOf,
  waitForTrace,
  type Trace,
} from '@tracebed/testkit';

// orders.inventory=lose-context: orders sends POST /reservations without traceparent, tracestate
// or baggage. Its client span stays in the order's trace; inventory starts a trace of its own.
const { endpoints, shop, databases, close } = connectToStack();
const ordersAdmin = faultAdmin(endpoints.adminUrls.orders);
const isSettled = (trace: Trace) => trace.spans.some((span) => span.name === 'stock.commit');
let sku: string;

beforeAll(async () => {
  sku = await createTestProduct(databases, { stock: 20 });
});
afterEach(async () => {
  await ordersAdmin.clear();
});
afterAll(close);

/** The trace of inventory's reservation for `orderId`, found by the order.id on stock.reserve. */
async function reservationTraceOf(orderId: string, sinceMs: number): Promise<Trace> {
  const url = new URL('/api/traces', endpoints.jaegerUrl);
  url.searchParams.set('service', 'inventory');
  url.searchParams.set('tags', JSON.stringify({ 'order.id': orderId }));
  url.searchParams.set('start', String((sinceMs - 1_000) * 1_000));
  url.searchParams.set('end', String((Date.now() + 60_000) * 1_000));
  url.searchParams.set('limit', '20');
  return eventually(
    async () => {
      const found = (await (await fetch(url)).json()) as { data?: { traceID: string }[] | null };
      for (const { traceID } of found.data ?? []) {
        const trace = await fetchTrace(endpoints.jaegerUrl, traceID);
        if (trace?.spans.some((span) => span.name === 'stock.reserve' && span.attributes['order.id'] === orderId)) return trace;
      }
      return undefined;
    },
    { timeoutMs: 15_000, intervalMs: 250, description: `a trace of inventory holding stock.reserve for order ${orderId}` },
  );
}

// A per-request fault that only inventory acts on: it reaches inventory only in the call's baggage.
const BAGGAGE_PROBE = 'inventory.reserve=latency:5ms';
const probedAt = (trace: Trace) => findSpan(trace, { name: 'stock.reserve' }).events.filter((event) => event.name === 'fault.injected').length;

async function paidOrder(): Promise<{ orderId: string; trace: Trace }> {
  const placed = await shop.placeOrder([{ sku, quantity: 1 }], undefined, { 'x-fault': BAGGAGE_PROBE });
  expect(placed.status).toBe(202);
  await shop.waitForStatus(placed.body.orderId, ['paid']);
  return { orderId: placed.body.orderId, trace: await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, isSettled) };
}

describe('a call from orders to inventory that loses its trace context', () => {
  it("leaves the reservation out of the order's trace, and inventory's POST /reservations roots a trace of its own", async () => {
    expect((await ordersAdmin.set('orders.inventory=lose-context', 60)).status).toBe(200);
    const startedAt = Date.now();
    const { orderId, trace } = await paidOrder();

    // The order still works, and orders' side of the call is where it was, marked with the fault.
    const call = findSpan(trace, { service: 'orders', attributes: { 'span.kind': 'client', 'url.path': '/reservations' } });
    expect(call.attributes).toMatchObject({ 'fault.kind': 'lose-context', 'fault.point': 'orders.inventory', 'fault.source': 'admin' });
    expect(trace.spans.filter((span) => span.parentId === call.spanId), describeTrace(trace)).toEqual([]);
    expect(findSpans(trace, { service: 'inventory', name: 'POST /reservations' })).toEqual([]);
    expect(findSpans(trace, { service: 'inventory', name: 'stock.reserve' })).toEqual([]);
    // What inventory does after the queue still joins the order's trace: messages carry their own context.
    findSpan(trace, { service: 'inventory', name: 'stock.commit' });

    const reservation = await reservationTraceOf(orderId, startedAt);
    expect(reservation.traceId).not.toBe(trace.traceId);
    const [root, ...others] = rootsOf(reservation);
    expect(others).toEqual([]);
    expect(root).toMatchObject({ service: 'inventory', name: 'POST /reservations', kind: 'server', parentId: undefined });
    expect(isDescendantOf(reservation, findSpan(reservation, { name: 'stock.reserve' }), root!), describeTrace(reservation)).toBe(true);
    // The baggage stayed behind with the trace context: inventory never saw the order's own fault.
    expect(probedAt(reservation)).toBe(0);
  });

  it('is whole again once the fault is cleared', async () => {
    expect((await ordersAdmin.set('orders.inventory=lose-context', 60)).status).toBe(200);
    await ordersAdmin.clear();
    const { trace } = await paidOrder();
    const call = findSpan(trace, { service: 'orders', attributes: { 'span.kind': 'client', 'url.path': '/reservations' } });
    expect(call.attributes['fault.kind']).toBeUndefined();
    const served = findSpan(trace, { service: 'inventory', name: 'POST /reservations' });
    expect(served.parentId).toBe(call.spanId);
    expect(probedAt(trace)).toBe(1);
    expect(rootsOf(trace).map((span) => `${span.service} ${span.name}`)).toEqual(['gateway POST /api/orders']);
  });
});
