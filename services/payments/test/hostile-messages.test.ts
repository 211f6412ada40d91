import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToStack, type BrokerConnection } from '@tracebed/testkit';
import { brokenOrderPlaced, isCompleteOrderPlaced, messagePayload } from './hostile-message-arbitraries';

const { endpoints, databases, connectBroker, close } = connectToStack();
const DEAD_LETTERS = 'payments.order.placed.dlq';

// FUZZ_SEED=<integer> replays a run (fast-check prints the seed of a failing one);
// TRACEBED_LONG=1 runs 2,000 cases instead of 150.
const LONG = process.env.TRACEBED_LONG === '1';
const TIMEOUT_MS = LONG ? 1_800_000 : 60_000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
if (SEED !== undefined && !Number.isInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, got '${process.env.FUZZ_SEED}'`);
const RUNS: fc.Parameters<unknown> = { numRuns: LONG ? 2_000 : 150, ...(SEED === undefined ? {} : { seed: SEED }) };

describe('hostile payment requests on the queue', () => {
  let broker: BrokerConnection;

  beforeAll(async () => {
    broker = await connectBroker();
  });
  afterAll(close);

  it('dead-letters any malformed order.placed with its reason, charges nothing and keeps payments ready', { timeout: TIMEOUT_MS }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(messagePayload, brokenOrderPlaced), async ({ payload, orderId }) => {
        fc.pre(!isCompleteOrderPlaced(payload));
        const messageId = randomUUID();
        await broker.publishRaw('order.placed', payload, messageId);
        const deadLetter = await broker.takeDeadLetter(DEAD_LETTERS, messageId, 10_000);
        expect(deadLetter.content).toBe(payload.toString('utf8'));
        expect(deadLetter.headers['x-tracebed-queue']).toBe('payments.order.placed');
        expect(String(deadLetter.headers['x-tracebed-reason'])).toMatch(/^(message body is not valid JSON|breaks the OrderPlaced contract: .+)$/);
        expect((await fetch(new URL('/readyz', endpoints.paymentsUrl))).status).toBe(200);
        if (orderId) expect(await databases.query('payments', 'SELECT id FROM payments WHERE order_id = $1', [orderId])).toEqual([]);
      }),
      RUNS,
    );
  });
});
