import { withSpan } from '@tracebed/platform';
import type { StockStore } from './ports';

/** Undoes a reservation whose order could not be recorded (the caller's compensation). */
export async function releaseReservation(store: StockStore, orderId: string): Promise<number> {
  return withSpan('stock.release', { 'order.id': orderId }, async (span) => {
    const released = await store.release(orderId);
    span.setAttribute('inventory.lines_settled', released);
    return released;
  });
}
