import { createHash } from 'node:crypto';

/** What identifies one message across its deliveries, in one queue. */
export interface DeliveryKey {
  queue: string;
  messageId: string;
}

/**
 * The publisher's message id, or, when it gave none (a hostile or hand-made message), a digest
 * of the routing key and body: every redelivery of those bytes counts against the same key.
 */
export function deliveryKeyOf(queue: string, messageId: unknown, routingKey: string, content: Buffer): DeliveryKey {
  if (typeof messageId === 'string' && messageId.length > 0 && messageId.length <= 256) return { queue, messageId };
  const digest = createHash('sha256').update(routingKey).update('\0').update(content).digest('hex');
  return { queue, messageId: `sha256:${digest}` };
}

/**
 * True when a delivery must not be handled again: `attempt` is this delivery's number (1 for the
 * first), so a queue with limit 5 handles a message at most 5 times and dead-letters the 6th.
 */
export function isOverDeliveryLimit(attempt: number, deliveryLimit: number): boolean {
  return attempt > deliveryLimit;
}

/** The reason a dead letter carries when its deliveries ran out. */
export function exhaustedReason(handledTimes: number, lastFailure: string | undefined): string {
  const failure = lastFailure ?? 'the consumer stopped while handling it (process exit or lost connection)';
  return `not handled after ${handledTimes} deliveries; last failure: ${failure}`;
}
