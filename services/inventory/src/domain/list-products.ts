import type { Product, StockStore } from './ports';

export function listProducts(store: StockStore): Promise<Product[]> {
  return store.listProducts();
}
