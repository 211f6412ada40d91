import type { Channel } from 'amqplib';
import { deadLetterQueueName, ownedQueues, type Topology } from './topology';

/**
 * Declares, idempotently, the two shared exchanges and the queues this service consumes from
 * (queues are named `<consumer>.<event>`), with their dead-letter queues and bindings. A service
 * declares nothing it does not own, which its broker user's rights also enforce
 * (infra/rabbitmq/provision.sh). An event published before its consumer's queue exists comes
 * back to the publisher as unroutable, and the publisher tries again later.
 * Quorum queues also count deliveries: the broker's delivery limit backs up our own count.
 */
export async function assertTopology(channel: Channel, topology: Topology, service: string): Promise<void> {
  await channel.assertExchange(topology.eventsExchange, 'topic', { durable: true });
  await channel.assertExchange(topology.deadLetterExchange, 'direct', { durable: true });
  for (const queue of ownedQueues(topology, service)) {
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
