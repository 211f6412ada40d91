import { EVENTS, OrderPlaced, QUEUES } from '@tracebed/contracts';
import { PoisonMessageError, type Subscription } from '@tracebed/platform';
import { chargePayment, type ChargeDeps } from '../domain/charge-payment';

/** Every placed order is charged once. */
export function orderPlacedConsumer(deps: ChargeDeps): Subscription {
  return {
    queue: QUEUES.paymentsOrderPlaced,
    async handle(message) {
      const parsed = OrderPlaced.safeParse(message.body);
      if (!parsed.success) throw new PoisonMessageError(`not an OrderPlaced event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      await chargePayment(deps, parsed.data);
    },
  };
}

export const outcomeRoutingKey = (outcome: 'succeeded' | 'declined') =>
  outcome === 'succeeded' ? EVENTS.paymentSucceeded : EVENTS.paymentFailed;
