import type { FaultInjector } from '@tracebed/faults';
import { createServiceClient, type ServiceClientOptions } from '@tracebed/platform';
import type { OrderView, ShopBackends } from '../domain/ports';

export interface ShopBackendsOptions extends Pick<ServiceClientOptions, 'timeoutMs' | 'retry' | 'circuitBreaker'> {
  ordersUrl: string;
  inventoryUrl: string;
  faults: FaultInjector;
}

/**
 * Orders and inventory over HTTP, each behind its own circuit. Reads are retried; placing an
 * order is not, because orders would place a second one.
 */
export function createShopBackends(options: ShopBackendsOptions): ShopBackends {
  const { ordersUrl, inventoryUrl, faults, ...resilience } = options;
  const orders = createServiceClient({ service: 'orders', baseUrl: ordersUrl, ...resilience, faults: { injector: faults, point: 'gateway.orders' } });
  const inventory = createServiceClient({ service: 'inventory', baseUrl: inventoryUrl, ...resilience, faults: { injector: faults, point: 'gateway.inventory' } });
  return {
    listProducts: () => inventory.get('/products'),
    placeOrder: (request) => orders.post<OrderView>('/orders', request),
    getOrder: (orderId) => orders.get<OrderView>(`/orders/${encodeURIComponent(orderId)}`),
  };
}
