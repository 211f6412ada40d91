import { afterAll, describe, expect, it } from 'vitest';
import { connectToStack, createTestProduct, findEvents, findSpan, findSpans, isDescendantOf, waitForTrace, type Trace } from '@tracebed/testkit';

const { endpoints, shop, databases, close } = connectToStack();
const faultsIn = (trace: Trace) => findEvents(trace, 'fault.injected');
const hasSpan = (name: string) => (trace: Trace) => trace.spans.some((span) => span.name === name);

afterAll(close);

describe('a fault in one request', () => {
  it('marks only that request: a concurrent order without X-Fault is untouched', async () => {
    const [faulty, clean] = await Promise.all([shop.placeOrderWithFaults('inventory.reserve=error:500'), shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }])]);
    expect(faulty.status).toBe(503);
    expect(clean.status).toBe(202);
    await shop.waitForStatus(clean.body.orderId, ['paid']);

    const faultyTrace = await waitForTrace(endpoints.jaegerUrl, faulty.body.error.traceId, hasSpan('stock.reserve'));
    const [injected] = faultsIn(faultyTrace);
    expect(injected?.span).toMatchObject({ service: 'inventory', name: 'stock.reserve', isError: true });
    expect(injected?.attributes).toMatchObject({ 'fault.kind': 'error', 'fault.point': 'inventory.reserve', 'fault.source': 'request', 'fault.status_code': 500 });

    const cleanTrace = await waitForTrace(endpoints.jaegerUrl, clean.body.traceId, hasSpan('stock.commit'));
    expect(faultsIn(cleanTrace)).toEqual([]);
    expect(cleanTrace.spans.filter((span) => span.isError)).toEqual([]);
  });

  it('never fires with probability 0 and leaves no mark', async () => {
    const placed = await shop.placeOrderWithFaults('orders.place=error@0');
    expect(placed.status).toBe(202);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, hasSpan('order.place'));
    expect(faultsIn(trace)).toEqual([]);
  });
});

describe('faults at operations and calls', () => {
  it('latency slows the operation it targets, and the order still gets paid', async () => {
    const placed = await shop.placeOrderWithFaults('orders.place=latency:300ms');
    expect(placed.status).toBe(202);
    await shop.waitForStatus(placed.body.orderId, ['paid']);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, hasSpan('stock.commit'));
    const place = findSpan(trace, { service: 'orders', name: 'order.place' });
    expect(place.durationUs).toBeGreaterThanOrEqual(300_000);
    expect(faultsIn(trace).map(({ span, attributes }) => [span.name, attributes['fault.kind'], attributes['fault.delay_ms']])).toEqual([['order.place', 'latency', 300]]);
  });

  it('error on a call fails it from the caller side, and nothing is reserved or written', async () => {
    const sku = await createTestProduct(databases, { stock: 5 });
    const placed = await shop.placeOrderWithFaults('orders.inventory=error:502', [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(503);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.error.traceId, hasSpan('order.place'));
    const place = findSpan(trace, { service: 'orders', name: 'order.place' });
    expect(place.isError).toBe(true);
    expect(faultsIn(trace)[0]?.attributes).toMatchObject({ 'fault.point': 'orders.inventory', 'fault.kind': 'error' });
    expect(findSpans(trace, { service: 'inventory', name: 'POST /reservations' })).toEqual([]);
    expect((await databases.query('inventory', 'SELECT stock FROM products WHERE sku = $1', [sku]))[0].stock).toBe(5);
  });

  it('timeout hangs the operation past the caller, who answers 503 without waiting for it', async () => {
    const sku = await createTestProduct(databases, { stock: 5 });
    const started = Date.now();
    const placed = await shop.placeOrderWithFaults('inventory.reserve=timeout', [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.error.traceId, hasSpan('order.place'));
    const call = findSpans(trace, { service: 'orders', name: 'POST' }).find((span) => String(span.attributes['url.full']).includes('/reservations'));
    expect(call?.isError).toBe(true);
    expect(findSpan(trace, { service: 'orders', name: 'order.place' }).isError).toBe(true);
    expect(await databases.query('orders', 'SELECT id FROM orders WHERE trace_id = $1', [placed.body.error.traceId])).toEqual([]);
  });

  it('slow-query puts a pg_sleep statement of that length under the operation', async () => {
    const placed = await shop.placeOrderWithFaults('inventory.db=slow-query:200ms');
    expect(placed.status).toBe(202);
    await shop.waitForStatus(placed.body.orderId, ['paid']);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, hasSpan('stock.commit'));
    const reserve = findSpan(trace, { service: 'inventory', name: 'stock.reserve' });
    const sleeps = findSpans(trace, { service: 'inventory' }).filter((span) => String(span.attributes['db.query.text']).includes('pg_sleep'));
    expect(sleeps.length).toBeGreaterThan(0);
    for (const sleep of sleeps) expect(sleep.durationUs).toBeGreaterThanOrEqual(200_000);
    expect(sleeps.some((sleep) => isDescendantOf(trace, sleep, reserve))).toBe(true);
    expect(faultsIn(trace).every(({ attributes }) => attributes['fault.kind'] === 'slow-query')).toBe(true);
  });

  it('db-error fails the statement like a lost connection: 503, and nothing reserved', async () => {
    const sku = await createTestProduct(databases, { stock: 5 });
    const placed = await shop.placeOrderWithFaults('inventory.db=db-error', [{ sku, quantity: 1 }]);
    expect(placed.status).toBe(503);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.error.traceId, hasSpan('stock.reserve'));
    expect(findSpan(trace, { service: 'inventory', name: 'stock.reserve' }).isError).toBe(true);
    expect(faultsIn(trace)[0]?.attributes).toMatchObject({ 'fault.kind': 'db-error', 'fault.point': 'inventory.db' });
    expect((await databases.query('inventory', 'SELECT stock FROM products WHERE sku = $1', [sku]))[0].stock).toBe(5);
  });
});

describe('a malformed X-Fault header', () => {
  it.each([
    ['unknown kind', 'payments.charge=explode', /unknown kind 'explode'/],
    ['unknown target', 'billing.charge=error', /unknown target 'billing.charge'/],
    ['probability out of range', 'payments.charge=error@2', /probability must be between 0 and 1/],
    ['huge latency', 'orders.place=latency:10m', /not a duration|longer than/],
    ['a kind impossible there', 'payments.db=drop', /drop cannot happen at payments.db/],
    ['a crash, which only the admin API may set', 'payments.charge=crash', /admin API only/],
    ['no kind at all', 'payments.charge', /is not target=kind/],
  ])('is refused with 400 when it has %s', async (_case, header, message) => {
    const response = await shop.placeOrderWithFaults(header);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toMatch(message);
    expect(response.body.error.details[0].path).toBe('X-Fault');
  });
});
