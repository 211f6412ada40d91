import type { OrderLine, OrderRecord, ProductList } from '@tracebed/contracts';

export interface ShopBackends {
  listProducts(): Promise<ProductList>;
  placeOrder(request: { items: OrderLine[]; cardLast4: string }): Promise<OrderRecord>;
  getOrder(orderId: string): Promise<OrderRecord>;
}
