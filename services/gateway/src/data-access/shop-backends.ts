import { createServiceClient } from '@tracebed/platform';
import type { OrderView, ShopBackends } from '../domain/ports';

export function createShopBackends(options: { ordersUrl: string; inventoryUrl: string; timeoutMs: number }): ShopBackends {
  const orders = createServiceClient({ service: 'orders', baseUrl: options.ordersUrl, timeoutMs: options.timeoutMs });
  const inventory = createServiceClient({ service: 'inventory', baseUrl: options.inventoryUrl, timeoutMs: options.timeoutMs });
  return {
    listProducts: () => inventory.get('/products'),
    placeOrder: (request) => orders.post<OrderView>('/orders', request),
    getOrder: (orderId) => orders.get<OrderView>(`/orders/${encodeURIComponent(orderId)}`),
  };
}
