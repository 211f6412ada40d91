import { describe, expect, it } from 'vitest';
import { CATALOGUE, createInMemoryStockStore } from './fakes/in-memory-stock-store';
import { listProducts } from './list-products';

describe('listProducts', () => {
  it("answers the store's products, each with its price and the stock left", async () => {
    const store = createInMemoryStockStore(CATALOGUE);
    await store.reserve('3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b', [{ sku: 'LAST-UNITS', quantity: 1 }]);

    const products = await listProducts(store);

    expect(products).toEqual([
      { sku: 'LAST-UNITS', name: 'Limited keyboard', priceCents: 12_900, stock: 0 },
      { sku: 'MUG-SPAN', name: 'Span mug', priceCents: 1_200, stock: 10 },
      { sku: 'TEE-TRACE', name: 'Trace T-shirt', priceCents: 1_900, stock: 10 },
    ]);
  });

  it('answers an empty list when there are no products', async () => {
    await expect(listProducts(createInMemoryStockStore())).resolves.toEqual([]);
  });

  it('when the store fails, passes the error on', async () => {
    const store = createInMemoryStockStore(CATALOGUE);
    const storageDown = new Error('connection terminated');
    store.failNext('listProducts', storageDown);

    await expect(listProducts(store)).rejects.toBe(storageDown);
  });
});
