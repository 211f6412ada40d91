import { describe, expect, it } from 'vitest';
import { AppError } from '@tracebed/platform';
import { getOrder } from './get-order';
import { anOrder, createInMemoryOrderStore } from './fakes/in-memory-order-store';

describe('getOrder', () => {
  it('returns the stored order with its lines, as it is', async () => {
    const store = createInMemoryOrderStore();
    const order = anOrder({ status: 'paid', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    store.put(order);

    await expect(getOrder(store, order.id)).resolves.toEqual(order);
  });

  it('when no order has the id, answers ORDER_NOT_FOUND 404 naming the id', async () => {
    const store = createInMemoryOrderStore();
    store.put(anOrder());
    const missingId = '11111111-2222-4333-8444-555555555555';

    const error = await getOrder(store, missingId).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'ORDER_NOT_FOUND', status: 404, message: `order ${missingId} does not exist` });
  });

  it('when the store fails, passes the error on rather than answering not found', async () => {
    const store = createInMemoryOrderStore();
    const order = anOrder();
    store.put(order);
    const storageDown = new Error('connection terminated');
    store.failNext('find', storageDown);

    await expect(getOrder(store, order.id)).rejects.toBe(storageDown);
  });
});
