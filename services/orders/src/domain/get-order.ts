import { notFound } from '@tracebed/platform';
import type { Order, OrderStore } from './ports';

export async function getOrder(store: OrderStore, orderId: string): Promise<Order> {
  const order = await store.find(orderId);
  if (!order) throw notFound('ORDER_NOT_FOUND', `order ${orderId} does not exist`);
  return order;
}
