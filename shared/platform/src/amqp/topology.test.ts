import { describe, expect, it } from 'vitest';
import { ownedQueues, type Topology } from './topology';

const topology: Topology = {
  eventsExchange: 'events',
  deadLetterExchange: 'dead-letters',
  queues: [
    { name: 'payments.order.placed', bindings: ['order.placed'], deliveryLimit: 5 },
    { name: 'orders.payment.outcome', bindings: ['payment.succeeded'], deliveryLimit: 5 },
    { name: 'paymentsx.other', bindings: ['x'], deliveryLimit: 5 },
  ],
};

describe('ownedQueues', () => {
  it('gives a service the queues named after it, and no other', () => {
    expect(ownedQueues(topology, 'payments').map((queue) => queue.name)).toEqual(['payments.order.placed']);
    expect(ownedQueues(topology, 'inventory')).toEqual([]);
  });
});
