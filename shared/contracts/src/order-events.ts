import { z } from 'zod';

// Published by orders.

/** An order was accepted and its stock reserved: payments should charge it. */
export const OrderPlaced = z.object({
  orderId: z.uuid(),
  amountCents: z.number().int().positive(),
  currency: z.literal('EUR'),
  /** Only the last four digits ever leave the gateway's request. */
  cardLast4: z.string().regex(/^\d{4}$/),
  placedAt: z.iso.datetime(),
});
export type OrderPlaced = z.infer<typeof OrderPlaced>;

/** The order is settled: paid, or its payment failed. Inventory commits or releases its stock. */
export const OrderSettled = z.object({
  orderId: z.uuid(),
  outcome: z.enum(['paid', 'payment_failed']),
  settledAt: z.iso.datetime(),
});
export type OrderSettled = z.infer<typeof OrderSettled>;
