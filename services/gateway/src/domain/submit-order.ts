import type { OrderLine, OrderRecord } from '@tracebed/contracts';
import type { FaultInjector } from '@tracebed/faults';
import { withSpan } from '@tracebed/platform';
import { normaliseCardNumber } from './card-number';
import type { ShopBackends } from './ports';

/** Only the last four digits of the card go further than the gateway. */
export interface SubmitOrderDeps {
  backends: ShopBackends;
  faults: Pick<FaultInjector, 'atOperation'>;
}

export async function submitOrder({ backends, faults }: SubmitOrderDeps, request: { items: OrderLine[]; cardNumber: string }): Promise<OrderRecord> {
  return withSpan('order.submit', { 'order.line_count': request.items.length }, async (span) => {
    await faults.atOperation('gateway.submit');
    const cardLast4 = normaliseCardNumber(request.cardNumber).slice(-4);
    const order = await backends.placeOrder({ items: request.items, cardLast4 });
    span.setAttributes({ 'order.id': order.orderId, 'order.status': order.status });
    return order;
  });
}
