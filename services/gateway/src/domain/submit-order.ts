import { withSpan } from '@tracebed/platform';
import { normaliseCardNumber } from './card-number';
import type { OrderLineRequest, OrderView, ShopBackends } from './ports';

/** Only the last four digits of the card go further than the gateway. */
export async function submitOrder(backends: ShopBackends, request: { items: OrderLineRequest[]; cardNumber: string }): Promise<OrderView> {
  return withSpan('order.submit', { 'order.line_count': request.items.length }, async (span) => {
    const cardLast4 = normaliseCardNumber(request.cardNumber).slice(-4);
    const order = await backends.placeOrder({ items: request.items, cardLast4 });
    span.setAttributes({ 'order.id': order.orderId, 'order.status': order.status });
    return order;
  });
}
