import { PaymentCompleted, QUEUES } from '@tracebed/contracts';
import { parseMessage, type Subscription } from '@tracebed/platform';
import { settleOrder, type SettleOrderDeps } from '../domain/settle-order';

/** Payment outcomes settle their orders. */
export function paymentOutcomeConsumer(deps: SettleOrderDeps): Subscription {
  return {
    queue: QUEUES.ordersPaymentOutcome,
    async handle(message) {
      await settleOrder(deps, parseMessage(PaymentCompleted, message.body, 'PaymentCompleted'));
    },
  };
}
