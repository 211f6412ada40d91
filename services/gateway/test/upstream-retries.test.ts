import { describe, expect, it } from 'vitest';
import { createShopClient, findEvents, stackEndpoints, waitForTrace, type Trace } from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const CALL_FAILS = { 'x-fault': 'gateway.orders=error:503' };
const faultsAt = (trace: Trace, point: string) => findEvents(trace, 'fault.injected').filter(({ attributes }) => attributes['fault.point'] === point);
const hasFault = (trace: Trace) => faultsAt(trace, 'gateway.orders').length > 0;

describe('retries from the gateway to orders', () => {
  it('reads an order again when the call fails, up to three attempts', async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    expect(placed.status).toBe(202);

    const read = await shop.call('GET', `/api/orders/${placed.body.orderId}`, undefined, CALL_FAILS);
    expect(read.status).toBe(503);
    const trace = await waitForTrace(endpoints.jaegerUrl, read.body.error.traceId, hasFault);
    expect(faultsAt(trace, 'gateway.orders')).toHaveLength(3);
    const retries = findEvents(trace, 'http.retry').map(({ span, attributes }) => [span.service, attributes['http.request.method'], attributes['http.request.resend_count'], attributes['retry.reason']]);
    expect(retries).toEqual([
      ['gateway', 'GET', 1, 'fault_injected'],
      ['gateway', 'GET', 2, 'fault_injected'],
    ]);
  });

  it('marks each call sent again with http.request.resend_count on its client span', async () => {
    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    expect(placed.status).toBe(202);

    // The call reaches orders every time, and orders fails it: the gateway sends it again.
    const read = await shop.call('GET', `/api/orders/${placed.body.orderId}`, undefined, { 'x-fault': 'orders.db=db-error' });
    expect(read.status).toBe(503);
    const trace = await waitForTrace(endpoints.jaegerUrl, read.body.error.traceId, (t) => t.spans.filter((span) => span.service === 'orders' && span.kind === 'server').length === 3);
    const calls = trace.spans.filter((span) => span.service === 'gateway' && span.kind === 'client').sort((a, b) => a.startTimeUs - b.startTimeUs);
    expect(calls.map((span) => span.attributes['http.request.resend_count'])).toEqual([undefined, 1, 2]);
  });

  it('never places an order twice: a failed POST is not sent again', async () => {
    const placed = await shop.placeOrderWithFaults('gateway.orders=error:503');
    expect(placed.status).toBe(503);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.error.traceId, hasFault);
    expect(faultsAt(trace, 'gateway.orders')).toHaveLength(1);
    expect(findEvents(trace, 'http.retry')).toEqual([]);
    expect(trace.spans.filter((span) => span.service === 'orders')).toEqual([]);
  });
});
