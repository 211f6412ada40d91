import type { Channel } from 'amqplib';
import { deadLetterQueueName, type Topology } from './topology';

/**
 * Declares everything idempotently. Every service declares the whole topology, so an
 * event published before its consumer ever started still has a queue to wait in.
 * Quorum queues count deliveries, which lets RabbitMQ dead-letter endless failures.
 */
export async function assertTopology(channel: Channel, topology: Topology): Promise<void> {
  await channel.assertExchange(topology.eventsExchange, 'topic', { durable: true });
  await channel.assertExchange(topology.deadLetterExchange, 'direct', { durable: true });
  for (const queue of topology.queues) {
    const dlq = deadLetterQueueName(queue.name);
    await channel.assertQueue(dlq, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(dlq, topology.deadLetterExchange, queue.name);
    await channel.assertQueue(queue.name, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': queue.deliveryLimit,
        'x-dead-letter-exchange': topology.deadLetterExchange,
        'x-dead-letter-routing-key': queue.name,
      },
    });
    for (const routingKey of queue.bindings) {
      await channel.bindQueue(queue.name, topology.eventsExchange, routingKey);
    }
  }
}
