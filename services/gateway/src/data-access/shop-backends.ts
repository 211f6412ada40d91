import { z } from 'zod';
import { OrderRecord, Product } from '@tracebed/contracts';
import type { FaultInjector } from '@tracebed/faults';
import { createServiceClient, type ServiceClientOptions } from '@tracebed/platform';
import type { ShopBackends } from '../domain/ports';
import { expectShape } from './upstream-answer';

export interface ShopBackendsOptions extends Pick<ServiceClientOptions, 'timeoutMs' | 'retry' | 'circuitBreaker'> {
  ordersUrl: string;
  inventoryUrl: string;
  faults: FaultInjector;
}

// What the gateway passes on is exactly the public shape: a field orders or inventory add is left behind.
const OrdersAnswer = z.object(OrderRecord.shape);
const InventoryAnswer = z.object({ products: z.array(z.object(Product.shape)) });

/**
 * Orders and inventory over HTTP, each behind its own circuit. Reads are retried; placing an
 * order is not, because orders would place a second one.
 */
export function createShopBackends(options: ShopBackendsOptions): ShopBackends {
  const { ordersUrl, inventoryUrl, faults, ...resilience } = options;
  const orders = createServiceClient({ service: 'orders', baseUrl: ordersUrl, ...resilience, faults: { injector: faults, point: 'gateway.orders' } });
  const inventory = createServiceClient({ service: 'inventory', baseUrl: inventoryUrl, ...resilience, faults: { injector: faults, point: 'gateway.inventory' } });
  return {
    listProducts: async () => expectShape(InventoryAnswer, 'inventory', await inventory.get('/products')),
    placeOrder: async (request) => expectShape(OrdersAnswer, 'orders', await orders.post('/orders', request)),
    getOrder: async (orderId) => expectShape(OrdersAnswer, 'orders', await orders.get(`/orders/${encodeURIComponent(orderId)}`)),
  };
}
