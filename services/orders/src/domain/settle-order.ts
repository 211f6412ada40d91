import { EVENTS, type PaymentCompleted } from '@tracebed/contracts';
import { PoisonMessageError, withSpan, type Logger } from '@tracebed/platform';
import { orderSettledMessageId } from './message-ids';
import type { OrderStore } from './ports';

export interface SettleOrderDeps {
  store: OrderStore;
  logger: Logger;
}

/** A payment's outcome makes a pending order paid or payment_failed, exactly once. */
export async function settleOrder(deps: SettleOrderDeps, payment: PaymentCompleted): Promise<void> {
  const status = payment.outcome === 'succeeded' ? 'paid' : 'payment_failed';
  await withSpan('order.settle', { 'order.id': payment.orderId, 'payment.outcome': payment.outcome, 'order.status': status }, async (span) => {
    const result = await deps.store.settle(payment.orderId, status, {
      routingKey: status === 'paid' ? EVENTS.orderPaid : EVENTS.orderPaymentFailed,
      messageId: orderSettledMessageId(payment.orderId),
      payload: { orderId: payment.orderId, outcome: status, settledAt: new Date().toISOString() },
    });
    span.setAttribute('order.settle_result', result);
    if (result === 'unknown_order') throw new PoisonMessageError(`payment for unknown order ${payment.orderId}`);
    if (result === 'already_settled') deps.logger.info({ orderId: payment.orderId }, 'order.settle_duplicate_ignored');
  });
}
