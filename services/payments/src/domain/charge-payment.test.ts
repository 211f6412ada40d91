import { describe, expect, it } from 'vitest';
import { PaymentCompleted, type OrderPlaced } from '@tracebed/contracts';
import { createRecordingFaults } from '@tracebed/faults';
import type { CardProvider, ChargeDecision } from './card-provider';
import { chargePayment } from './charge-payment';
import type { Payment, PaymentStore } from './ports';

const ORDER: OrderPlaced = {
  orderId: '3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  amountCents: 4_300,
  currency: 'EUR',
  cardLast4: '4242',
  placedAt: '2026-01-01T10:00:00.000Z',
};

/** Payments by order, one each, as the payments table's unique order_id keeps them. */
function createInMemoryPaymentStore(): PaymentStore & { payments: Map<string, Payment>; failNextInsert(error: Error): void } {
  const payments = new Map<string, Payment>();
  let insertFailure: Error | undefined;
  return {
    payments,
    failNextInsert: (error) => void (insertFailure = error),
    async findByOrder(orderId) {
      return payments.get(orderId);
    },
    async insertOnce(payment) {
      if (insertFailure) {
        const error = insertFailure;
        insertFailure = undefined;
        throw error;
      }
      if (!payments.has(payment.orderId)) payments.set(payment.orderId, payment);
      return payments.get(payment.orderId)!;
    },
  };
}

/** A card provider that gives one decision and counts the charges it was asked for. */
function createFakeProvider(decision: ChargeDecision | Error = { outcome: 'succeeded' }): CardProvider & { charges: { amountCents: number; cardLast4: string }[] } {
  const charges: { amountCents: number; cardLast4: string }[] = [];
  return {
    charges,
    async charge(charge) {
      charges.push(charge);
      if (decision instanceof Error) throw decision;
      return decision;
    },
  };
}

function setUp(options: { provider?: ReturnType<typeof createFakeProvider>; faults?: ReturnType<typeof createRecordingFaults> } = {}) {
  const store = createInMemoryPaymentStore();
  const provider = options.provider ?? createFakeProvider();
  const faults = options.faults ?? createRecordingFaults();
  const published: PaymentCompleted[] = [];
  const broker = { failWith: undefined as Error | undefined };
  const publish = async (event: PaymentCompleted) => {
    if (broker.failWith) throw broker.failWith;
    published.push(event);
  };
  return { deps: { store, provider, faults, publish }, store, provider, faults, published, broker };
}

describe('chargePayment', () => {
  describe('for an order it has not charged yet', () => {
    it('charges the card once for the order amount, and stores and returns the payment', async () => {
      const { deps, store, provider } = setUp();

      const payment = await chargePayment(deps, ORDER);

      expect(provider.charges).toEqual([{ amountCents: 4_300, cardLast4: '4242' }]);
      expect(payment).toEqual({ id: expect.any(String), orderId: ORDER.orderId, amountCents: 4_300, cardLast4: '4242', outcome: 'succeeded', declineReason: null });
      expect(store.payments.get(ORDER.orderId)).toEqual(payment);
    });

    it('when the charge goes through, publishes a succeeded outcome that the PaymentCompleted contract accepts', async () => {
      const { deps, published } = setUp();

      const payment = await chargePayment(deps, ORDER);

      expect(published).toEqual([{ orderId: ORDER.orderId, paymentId: payment.id, amountCents: 4_300, outcome: 'succeeded' }]);
      expect(() => PaymentCompleted.parse(published[0])).not.toThrow();
    });

    it('when the card is declined, stores the decline with its reason and publishes it', async () => {
      const { deps, store, published } = setUp({ provider: createFakeProvider({ outcome: 'declined', declineReason: 'insufficient_funds' }) });

      const payment = await chargePayment(deps, ORDER);

      expect(payment).toMatchObject({ outcome: 'declined', declineReason: 'insufficient_funds' });
      expect(store.payments.get(ORDER.orderId)).toEqual(payment);
      expect(published).toEqual([{ orderId: ORDER.orderId, paymentId: payment.id, amountCents: 4_300, outcome: 'declined', declineReason: 'insufficient_funds' }]);
    });

    it('gives each payment an id of its own', async () => {
      const { deps } = setUp();

      const first = await chargePayment(deps, ORDER);
      const second = await chargePayment(deps, { ...ORDER, orderId: '11111111-2222-4333-8444-555555555555' });

      expect(first.id).not.toBe(second.id);
    });
  });

  describe('for an order it has charged before', () => {
    it('does not charge the card again, and publishes and returns the stored outcome again', async () => {
      const { deps, provider, published } = setUp();
      const first = await chargePayment(deps, ORDER);

      const again = await chargePayment(deps, ORDER);

      expect(provider.charges).toHaveLength(1);
      expect(again).toEqual(first);
      expect(published).toHaveLength(2);
      expect(published[1]).toEqual(published[0]);
    });

    it('when copies of the request arrive at once, asks the provider once and stores one payment', async () => {
      const provider = createFakeProvider();
      const slowProvider = { ...provider, charge: async (charge: { amountCents: number; cardLast4: string }) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return provider.charge(charge);
      } };
      const { deps, store, published } = setUp();

      const payments = await Promise.all([1, 2, 3].map(() => chargePayment({ ...deps, provider: slowProvider }, ORDER)));

      expect(provider.charges).toHaveLength(1);
      expect(new Set(payments.map((payment) => payment.id)).size).toBe(1);
      expect(store.payments.size).toBe(1);
      expect(published).toHaveLength(3);
    });

    it('publishes a stored decline that lacks its reason as card_declined', async () => {
      const { deps, store, published } = setUp();
      store.payments.set(ORDER.orderId, {
        id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        orderId: ORDER.orderId,
        amountCents: 4_300,
        cardLast4: '4242',
        outcome: 'declined',
        declineReason: null,
      });

      await chargePayment(deps, ORDER);

      expect(published).toEqual([expect.objectContaining({ outcome: 'declined', declineReason: 'card_declined' })]);
    });

    it('when another delivery stored its payment first, publishes and returns that stored payment', async () => {
      const { deps, store, published } = setUp({ provider: createFakeProvider({ outcome: 'declined', declineReason: 'card_declined' }) });
      const storedFirst: Payment = { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', orderId: ORDER.orderId, amountCents: 4_300, cardLast4: '4242', outcome: 'succeeded', declineReason: null };
      // The other delivery stores between this one's look-up and its insert.
      const findByOrder = store.findByOrder;
      store.findByOrder = async (orderId) => {
        const found = await findByOrder(orderId);
        store.payments.set(orderId, storedFirst);
        return found;
      };

      const payment = await chargePayment(deps, ORDER);

      expect(payment).toEqual(storedFirst);
      expect(published).toEqual([{ orderId: ORDER.orderId, paymentId: storedFirst.id, amountCents: 4_300, outcome: 'succeeded' }]);
    });
  });

  describe('when something fails', () => {
    it('when publishing fails, keeps the payment stored and passes the error on, so the redelivery publishes without charging', async () => {
      const { deps, store, provider, published, broker } = setUp();
      const brokerDown = new Error('channel closed');
      broker.failWith = brokerDown;

      await expect(chargePayment(deps, ORDER)).rejects.toBe(brokerDown);
      expect(store.payments.has(ORDER.orderId)).toBe(true);

      broker.failWith = undefined;
      await chargePayment(deps, ORDER);

      expect(provider.charges).toHaveLength(1);
      expect(published).toHaveLength(1);
    });

    it('when the card provider fails, stores and publishes nothing and passes the error on', async () => {
      const providerDown = new Error('provider timed out');
      const { deps, store, published } = setUp({ provider: createFakeProvider(providerDown) });

      await expect(chargePayment(deps, ORDER)).rejects.toBe(providerDown);

      expect(store.payments.size).toBe(0);
      expect(published).toEqual([]);
    });

    it('when storing fails, publishes nothing and passes the error on', async () => {
      const { deps, store, published } = setUp();
      const storageDown = new Error('connection terminated');
      store.failNextInsert(storageDown);

      await expect(chargePayment(deps, ORDER)).rejects.toBe(storageDown);

      expect(published).toEqual([]);
    });

    it('asks for faults at payments.charge', async () => {
      const { deps, faults } = setUp();

      await chargePayment(deps, ORDER);

      expect(faults.asked).toEqual(['payments.charge']);
    });

    it('when a fault is injected, fails with it before charging, storing or publishing', async () => {
      const injected = new Error('fault injected at payments.charge: error');
      const { deps, store, provider, published } = setUp({ faults: createRecordingFaults(injected) });

      await expect(chargePayment(deps, ORDER)).rejects.toBe(injected);

      expect(provider.charges).toEqual([]);
      expect(store.payments.size).toBe(0);
      expect(published).toEqual([]);
    });
  });
});
