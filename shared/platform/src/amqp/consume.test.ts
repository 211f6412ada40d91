import type { Channel, ConsumeMessage } from 'amqplib';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startConsumer, type ConsumeContext } from './consume';
import type { DeliveryLedger } from './delivery-ledger';
import type { DeliveryKey } from './delivery-attempts';

/** An in-memory ledger: what PostgreSQL keeps for the service, including across its crashes. */
function memoryLedger(seed: Record<string, { deliveries: number; lastFailure?: string }> = {}) {
  const rows = new Map(Object.entries(seed));
  const id = (key: DeliveryKey) => key.messageId;
  const ledger: DeliveryLedger = {
    async record(key) {
      const row = rows.get(id(key)) ?? { deliveries: 0 };
      rows.set(id(key), { ...row, deliveries: row.deliveries + 1 });
      return { attempt: row.deliveries + 1, lastFailure: row.lastFailure };
    },
    async noteFailure(key, failure) {
      const row = rows.get(id(key));
      if (row) rows.set(id(key), { ...row, lastFailure: failure });
    },
    async forget(key) {
      rows.delete(id(key));
    },
  };
  return { ledger, rows };
}

/** Runs one delivery through a consumer and reports how it was settled. */
async function deliver(options: { ledger: DeliveryLedger; handle: () => Promise<void>; deadLetterFails?: boolean }) {
  const settled: string[] = [];
  const deadLetters: { queue: string; reason: string }[] = [];
  let onMessage: ((message: ConsumeMessage | null) => void) | undefined;
  const channel = {
    consume: async (_queue: string, callback: (message: ConsumeMessage | null) => void) => {
      onMessage = callback;
    },
    ack: () => settled.push('ack'),
    nack: (_message: unknown, _allUpTo: boolean, requeue: boolean) => settled.push(requeue ? 'requeue' : 'reject'),
  } as unknown as Channel;
  const inFlight = new Set<Promise<void>>();
  const context: ConsumeContext = {
    channel,
    logger: pino({ level: 'silent' }),
    inFlight,
    ledger: options.ledger,
    deadLetter: async (queue, _message, reason) => {
      if (options.deadLetterFails) throw new Error('channel closed');
      deadLetters.push({ queue, reason });
    },
  };
  let handled = 0;
  const handle = async () => {
    handled++;
    await options.handle();
  };
  await startConsumer(context, { queue: 'payments.order.placed', deliveryLimit: 5, handle });
  const message = { content: Buffer.from('{"orderId":"o-1"}'), fields: { routingKey: 'order.placed' }, properties: { messageId: 'm-1', headers: {} } };
  onMessage?.(message as unknown as ConsumeMessage);
  await Promise.all([...inFlight]);
  return { settled, deadLetters, handled };
}

describe('a consumer counting its own deliveries', () => {
  it('acks a handled message and forgets its count', async () => {
    const { ledger, rows } = memoryLedger();
    const result = await deliver({ ledger, handle: async () => undefined });
    expect(result).toEqual({ settled: ['ack'], deadLetters: [], handled: 1 });
    expect(rows.size).toBe(0);
  });

  it('records what the handler threw and sends the message back to the queue', async () => {
    const { ledger, rows } = memoryLedger();
    const result = await deliver({ ledger, handle: async () => Promise.reject(new Error('card provider said no')) });
    expect(result.settled).toEqual(['requeue']);
    expect(rows.get('m-1')).toEqual({ deliveries: 1, lastFailure: 'card provider said no' });
  });

  it('dead-letters, unhandled, a message that killed its consumer on each of its 5 deliveries, saying so', async () => {
    const { ledger, rows } = memoryLedger({ 'm-1': { deliveries: 5 } });
    const result = await deliver({ ledger, handle: async () => undefined });
    expect(result.handled).toBe(0);
    expect(result.settled).toEqual(['ack']);
    expect(result.deadLetters).toEqual([{ queue: 'payments.order.placed', reason: expect.stringMatching(/^not handled after 5 deliveries; last failure: the consumer stopped while handling it/) }]);
    expect(rows.size).toBe(0);
  });

  it('names the last failure in the reason when the handler threw each time', async () => {
    const { ledger } = memoryLedger({ 'm-1': { deliveries: 5, lastFailure: 'card provider said no' } });
    const result = await deliver({ ledger, handle: async () => undefined });
    expect(result.deadLetters[0]?.reason).toBe('not handled after 5 deliveries; last failure: card provider said no');
  });

  it('sends the message back instead of acking it when the dead letter cannot be sent', async () => {
    const { ledger, rows } = memoryLedger({ 'm-1': { deliveries: 5 } });
    const result = await deliver({ ledger, handle: async () => undefined, deadLetterFails: true });
    expect(result).toEqual({ settled: ['requeue'], deadLetters: [], handled: 0 });
    expect(rows.get('m-1')?.deliveries).toBe(6);
  }, 10_000);

  it('sends the message back, uncounted and unhandled, when the count cannot be kept', async () => {
    const { ledger } = memoryLedger();
    const broken: DeliveryLedger = { ...ledger, record: () => Promise.reject(new Error('relation "message_deliveries" does not exist')) };
    const result = await deliver({ ledger: broken, handle: async () => undefined });
    expect(result).toEqual({ settled: ['requeue'], deadLetters: [], handled: 0 });
  });
});
