import { PaymentCompleted, QUEUES } from '@tracebed/contracts';
import { PoisonMessageError, type Subscription } from '@tracebed/platform';
import { settleOrder, type SettleOrderDeps } from '../domain/settle-order';

/** Payment outcomes settle their orders. */
export function paymentOutcomeConsumer(deps: SettleOrderDeps): Subscription {
  return {
    queue: QUEUES.ordersPaymentOutcome,
    async handle(message) {
      const parsed = PaymentCompleted.safeParse(message.body);
      if (!parsed.success) throw new PoisonMessageError(`not a PaymentCompleted event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      await settleOrder(deps, parsed.data);
    },
  };
}
