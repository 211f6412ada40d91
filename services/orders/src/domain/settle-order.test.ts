import { describe, expect, it } from 'vitest';
import { EVENTS, OrderSettled, type PaymentCompleted } from '@tracebed/contracts';
import { PoisonMessageError } from '@tracebed/platform';
import { anOrder, createInMemoryOrderStore } from './fakes/in-memory-order-store';
import { createRecordingLogger } from './fakes/recording-logger';
import { settleOrder } from './settle-order';

const PAYMENT_ID = '7d2c8f0e-4b1a-4c3d-9e5f-0a1b2c3d4e5f';

function succeeded(orderId: string): PaymentCompleted {
  return { orderId, paymentId: PAYMENT_ID, amountCents: 2_500, outcome: 'succeeded' };
}

function declined(orderId: string): PaymentCompleted {
  return { orderId, paymentId: PAYMENT_ID, amountCents: 2_500, outcome: 'declined', declineReason: 'insufficient_funds' };
}

function setUp() {
  const store = createInMemoryOrderStore();
  const pending = anOrder({ status: 'pending' });
  store.put(pending);
  const { logger, events: logged } = createRecordingLogger();
  const deps = { store, logger };
  return { deps, store, pending, logged };
}

describe('settleOrder', () => {
  it('when the payment succeeded, marks the pending order paid and announces order.paid', async () => {
    const { deps, store, pending } = setUp();

    await settleOrder(deps, succeeded(pending.id));

    expect(store.orders.get(pending.id)?.status).toBe('paid');
    expect(store.outbox).toEqual([
      { routingKey: EVENTS.orderPaid, messageId: `order-settled-${pending.id}`, payload: { orderId: pending.id, outcome: 'paid', settledAt: expect.any(String) } },
    ]);
  });

  it('when the payment was declined, marks the order payment_failed and announces order.payment_failed', async () => {
    const { deps, store, pending } = setUp();

    await settleOrder(deps, declined(pending.id));

    expect(store.orders.get(pending.id)?.status).toBe('payment_failed');
    expect(store.outbox).toEqual([
      {
        routingKey: EVENTS.orderPaymentFailed,
        messageId: `order-settled-${pending.id}`,
        payload: { orderId: pending.id, outcome: 'payment_failed', settledAt: expect.any(String) },
      },
    ]);
  });

  it('announces a settlement that the OrderSettled contract accepts', async () => {
    const { deps, store, pending } = setUp();

    await settleOrder(deps, succeeded(pending.id));

    expect(() => OrderSettled.parse(store.outbox[0]?.payload)).not.toThrow();
  });

  it('when the same outcome arrives twice, settles once, logs the duplicate and announces nothing more', async () => {
    const { deps, store, pending, logged } = setUp();

    await settleOrder(deps, succeeded(pending.id));
    await settleOrder(deps, succeeded(pending.id));

    expect(store.orders.get(pending.id)?.status).toBe('paid');
    expect(store.outbox).toHaveLength(1);
    expect(logged).toEqual([{ level: 'info', event: 'order.settle_duplicate_ignored', fields: { orderId: pending.id } }]);
  });

  it('when a decline arrives after the order was paid, keeps it paid and announces nothing', async () => {
    const { deps, store, pending } = setUp();
    await settleOrder(deps, succeeded(pending.id));

    await settleOrder(deps, declined(pending.id));

    expect(store.orders.get(pending.id)?.status).toBe('paid');
    expect(store.outbox.map((event) => event.routingKey)).toEqual([EVENTS.orderPaid]);
  });

  it('when a success arrives for an order that already failed, keeps it payment_failed without an error', async () => {
    const { deps, store } = setUp();
    const failed = anOrder({ status: 'payment_failed', rejectionReason: 'payment timed out' });
    store.put(failed);

    await expect(settleOrder(deps, succeeded(failed.id))).resolves.toBeUndefined();

    expect(store.orders.get(failed.id)?.status).toBe('payment_failed');
    expect(store.outbox).toEqual([]);
  });

  it('when no order has the id, throws a PoisonMessageError naming the order, so the message is dead-lettered', async () => {
    const { deps, store } = setUp();
    const unknownId = '11111111-2222-4333-8444-555555555555';

    const settling = settleOrder(deps, succeeded(unknownId));

    await expect(settling).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(settling).rejects.toThrow(unknownId);
    expect(store.outbox).toEqual([]);
  });

  it('when the store fails, passes the error on so the message is delivered again, and leaves the order pending', async () => {
    const { deps, store, pending } = setUp();
    const storageDown = new Error('connection terminated');
    store.failNext('settle', storageDown);

    await expect(settleOrder(deps, succeeded(pending.id))).rejects.toBe(storageDown);

    expect(store.orders.get(pending.id)?.status).toBe('pending');
  });
});
