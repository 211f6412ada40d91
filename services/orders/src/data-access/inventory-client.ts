import { createServiceClient, type ServiceClientOptions } from '@tracebed/platform';
import type { InventoryGateway, StockReservation } from '../domain/ports';

/**
 * The inventory service over HTTP; its typed errors (409 OUT_OF_STOCK, 422 UNKNOWN_SKU) come
 * through intact. Both calls are idempotent, so both are retried: inventory answers a repeated
 * reservation for the same order with the first one, and releasing twice releases once.
 */
export function createInventoryClient(options: Omit<ServiceClientOptions, 'service'>): InventoryGateway {
  const client = createServiceClient({ service: 'inventory', ...options });
  return {
    reserve: (orderId, lines) => client.post<StockReservation>('/reservations', { orderId, items: lines }, { idempotent: true }),
    release: (orderId) => client.delete(`/reservations/${orderId}`),
  };
}
