import type { OrderSettled } from '@tracebed/contracts';
import { withSpan } from '@tracebed/platform';
import type { StockStore } from './ports';

/**
 * A paid order's units leave stock for good; a failed payment's units go back on sale.
 * Safe to repeat: a reservation already settled is left as it is.
 */
export async function settleReservation(store: StockStore, event: OrderSettled): Promise<void> {
  const name = event.outcome === 'paid' ? 'stock.commit' : 'stock.release';
  await withSpan(name, { 'order.id': event.orderId }, async (span) => {
    const changed = event.outcome === 'paid' ? await store.commit(event.orderId) : await store.release(event.orderId);
    span.setAttribute('inventory.lines_settled', changed);
  });
}
