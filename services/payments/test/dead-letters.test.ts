import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS, QUEUES } from '@tracebed/contracts';
import { connectToStack, type BrokerConnection } from '@tracebed/testkit';

const { databases, connectBroker, close } = connectToStack();
const dlq = `${QUEUES.paymentsOrderPlaced}.dlq`;

describe('a payment request that can never be processed', () => {
  let broker: BrokerConnection;
  beforeAll(async () => {
    broker = await connectBroker();
  });
  afterAll(close);

  it('goes to the dead-letter queue with the reason when it is not JSON', async () => {
    const messageId = randomUUID();
    await broker.publishRaw(EVENTS.orderPlaced, '{ this is not json', messageId);
    const deadLetter = await broker.takeDeadLetter(dlq, messageId);
    expect(deadLetter.content).toBe('{ this is not json');
    expect(deadLetter.headers['x-tracebed-reason']).toBe('message body is not valid JSON');
    expect(deadLetter.headers['x-tracebed-queue']).toBe(QUEUES.paymentsOrderPlaced);
  });

  it('goes to the dead-letter queue, charging nothing, when it breaks the contract', async () => {
    const messageId = randomUUID();
    const orderId = randomUUID();
    await broker.publishRaw(EVENTS.orderPlaced, JSON.stringify({ orderId, amountCents: -5, currency: 'EUR', cardLast4: '4242', placedAt: new Date().toISOString() }), messageId);
    const deadLetter = await broker.takeDeadLetter(dlq, messageId);
    expect(String(deadLetter.headers['x-tracebed-reason'])).toMatch(/^breaks the OrderPlaced contract: amountCents: /);
    expect(await databases.query('payments', 'SELECT id FROM payments WHERE order_id = $1', [orderId])).toEqual([]);
  });
});
