import { afterEach, describe, expect, it } from 'vitest';
import { createShopClient, eventually, faultAdmin, findEvents, stackEndpoints, waitForTrace } from '@tracebed/testkit';

const endpoints = stackEndpoints();
const shop = createShopClient(endpoints.gatewayUrl);
const admin = faultAdmin(endpoints.adminUrls.inventory);

afterEach(async () => {
  await admin.clear();
});

describe('the fault admin API', () => {
  it('refuses a wrong or missing token with 401 and changes nothing', async () => {
    const wrong = await admin.call('PUT', { faults: 'inventory.reserve=error' }, 'Bearer not-the-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHORIZED');
    const missing = await admin.call('GET', undefined, '');
    expect(missing.status).toBe(401);
    expect((await admin.list()).body.rules).toEqual([]);
  });

  it('sets a rule that applies to every request, marked as an admin fault, until it is deleted', async () => {
    const set = await admin.set('inventory.reserve=latency:250ms', 60);
    expect(set.status).toBe(200);
    expect(set.body.rules).toEqual([expect.objectContaining({ rule: 'inventory.reserve=latency:250ms', source: 'admin', expiresAt: expect.any(String) })]);

    const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    expect(placed.status).toBe(202);
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.body.traceId, (t) => t.spans.some((span) => span.name === 'stock.reserve'));
    expect(findEvents(trace, 'fault.injected').map(({ span, attributes }) => [span.name, attributes['fault.source'], attributes['fault.kind']])).toEqual([
      ['stock.reserve', 'admin', 'latency'],
    ]);

    expect((await admin.clear()).status).toBe(204);
    const after = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }]);
    const cleanTrace = await waitForTrace(endpoints.jaegerUrl, after.body.traceId, (t) => t.spans.some((span) => span.name === 'stock.reserve'));
    expect(findEvents(cleanTrace, 'fault.injected')).toEqual([]);
  });

  it('forgets a rule when its TTL runs out', async () => {
    await admin.set('inventory.reserve=latency:10ms', 1);
    expect((await admin.list()).body.rules).toHaveLength(1);
    await eventually(async () => ((await admin.list()).body.rules.length === 0 ? true : undefined), { timeoutMs: 5_000, description: 'the rule to expire' });
  });

  it.each([
    ['an unknown kind', { faults: 'inventory.reserve=melt' }, /unknown kind 'melt'/],
    ['an unknown target', { faults: 'inventory.restock=error' }, /unknown target/],
    ['a probability out of range', { faults: 'inventory.reserve=error@-1' }, /not target=kind|probability/],
    ['a huge latency', { faults: 'inventory.reserve=latency:1h' }, /not a duration|longer than/],
    ["another service's fault point", { faults: 'payments.charge=error' }, /not a fault point of inventory/],
    ['a TTL over an hour', { faults: 'inventory.reserve=error', ttlSeconds: 7_200 }, /ttlSeconds/],
  ])('answers 400 to %s', async (_case, body, message) => {
    const response = await admin.call('PUT', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(response.body.error)).toMatch(message);
    expect((await admin.list()).body.rules).toEqual([]);
  });
});
