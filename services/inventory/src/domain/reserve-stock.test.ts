import { describe, expect, it } from 'vitest';
import { createRecordingFaults } from '@tracebed/faults';
import { AppError } from '@tracebed/platform';
import { CATALOGUE, createInMemoryStockStore } from './fakes/in-memory-stock-store';
import { reserveStock } from './reserve-stock';

const ORDER_ID = '3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

function setUp(faults = createRecordingFaults()) {
  const store = createInMemoryStockStore(CATALOGUE);
  return { deps: { store, faults }, store, faults };
}

const stockOf = (store: ReturnType<typeof setUp>['store'], sku: string) => store.products.get(sku)?.stock;

describe('reserveStock', () => {
  it('reserves every line and answers with the order, each line at its price, and the total', async () => {
    const { deps } = setUp();

    const reservation = await reserveStock(deps, ORDER_ID, [
      { sku: 'TEE-TRACE', quantity: 1 },
      { sku: 'MUG-SPAN', quantity: 2 },
    ]);

    expect(reservation).toEqual({
      orderId: ORDER_ID,
      lines: [
        { sku: 'MUG-SPAN', quantity: 2, unitPriceCents: 1_200 },
        { sku: 'TEE-TRACE', quantity: 1, unitPriceCents: 1_900 },
      ],
      totalCents: 2 * 1_200 + 1_900,
    });
  });

  it('takes the reserved units out of stock', async () => {
    const { deps, store } = setUp();

    await reserveStock(deps, ORDER_ID, [{ sku: 'MUG-SPAN', quantity: 2 }]);

    expect(stockOf(store, 'MUG-SPAN')).toBe(8);
    expect(store.reservations.get(ORDER_ID)?.status).toBe('reserved');
  });

  it('reserves repeated lines for one SKU as one line with the summed quantity', async () => {
    const { deps, store } = setUp();

    const reservation = await reserveStock(deps, ORDER_ID, [
      { sku: 'MUG-SPAN', quantity: 1 },
      { sku: 'MUG-SPAN', quantity: 3 },
    ]);

    expect(reservation.lines).toEqual([{ sku: 'MUG-SPAN', quantity: 4, unitPriceCents: 1_200 }]);
    expect(stockOf(store, 'MUG-SPAN')).toBe(6);
  });

  it('when the order already holds a reservation, answers that one and takes no more stock', async () => {
    const { deps, store } = setUp();
    const first = await reserveStock(deps, ORDER_ID, [{ sku: 'MUG-SPAN', quantity: 2 }]);

    const again = await reserveStock(deps, ORDER_ID, [{ sku: 'MUG-SPAN', quantity: 2 }]);

    expect(again).toEqual(first);
    expect(stockOf(store, 'MUG-SPAN')).toBe(8);
  });

  it('when a SKU is unknown, answers UNKNOWN_SKU 422 naming it in the details, and reserves nothing', async () => {
    const { deps, store } = setUp();

    const error = await reserveStock(deps, ORDER_ID, [
      { sku: 'MUG-SPAN', quantity: 1 },
      { sku: 'NO-SUCH-THING', quantity: 1 },
    ]).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'UNKNOWN_SKU',
      status: 422,
      message: 'unknown SKU: NO-SUCH-THING',
      details: [{ path: 'items.NO-SUCH-THING', message: 'no such product' }],
    });
    expect(store.reservations.size).toBe(0);
    expect(stockOf(store, 'MUG-SPAN')).toBe(10);
  });

  it('when stock is short, answers OUT_OF_STOCK 409 naming the short SKU, and takes no stock at all', async () => {
    const { deps, store } = setUp();

    const error = await reserveStock(deps, ORDER_ID, [
      { sku: 'MUG-SPAN', quantity: 1 },
      { sku: 'LAST-UNITS', quantity: 2 },
    ]).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'OUT_OF_STOCK',
      status: 409,
      message: 'not enough stock for LAST-UNITS',
      details: [{ path: 'items.LAST-UNITS', message: 'not enough stock' }],
    });
    expect(store.reservations.size).toBe(0);
    expect(stockOf(store, 'MUG-SPAN')).toBe(10);
    expect(stockOf(store, 'LAST-UNITS')).toBe(1);
  });

  it('when stock is short only once the repeated lines are added up, answers OUT_OF_STOCK', async () => {
    const { deps } = setUp();

    await expect(
      reserveStock(deps, ORDER_ID, [
        { sku: 'LAST-UNITS', quantity: 1 },
        { sku: 'LAST-UNITS', quantity: 1 },
      ]),
    ).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
  });

  it('asks for faults at inventory.reserve', async () => {
    const { deps, faults } = setUp();

    await reserveStock(deps, ORDER_ID, [{ sku: 'MUG-SPAN', quantity: 1 }]);

    expect(faults.asked).toEqual(['inventory.reserve']);
  });

  it('when a fault is injected, fails with it before touching stock', async () => {
    const injected = new Error('fault injected at inventory.reserve: error');
    const { deps, store } = setUp(createRecordingFaults(injected));

    await expect(reserveStock(deps, ORDER_ID, [{ sku: 'MUG-SPAN', quantity: 1 }])).rejects.toBe(injected);

    expect(store.reservations.size).toBe(0);
    expect(stockOf(store, 'MUG-SPAN')).toBe(10);
  });

  it('when the store fails, passes the error on', async () => {
    const { deps, store } = setUp();
    const storageDown = new Error('connection terminated');
    store.failNext('reserve', storageDown);

    await expect(reserveStock(deps, ORDER_ID, [{ sku: 'MUG-SPAN', quantity: 1 }])).rejects.toBe(storageDown);
  });
});
