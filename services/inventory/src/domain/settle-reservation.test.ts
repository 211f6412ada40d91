import { describe, expect, it } from 'vitest';
import type { OrderSettled } from '@tracebed/contracts';
import { CATALOGUE, createInMemoryStockStore } from './fakes/in-memory-stock-store';
import { settleReservation } from './settle-reservation';

const ORDER_ID = '3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

const settled = (outcome: OrderSettled['outcome'], orderId = ORDER_ID): OrderSettled => ({ orderId, outcome, settledAt: '2026-01-01T10:00:00.000Z' });

async function storeWithReservation() {
  const store = createInMemoryStockStore(CATALOGUE);
  await store.reserve(ORDER_ID, [{ sku: 'MUG-SPAN', quantity: 2 }]);
  return store;
}

const mugsInStock = (store: Awaited<ReturnType<typeof storeWithReservation>>) => store.products.get('MUG-SPAN')?.stock;

describe('settleReservation', () => {
  it('when the order was paid, commits the reservation so its units stay out of stock', async () => {
    const store = await storeWithReservation();

    await settleReservation(store, settled('paid'));

    expect(store.reservations.get(ORDER_ID)?.status).toBe('committed');
    expect(mugsInStock(store)).toBe(8);
  });

  it('when the payment failed, releases the reservation so its units go back on sale', async () => {
    const store = await storeWithReservation();

    await settleReservation(store, settled('payment_failed'));

    expect(store.reservations.get(ORDER_ID)?.status).toBe('released');
    expect(mugsInStock(store)).toBe(10);
  });

  it('when the same settlement arrives twice, leaves the reservation as the first one left it', async () => {
    const store = await storeWithReservation();
    await settleReservation(store, settled('payment_failed'));

    await expect(settleReservation(store, settled('payment_failed'))).resolves.toBeUndefined();

    expect(mugsInStock(store)).toBe(10);
  });

  it('when a payment failure arrives after the order was paid, keeps the units sold', async () => {
    const store = await storeWithReservation();
    await settleReservation(store, settled('paid'));

    await settleReservation(store, settled('payment_failed'));

    expect(store.reservations.get(ORDER_ID)?.status).toBe('committed');
    expect(mugsInStock(store)).toBe(8);
  });

  it('when a payment arrives after the reservation was released, does not take the units again', async () => {
    const store = await storeWithReservation();
    await settleReservation(store, settled('payment_failed'));

    await settleReservation(store, settled('paid'));

    expect(store.reservations.get(ORDER_ID)?.status).toBe('released');
    expect(mugsInStock(store)).toBe(10);
  });

  it('when the order holds no reservation, settles nothing and raises no error', async () => {
    const store = createInMemoryStockStore(CATALOGUE);

    await expect(settleReservation(store, settled('paid', '11111111-2222-4333-8444-555555555555'))).resolves.toBeUndefined();

    expect(store.reservations.size).toBe(0);
  });

  it('when the store fails, passes the error on so the message is delivered again', async () => {
    const store = await storeWithReservation();
    const storageDown = new Error('connection terminated');
    store.failNext('commit', storageDown);

    await expect(settleReservation(store, settled('paid'))).rejects.toBe(storageDown);

    expect(store.reservations.get(ORDER_ID)?.status).toBe('reserved');
  });
});
