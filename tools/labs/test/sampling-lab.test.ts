import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '@tracebed/testkit';
import { check, endpoints, open, shop } from './lab-harness';

/** Places an order as a client that starts the trace itself, with the sampled flag on or off. */
async function orderWithTraceparent(sampled: boolean): Promise<{ orderId: string; traceId: string }> {
  const traceId = randomBytes(16).toString('hex');
  const placed = await shop.placeOrder([{ sku: 'STICKERS', quantity: 1 }], TEST_CARDS.approved, { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-${sampled ? '01' : '00'}` });
  expect(placed.status).toBe(202);
  expect(placed.body.traceId).toBe(traceId);
  await shop.waitForStatus(placed.body.orderId, ['paid']);
  return { orderId: placed.body.orderId, traceId };
}

describe('lab 7: sampling, and who decides', () => {
  it('passes with an unsampled order that left no span and a sampled one that continues the caller', async () => {
    const [unsampled, sampled] = await Promise.all([orderWithTraceparent(false), orderWithTraceparent(true)]);
    // The check waits for an unsampled order to be old enough that missing spans mean something.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(await fetch(new URL(`/api/traces/${unsampled.traceId}`, endpoints.jaegerUrl)).then((r) => r.status)).toBe(404);

    expect(open(await check(7, { unsampled: unsampled.orderId, spans: '0', sampled: sampled.orderId }))).toEqual([]);
    expect(open(await check(7, { unsampled: sampled.orderId, spans: '0', sampled: unsampled.orderId }))).toEqual([
      expect.stringMatching(/^Jaeger has \d+ spans of trace [0-9a-f]{32}: this order was sampled$/),
      expect.stringMatching(/^How many spans did the shop record for it\? 0 is not it\.$/),
      `Jaeger has no span of order ${unsampled.orderId}'s trace: it was not sampled`,
    ]);
  }, 60_000);
});
