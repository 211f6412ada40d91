import { describe, expect, it } from 'vitest';
import { deliveryKeyOf, exhaustedReason, isOverDeliveryLimit } from './delivery-attempts';

describe('deliveryKeyOf', () => {
  it('uses the message id the publisher gave', () => {
    expect(deliveryKeyOf('payments.order.placed', 'order-placed-1', 'order.placed', Buffer.from('{}'))).toEqual({ queue: 'payments.order.placed', messageId: 'order-placed-1' });
  });

  it('gives the same key to the same bytes without a message id, and different keys to different bytes', () => {
    const first = deliveryKeyOf('q', undefined, 'order.placed', Buffer.from('{ not json'));
    expect(deliveryKeyOf('q', undefined, 'order.placed', Buffer.from('{ not json'))).toEqual(first);
    expect(deliveryKeyOf('q', undefined, 'order.placed', Buffer.from('{ not json!'))).not.toEqual(first);
    expect(deliveryKeyOf('q', undefined, 'order.paid', Buffer.from('{ not json'))).not.toEqual(first);
    expect(first.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('does not trust an empty, oversized or non-string message id', () => {
    for (const id of ['', 'x'.repeat(257), 42, null]) {
      expect(deliveryKeyOf('q', id, 'k', Buffer.from('body')).messageId).toMatch(/^sha256:/);
    }
  });
});

describe('isOverDeliveryLimit', () => {
  it('lets a message be handled limit times and stops the delivery after', () => {
    const handled = [1, 2, 3, 4, 5, 6, 7].filter((attempt) => !isOverDeliveryLimit(attempt, 5));
    expect(handled).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('exhaustedReason', () => {
  it('names the last failure when a handler threw', () => {
    expect(exhaustedReason(5, 'card provider said no')).toBe('not handled after 5 deliveries; last failure: card provider said no');
  });

  it('says the consumer stopped when no failure was recorded (it died mid-handling)', () => {
    expect(exhaustedReason(5, undefined)).toMatch(/^not handled after 5 deliveries; last failure: the consumer stopped while handling it/);
  });
});
