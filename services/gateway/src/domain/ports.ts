export interface OrderLineRequest {
  sku: string;
  quantity: number;
}

/** What orders answers about an order; the gateway passes it on. */
export interface OrderView {
  orderId: string;
  status: string;
  traceId: string | null;
  [field: string]: unknown;
}

export interface ShopBackends {
  listProducts(): Promise<{ products: unknown[] }>;
  placeOrder(request: { items: OrderLineRequest[]; cardLast4: string }): Promise<OrderView>;
  getOrder(orderId: string): Promise<OrderView>;
}
