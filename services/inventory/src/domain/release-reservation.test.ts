import { describe, expect, it } from 'vitest';
import { CATALOGUE, createInMemoryStockStore } from './fakes/in-memory-stock-store';
import { releaseReservation } from './release-reservation';

const ORDER_ID = '3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

async function storeWithReservation() {
  const store = createInMemoryStockStore(CATALOGUE);
  await store.reserve(ORDER_ID, [
    { sku: 'MUG-SPAN', quantity: 2 },
    { sku: 'TEE-TRACE', quantity: 3 },
  ]);
  return store;
}

describe('releaseReservation', () => {
  it('puts the reserved units back on sale and answers how many lines it released', async () => {
    const store = await storeWithReservation();

    await expect(releaseReservation(store, ORDER_ID)).resolves.toBe(2);

    expect(store.products.get('MUG-SPAN')?.stock).toBe(10);
    expect(store.products.get('TEE-TRACE')?.stock).toBe(10);
    expect(store.reservations.get(ORDER_ID)?.status).toBe('released');
  });

  it('when released twice, puts the units back once and answers 0 the second time', async () => {
    const store = await storeWithReservation();
    await releaseReservation(store, ORDER_ID);

    await expect(releaseReservation(store, ORDER_ID)).resolves.toBe(0);

    expect(store.products.get('MUG-SPAN')?.stock).toBe(10);
  });

  it('when the order holds no reservation, answers 0 without an error', async () => {
    const store = createInMemoryStockStore(CATALOGUE);

    await expect(releaseReservation(store, '11111111-2222-4333-8444-555555555555')).resolves.toBe(0);
  });

  it('when the order was already paid for, leaves its units sold and answers 0', async () => {
    const store = await storeWithReservation();
    await store.commit(ORDER_ID);

    await expect(releaseReservation(store, ORDER_ID)).resolves.toBe(0);

    expect(store.products.get('MUG-SPAN')?.stock).toBe(8);
    expect(store.reservations.get(ORDER_ID)?.status).toBe('committed');
  });

  it('when the store fails, passes the error on', async () => {
    const store = await storeWithReservation();
    const storageDown = new Error('connection terminated');
    store.failNext('release', storageDown);

    await expect(releaseReservation(store, ORDER_ID)).rejects.toBe(storageDown);
  });
});
