import { randomUUID } from 'node:crypto';
import { SpanStatusCode } from '@opentelemetry/api';
import type { OrderPlaced, PaymentCompleted } from '@tracebed/contracts';
import type { FaultInjector } from '@tracebed/faults';
import { withSpan } from '@tracebed/platform';
import type { CardProvider } from './card-provider';
import type { Payment, PaymentStore, PublishPaymentOutcome } from './ports';

export interface ChargeDeps {
  store: PaymentStore;
  provider: CardProvider;
  publish: PublishPaymentOutcome;
  faults: Pick<FaultInjector, 'atOperation'>;
}

function toEvent(payment: Payment): PaymentCompleted {
  const base = { orderId: payment.orderId, paymentId: payment.id, amountCents: payment.amountCents };
  return payment.outcome === 'succeeded'
    ? { ...base, outcome: 'succeeded' }
    : { ...base, outcome: 'declined', declineReason: payment.declineReason ?? 'card_declined' };
}

// Orders being charged right now. Two copies of one request delivered at once (a duplicate with
// prefetch above one) would both find no payment and both ask the provider; the second copy waits
// for the first instead (copies queue up behind each other), then finds its payment.
const chargesInFlight = new Map<string, Promise<unknown>>();

/**
 * Charges an order exactly once. A redelivered request finds the stored payment, skips the
 * provider and publishes the same outcome again, so a crash between storing and publishing
 * loses nothing and never charges twice.
 */
export async function chargePayment(deps: ChargeDeps, order: OrderPlaced): Promise<Payment> {
  const earlier = chargesInFlight.get(order.orderId) ?? Promise.resolve();
  const charging = earlier.catch(() => undefined).then(() => chargeOnce(deps, order));
  chargesInFlight.set(order.orderId, charging);
  try {
    return await charging;
  } finally {
    if (chargesInFlight.get(order.orderId) === charging) chargesInFlight.delete(order.orderId);
  }
}

async function chargeOnce(deps: ChargeDeps, order: OrderPlaced): Promise<Payment> {
  return withSpan('payment.charge', { 'order.id': order.orderId, 'order.total_cents': order.amountCents }, async (span) => {
    await deps.faults.atOperation('payments.charge');
    let payment = await deps.store.findByOrder(order.orderId);
    span.setAttribute('payment.duplicate', payment !== undefined);
    if (!payment) {
      const decision = await deps.provider.charge({ amountCents: order.amountCents, cardLast4: order.cardLast4 });
      payment = await deps.store.insertOnce({
        id: randomUUID(),
        orderId: order.orderId,
        amountCents: order.amountCents,
        cardLast4: order.cardLast4,
        outcome: decision.outcome,
        declineReason: decision.outcome === 'declined' ? decision.declineReason : null,
      });
    }
    span.setAttributes({ 'payment.id': payment.id, 'payment.outcome': payment.outcome });
    if (payment.outcome === 'declined') {
      const reason = payment.declineReason ?? 'card_declined';
      span.setAttributes({ 'payment.decline_reason': reason, 'error.type': reason });
      span.setStatus({ code: SpanStatusCode.ERROR, message: `payment declined: ${reason}` });
    }
    await deps.publish(toEvent(payment));
    return payment;
  });
}
