import { z } from 'zod';

// Published by payments.

export const DeclineReason = z.enum(['card_declined', 'insufficient_funds', 'amount_limit_exceeded']);
export type DeclineReason = z.infer<typeof DeclineReason>;

/** The charge for an order went through or was declined. */
export const PaymentCompleted = z.discriminatedUnion('outcome', [
  z.object({ orderId: z.uuid(), paymentId: z.uuid(), amountCents: z.number().int().positive(), outcome: z.literal('succeeded') }),
  z.object({
    orderId: z.uuid(),
    paymentId: z.uuid(),
    amountCents: z.number().int().positive(),
    outcome: z.literal('declined'),
    declineReason: DeclineReason,
  }),
]);
export type PaymentCompleted = z.infer<typeof PaymentCompleted>;
