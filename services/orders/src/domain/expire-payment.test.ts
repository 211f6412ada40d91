import { describe, expect, it } from 'vitest';
import { EVENTS, OrderSettled, type OrderPlaced } from '@tracebed/contracts';
import { expirePayment, type StalePayment } from './expire-payment';
import { anOrder, createInMemoryOrderStore } from './fakes/in-memory-order-store';
import type { Order } from './ports';

const MAX_PAYMENT_REQUESTS = 3;

function paymentRequestOf(order: Order): OrderPlaced {
  return { orderId: order.id, amountCents: order.totalCents, currency: 'EUR', cardLast4: order.cardLast4, placedAt: order.createdAt };
}

function setUp(status: Order['status'] = 'pending') {
  const store = createInMemoryOrderStore();
  const order = anOrder({ status });
  store.put(order);
  const deps = { store, maxPaymentRequests: MAX_PAYMENT_REQUESTS };
  const stale = (paymentRequests: number): StalePayment => ({ orderId: order.id, paymentRequests, request: paymentRequestOf(order) });
  return { deps, store, order, stale };
}

describe('expirePayment', () => {
  describe('while the order has payment requests left', () => {
    it('asks payments again with the same OrderPlaced under the next message id, and answers requested_again', async () => {
      const { deps, store, order, stale } = setUp();

      const result = await expirePayment(deps, stale(1));

      expect(result).toBe('requested_again');
      expect(store.outbox).toEqual([{ routingKey: EVENTS.orderPlaced, messageId: `order-placed-${order.id}-2`, payload: paymentRequestOf(order) }]);
    });

    it('keeps the order pending, and counts the request', async () => {
      const { deps, store, order, stale } = setUp();

      await expirePayment(deps, stale(1));

      expect(store.orders.get(order.id)?.status).toBe('pending');
      expect(store.paymentRequests.get(order.id)).toBe(2);
    });

    it('asks again one request before the limit', async () => {
      const { deps, store, order, stale } = setUp();

      await expect(expirePayment(deps, stale(MAX_PAYMENT_REQUESTS - 1))).resolves.toBe('requested_again');

      expect(store.outbox[0]?.messageId).toBe(`order-placed-${order.id}-${MAX_PAYMENT_REQUESTS}`);
    });
  });

  describe('when the last payment request went unanswered', () => {
    it('fails the order as payment_failed with the reason "payment timed out", and answers failed', async () => {
      const { deps, store, order, stale } = setUp();

      const result = await expirePayment(deps, stale(MAX_PAYMENT_REQUESTS));

      expect(result).toBe('failed');
      expect(store.orders.get(order.id)).toMatchObject({ status: 'payment_failed', rejectionReason: 'payment timed out' });
    });

    it('announces order.payment_failed under the order\'s one settlement id, so inventory releases the stock', async () => {
      const { deps, store, order, stale } = setUp();

      await expirePayment(deps, stale(MAX_PAYMENT_REQUESTS));

      expect(store.outbox).toEqual([
        {
          routingKey: EVENTS.orderPaymentFailed,
          messageId: `order-settled-${order.id}`,
          payload: { orderId: order.id, outcome: 'payment_failed', settledAt: expect.any(String) },
        },
      ]);
      expect(() => OrderSettled.parse(store.outbox[0]?.payload)).not.toThrow();
    });

    it('fails the order too when it somehow has more requests than the limit', async () => {
      const { deps, stale } = setUp();

      await expect(expirePayment(deps, stale(MAX_PAYMENT_REQUESTS + 2))).resolves.toBe('failed');
    });
  });

  describe('when the order was settled in the meantime', () => {
    it('does not ask again, answers settled_meanwhile, and writes nothing', async () => {
      const { deps, store, order, stale } = setUp('paid');

      await expect(expirePayment(deps, stale(1))).resolves.toBe('settled_meanwhile');

      expect(store.orders.get(order.id)?.status).toBe('paid');
      expect(store.outbox).toEqual([]);
    });

    it('does not fail it either after the last request, and leaves it paid', async () => {
      const { deps, store, order, stale } = setUp('paid');

      await expect(expirePayment(deps, stale(MAX_PAYMENT_REQUESTS))).resolves.toBe('settled_meanwhile');

      expect(store.orders.get(order.id)).toMatchObject({ status: 'paid', rejectionReason: null });
      expect(store.outbox).toEqual([]);
    });
  });

  it('when the store fails, passes the error on and writes nothing', async () => {
    const { deps, store, stale } = setUp();
    const storageDown = new Error('connection terminated');
    store.failNext('requestPaymentAgain', storageDown);

    await expect(expirePayment(deps, stale(1))).rejects.toBe(storageDown);

    expect(store.outbox).toEqual([]);
  });
});
