import type { FaultInjector } from '@tracebed/faults';
import { createServiceClient } from '@tracebed/platform';
import type { OrderView, ShopBackends } from '../domain/ports';

export function createShopBackends(options: { ordersUrl: string; inventoryUrl: string; timeoutMs: number; faults: FaultInjector }): ShopBackends {
  const { timeoutMs, faults } = options;
  const orders = createServiceClient({ service: 'orders', baseUrl: options.ordersUrl, timeoutMs, faults: { injector: faults, point: 'gateway.orders' } });
  const inventory = createServiceClient({ service: 'inventory', baseUrl: options.inventoryUrl, timeoutMs, faults: { injector: faults, point: 'gateway.inventory' } });
  return {
    listProducts: () => inventory.get('/products'),
    placeOrder: (request) => orders.post<OrderView>('/orders', request),
    getOrder: (orderId) => orders.get<OrderView>(`/orders/${encodeURIComponent(orderId)}`),
  };
}
