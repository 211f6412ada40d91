import { EVENTS, type OrderPlaced } from '@tracebed/contracts';
import { withSpan } from '@tracebed/platform';
import { orderPlacedMessageId, orderSettledMessageId } from './message-ids';
import type { OrderStore } from './ports';

export interface StalePayment {
  orderId: string;
  paymentRequests: number;
  request: OrderPlaced;
}

export interface ExpirePaymentDeps {
  store: OrderStore;
  /** Payment requests an order gets before it fails for good. */
  maxPaymentRequests: number;
}

/**
 * An order still pending long after its payment was requested lost that request or its
 * answer. payments is idempotent, so asking again is safe; after the last request the order
 * fails as `payment_failed` and inventory releases its stock. No accepted order stays pending.
 */
export async function expirePayment(deps: ExpirePaymentDeps, stale: StalePayment): Promise<'requested_again' | 'failed' | 'settled_meanwhile'> {
  return withSpan('order.payment_timeout', { 'order.id': stale.orderId, 'order.payment_requests': stale.paymentRequests }, async (span) => {
    const result =
      stale.paymentRequests < deps.maxPaymentRequests
        ? await deps.store.requestPaymentAgain(stale.orderId, {
            routingKey: EVENTS.orderPlaced,
            messageId: orderPlacedMessageId(stale.orderId, stale.paymentRequests + 1),
            payload: stale.request,
          })
        : await deps.store.failPayment(stale.orderId, 'payment timed out', {
            routingKey: EVENTS.orderPaymentFailed,
            messageId: orderSettledMessageId(stale.orderId),
            payload: { orderId: stale.orderId, outcome: 'payment_failed', settledAt: new Date().toISOString() },
          });
    span.setAttribute('order.timeout_result', result);
    return result;
  });
}
