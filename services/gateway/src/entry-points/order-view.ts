import type { OrderRecord, OrderView } from '@tracebed/contracts';

/** An order as the API answers it: orders' record, the trace to show, and links to the order and its trace. */
export function orderView(order: OrderRecord, traceId: string | null, jaegerUiUrl: string): OrderView {
  return {
    ...order,
    traceId,
    links: {
      self: `/api/orders/${order.orderId}`,
      ...(traceId ? { trace: new URL(`/trace/${traceId}`, jaegerUiUrl).toString() } : {}),
    },
  };
}
