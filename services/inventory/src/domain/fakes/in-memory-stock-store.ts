import type { Product, ReserveOutcome, StockStore } from '../ports';
import type { ReservedLine } from '../stock-lines';

type ReservationStatus = 'reserved' | 'committed' | 'released';

export interface StoredReservation {
  lines: ReservedLine[];
  status: ReservationStatus;
}

/**
 * The StockStore the domain's unit tests run on. It keeps the SQL store's rules: a reservation
 * takes every line or none, a repeated reservation for an order answers the first one, and only
 * reserved units are committed or released. Tests read `products` and `reservations`.
 * Not for production: it forgets everything when the process ends.
 */
export interface InMemoryStockStore extends StockStore {
  readonly products: Map<string, Product>;
  readonly reservations: Map<string, StoredReservation>;
  /** The next call to `operation` rejects with `error` and changes nothing. */
  failNext(operation: keyof StockStore, error: Error): void;
}

export function createInMemoryStockStore(catalogue: readonly Product[] = []): InMemoryStockStore {
  const products = new Map(catalogue.map((product) => [product.sku, { ...product }]));
  const reservations = new Map<string, StoredReservation>();
  const failures = new Map<keyof StockStore, Error>();

  function throwIfBroken(operation: keyof StockStore): void {
    const error = failures.get(operation);
    if (!error) return;
    failures.delete(operation);
    throw error;
  }

  function settle(orderId: string, to: 'committed' | 'released'): number {
    const reservation = reservations.get(orderId);
    if (reservation?.status !== 'reserved') return 0;
    reservation.status = to;
    if (to === 'released') for (const line of reservation.lines) products.get(line.sku)!.stock += line.quantity;
    return reservation.lines.length;
  }

  return {
    products,
    reservations,
    failNext: (operation, error) => void failures.set(operation, error),

    async listProducts() {
      throwIfBroken('listProducts');
      return [...products.values()].sort((a, b) => a.name.localeCompare(b.name)).map((product) => ({ ...product }));
    },

    async reserve(orderId, lines): Promise<ReserveOutcome> {
      throwIfBroken('reserve');
      const existing = reservations.get(orderId);
      if (existing) return { kind: 'reserved', lines: existing.lines.map((line) => ({ ...line })) };
      const unknown = lines.filter((line) => !products.has(line.sku)).map((line) => line.sku);
      if (unknown.length > 0) return { kind: 'unknown_skus', skus: unknown };
      const short = lines.filter((line) => products.get(line.sku)!.stock < line.quantity).map((line) => line.sku);
      if (short.length > 0) return { kind: 'out_of_stock', skus: short };
      const reserved = lines.map((line) => {
        const product = products.get(line.sku)!;
        product.stock -= line.quantity;
        return { ...line, unitPriceCents: product.priceCents };
      });
      reservations.set(orderId, { lines: reserved, status: 'reserved' });
      return { kind: 'reserved', lines: reserved.map((line) => ({ ...line })) };
    },

    async commit(orderId) {
      throwIfBroken('commit');
      return settle(orderId, 'committed');
    },

    async release(orderId) {
      throwIfBroken('release');
      return settle(orderId, 'released');
    },
  };
}

/** A small catalogue: plenty of mugs and shirts, and one keyboard that sells out. */
export const CATALOGUE: readonly Product[] = [
  { sku: 'MUG-SPAN', name: 'Span mug', priceCents: 1_200, stock: 10 },
  { sku: 'TEE-TRACE', name: 'Trace T-shirt', priceCents: 1_900, stock: 10 },
  { sku: 'LAST-UNITS', name: 'Limited keyboard', priceCents: 12_900, stock: 1 },
];
