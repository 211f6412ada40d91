import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectToStack, createTestProduct, eventually, faultAdmin, findEvents, findSpan, findSpans, servicesIn, waitForTrace, type Trace } from '@tracebed/testkit';

// Orders as the stack runs it, with the defaults of its config: 3 attempts per idempotent call
// to inventory, a circuit that opens after 5 failed calls in a row and cools down for 500 ms.
const { endpoints, shop, databases, close } = connectToStack();
const inventoryAdmin = faultAdmin(endpoints.adminUrls.inventory);
const ordersAdmin = faultAdmin(endpoints.adminUrls.orders);
const hasSpan = (name: string) => (trace: Trace) => trace.spans.some((span) => span.name === name);
const eventsOn = (trace: Trace, name: string): Record<string, unknown>[] =>
  findEvents(trace, name).map(({ span, attributes }) => ({ on: `${span.service} ${span.name}`, ...attributes }));
let sku: string;

beforeAll(async () => {
  sku = await createTestProduct(databases, { stock: 50 });
});
afterEach(async () => {
  await inventoryAdmin.clear();
  await ordersAdmin.clear();
});
afterAll(close);

/** A plain order that succeeds: it closes the circuit if needed and leaves no failure counted. */
const placeUntilAccepted = (timeoutMs = 10_000) =>
  eventually(
    async () => {
      const placed = await shop.placeOrder([{ sku, quantity: 1 }]);
      return placed.status === 202 ? placed : undefined;
    },
    { timeoutMs, intervalMs: 250, description: 'an order to be accepted' },
  );

describe('retries from orders to inventory', () => {
  it('retries a reservation that met a short inventory outage, and the order gets paid', async () => {
    // Inventory fails every reservation for 2 s (an admin fault with a TTL). Caller-side latency
    // before each attempt puts the first attempt inside that outage and the retry after it.
    expect((await inventoryAdmin.set('inventory.reserve=error:503', 2)).status).toBe(200);
    const placed = await shop.placeOrderWithFaults('orders.inventory=latency:1300ms', [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(202);
    await shop.waitForStatus(placed.body.orderId, ['paid']);

    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, hasSpan('stock.commit'));
    const retries = eventsOn(trace, 'http.retry');
    expect(retries).toEqual([
      expect.objectContaining({ on: 'orders order.place', 'http.request.method': 'POST', 'http.request.resend_count': 1, 'retry.upstream': 'inventory', 'retry.reason': 'http_503' }),
    ]);
    expect(retries[0]!['retry.delay_ms']).toBeLessThanOrEqual(100);
    const reservations = findSpans(trace, { service: 'inventory', name: 'POST /reservations' }).sort((a, b) => a.startTimeUs - b.startTimeUs);
    expect(reservations.map((span) => span.attributes['http.response.status_code'])).toEqual([503, 201]);
    expect(eventsOn(trace, 'fault.injected').filter((fault) => fault['fault.kind'] === 'error')).toEqual([
      expect.objectContaining({ on: 'inventory stock.reserve', 'fault.source': 'admin' }),
    ]);
    expect(findSpan(trace, { service: 'orders', name: 'order.place' }).isError).toBe(false);
  });
});

describe('the circuit from orders to inventory', () => {
  it('opens when calls keep failing, fails later orders at once without asking inventory, and closes after the cool-down', async () => {
    await placeUntilAccepted();

    // Every call from orders to inventory fails on the caller's side, for everyone (an admin fault:
    // a request's own faults never count against a circuit). A failed order is two failed calls
    // (the reservation after its retries, then the compensating release), so the circuit opens
    // during the third.
    expect((await ordersAdmin.set('orders.inventory=error:503', 60)).status).toBe(200);
    const failed = [];
    for (let n = 0; n < 3; n++) failed.push(await shop.placeOrder([{ sku, quantity: 1 }]));
    expect(failed.map((response) => response.status)).toEqual([503, 503, 503]);
    await ordersAdmin.clear();

    const refused = await shop.placeOrder([{ sku, quantity: 1 }]);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('UPSTREAM_UNAVAILABLE');

    const recovered = await placeUntilAccepted();
    await shop.waitForStatus(recovered.body.orderId, ['paid']);

    const opening = await waitForTrace(endpoints.jaegerUrl, failed[2]!.body.error.traceId, hasSpan('order.place'));
    expect(eventsOn(opening, 'circuit.opened')).toEqual([
      expect.objectContaining({ on: 'orders order.place', 'circuit.name': 'inventory', 'circuit.state': 'open', 'circuit.consecutive_failures': 5 }),
    ]);
    expect(eventsOn(opening, 'http.retry')).toHaveLength(2);
    // The compensating release comes after the circuit opened: refused without being sent.
    expect(eventsOn(opening, 'circuit.rejected')).toEqual([expect.objectContaining({ on: 'orders order.place', 'circuit.name': 'inventory', 'circuit.state': 'open' })]);

    const refusal = await waitForTrace(endpoints.jaegerUrl, refused.body.error.traceId, hasSpan('order.place'));
    expect(eventsOn(refusal, 'circuit.rejected')[0]).toMatchObject({ on: 'orders order.place', 'circuit.name': 'inventory' });
    expect(servicesIn(refusal)).toEqual(['gateway', 'orders']);
    expect(findSpan(refusal, { service: 'orders', name: 'order.place' }).isError).toBe(true);

    const closing = await waitForTrace(endpoints.jaegerUrl, recovered.body.traceId, hasSpan('stock.reserve'));
    expect(eventsOn(closing, 'circuit.half_open').map((event) => event.on)).toEqual(['orders order.place']);
    expect(eventsOn(closing, 'circuit.closed')).toEqual([
      expect.objectContaining({ on: 'orders order.place', 'circuit.name': 'inventory', 'circuit.state': 'closed', 'circuit.previous_state': 'half_open' }),
    ]);
  });
});
