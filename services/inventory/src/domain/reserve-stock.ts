import type { FaultInjector } from '@tracebed/faults';
import { AppError, withSpan } from '@tracebed/platform';
import type { StockStore } from './ports';
import { mergeLines, totalCents, type ReservedLine, type StockLine } from './stock-lines';

export interface Reservation {
  orderId: string;
  lines: ReservedLine[];
  totalCents: number;
}

/** Reserves every line of an order or none of them. */
export interface ReserveStockDeps {
  store: StockStore;
  faults: Pick<FaultInjector, 'atOperation'>;
}

export async function reserveStock({ store, faults }: ReserveStockDeps, orderId: string, requested: readonly StockLine[]): Promise<Reservation> {
  const lines = mergeLines(requested);
  return withSpan('stock.reserve', { 'order.id': orderId, 'inventory.line_count': lines.length }, async (span) => {
    await faults.atOperation('inventory.reserve');
    const outcome = await store.reserve(orderId, lines);
    switch (outcome.kind) {
      case 'unknown_skus':
        throw new AppError('UNKNOWN_SKU', `unknown SKU: ${outcome.skus.join(', ')}`, 422, skuDetails(outcome.skus, 'no such product'));
      case 'out_of_stock':
        span.setAttribute('inventory.short_skus', outcome.skus);
        throw new AppError('OUT_OF_STOCK', `not enough stock for ${outcome.skus.join(', ')}`, 409, skuDetails(outcome.skus, 'not enough stock'));
      case 'reserved': {
        const total = totalCents(outcome.lines);
        span.setAttribute('order.total_cents', total);
        return { orderId, lines: outcome.lines, totalCents: total };
      }
    }
  });
}

function skuDetails(skus: string[], message: string) {
  return skus.map((sku) => ({ path: `items.${sku}`, message }));
}
