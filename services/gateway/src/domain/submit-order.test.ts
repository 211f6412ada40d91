import { describe, expect, it } from 'vitest';
import type { OrderLine, OrderRecord } from '@tracebed/contracts';
import { createRecordingFaults } from '@tracebed/faults';
import { AppError } from '@tracebed/platform';
import type { ShopBackends } from './ports';
import { submitOrder } from './submit-order';

const ITEMS: OrderLine[] = [
  { sku: 'MUG-SPAN', quantity: 2 },
  { sku: 'TEE-TRACE', quantity: 1 },
];

const PLACED: OrderRecord = {
  orderId: '3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  status: 'pending',
  totalCents: 4_300,
  currency: 'EUR',
  cardLast4: '4242',
  rejectionReason: null,
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  items: [
    { sku: 'MUG-SPAN', quantity: 2, unitPriceCents: 1_200 },
    { sku: 'TEE-TRACE', quantity: 1, unitPriceCents: 1_900 },
  ],
  createdAt: '2026-12-07T16:45:12.345678+00:00',
  updatedAt: '2026-12-07T16:45:12.345678+00:00',
};

/** orders and inventory as the gateway sees them: remembers each order it is asked to place. */
function createFakeBackends(placeOrderAnswer: OrderRecord | Error = PLACED): ShopBackends & { placed: { items: OrderLine[]; cardLast4: string }[] } {
  const placed: { items: OrderLine[]; cardLast4: string }[] = [];
  return {
    placed,
    async listProducts() {
      return { products: [] };
    },
    async placeOrder(request) {
      placed.push(request);
      if (placeOrderAnswer instanceof Error) throw placeOrderAnswer;
      return placeOrderAnswer;
    },
    async getOrder(orderId) {
      return { ...PLACED, orderId };
    },
  };
}

describe('submitOrder', () => {
  it('asks orders to place the items with only the last four digits of the card', async () => {
    const backends = createFakeBackends();

    await submitOrder({ backends, faults: createRecordingFaults() }, { items: ITEMS, cardNumber: '4242424242424242' });

    expect(backends.placed).toEqual([{ items: ITEMS, cardLast4: '4242' }]);
  });

  it('takes the last four digits of a card number typed with spaces or dashes', async () => {
    const backends = createFakeBackends();

    await submitOrder({ backends, faults: createRecordingFaults() }, { items: ITEMS, cardNumber: '4000 0000 0000-9995' });

    expect(backends.placed[0]?.cardLast4).toBe('9995');
  });

  it("answers with orders' view of the order as it is", async () => {
    const backends = createFakeBackends();

    await expect(submitOrder({ backends, faults: createRecordingFaults() }, { items: ITEMS, cardNumber: '4242424242424242' })).resolves.toEqual(PLACED);
  });

  it("when orders refuses the order, passes its error on unchanged", async () => {
    const outOfStock = new AppError('OUT_OF_STOCK', 'not enough stock for MUG-SPAN', 409);
    const backends = createFakeBackends(outOfStock);

    await expect(submitOrder({ backends, faults: createRecordingFaults() }, { items: ITEMS, cardNumber: '4242424242424242' })).rejects.toBe(outOfStock);
  });

  it('asks for faults at gateway.submit', async () => {
    const faults = createRecordingFaults();

    await submitOrder({ backends: createFakeBackends(), faults }, { items: ITEMS, cardNumber: '4242424242424242' });

    expect(faults.asked).toEqual(['gateway.submit']);
  });

  it('when a fault is injected, fails with it before calling orders', async () => {
    const injected = new Error('fault injected at gateway.submit: error');
    const backends = createFakeBackends();

    await expect(submitOrder({ backends, faults: createRecordingFaults(injected) }, { items: ITEMS, cardNumber: '4242424242424242' })).rejects.toBe(injected);

    expect(backends.placed).toEqual([]);
  });
});
