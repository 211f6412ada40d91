import type { ReservedLine, StockLine } from './stock-lines';

export interface Product {
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
}

export type ReserveOutcome =
  | { kind: 'reserved'; lines: ReservedLine[] }
  | { kind: 'unknown_skus'; skus: string[] }
  | { kind: 'out_of_stock'; skus: string[] };

/** What the domain needs from storage; data-access implements it with SQL. */
export interface StockStore {
  listProducts(): Promise<Product[]>;
  /** All-or-nothing; returns the existing reservation when the order already holds one. */
  reserve(orderId: string, lines: StockLine[]): Promise<ReserveOutcome>;
  /** Returns the number of lines that changed state; 0 means already settled or unknown. */
  commit(orderId: string): Promise<number>;
  /** Puts reserved units back into stock; returns the number of lines released. */
  release(orderId: string): Promise<number>;
}
