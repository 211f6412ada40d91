import type { DeclineReason, PaymentCompleted } from '@tracebed/contracts';

export interface Payment {
  id: string;
  orderId: string;
  amountCents: number;
  cardLast4: string;
  outcome: 'succeeded' | 'declined';
  declineReason: DeclineReason | null;
}

export interface PaymentStore {
  findByOrder(orderId: string): Promise<Payment | undefined>;
  /** Inserts unless the order already has a payment; returns the payment that is stored. */
  insertOnce(payment: Payment): Promise<Payment>;
}

/** Publishes a payment's outcome; resolves once the broker confirmed it. */
export type PublishPaymentOutcome = (event: PaymentCompleted) => Promise<void>;
