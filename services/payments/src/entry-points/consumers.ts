import { EVENTS, OrderPlaced, QUEUES } from '@tracebed/contracts';
import { parseMessage, type Broker, type Subscription } from '@tracebed/platform';
import { chargePayment, type ChargeDeps } from '../domain/charge-payment';
import type { PublishPaymentOutcome } from '../domain/ports';

/** Every placed order is charged once. */
export function orderPlacedConsumer(deps: ChargeDeps): Subscription {
  return {
    queue: QUEUES.paymentsOrderPlaced,
    async handle(message) {
      await chargePayment(deps, parseMessage(OrderPlaced, message.body, 'OrderPlaced'));
    },
  };
}

/** Outcomes go out as payment.succeeded or payment.failed, one message id per payment. */
export function paymentOutcomePublisher(broker: Broker): PublishPaymentOutcome {
  return (event) =>
    broker.publish(event.outcome === 'succeeded' ? EVENTS.paymentSucceeded : EVENTS.paymentFailed, event, {
      messageId: `payment-${event.paymentId}`,
    });
}
