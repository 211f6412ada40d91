import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { amqpUrlAs, eventually } from '@tracebed/testkit';
import { createBroker, type Broker } from '../src';
import type { DeliveryLedger } from '../src/amqp/delivery-ledger';

// Publishing as orders, with orders' own user and rights, to the real broker.
const amqpHost = `127.0.0.1:${process.env.AMQP_PORT ?? 5672}`;
const unusedLedger: DeliveryLedger = {
  record: () => Promise.reject(new Error('not consuming')),
  noteFailure: async () => undefined,
  forget: async () => undefined,
};
const brokers: Broker[] = [];
afterAll(async () => {
  await Promise.all(brokers.map((broker) => broker.close()));
});

async function connectedAsOrders(): Promise<Broker> {
  const broker = createBroker({
    url: amqpUrlAs('orders', amqpHost),
    service: 'orders',
    topology: { eventsExchange: 'tracebed.events', deadLetterExchange: 'tracebed.dead-letters', queues: [] },
    ledger: unusedLedger,
    logger: pino({ level: 'silent' }),
  });
  brokers.push(broker);
  broker.start();
  await eventually(async () => (broker.isConnected() ? true : undefined), { timeoutMs: 10_000, description: 'the broker client to connect' });
  return broker;
}

describe('publishing an event', () => {
  it('fails, so the publisher tries again later, when no queue takes it yet', async () => {
    const broker = await connectedAsOrders();
    await expect(broker.publish('order.nobody-listens', {}, { messageId: `unroutable-${Date.now()}` })).rejects.toThrow('no queue takes order.nobody-listens yet');
    // The channel stays usable: the next publish is answered too.
    await expect(broker.publish('order.nobody-listens', {}, { messageId: `unroutable-${Date.now()}-2` })).rejects.toThrow('no queue takes');
  });
});
