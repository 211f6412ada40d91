import { z } from 'zod';

/** Every status an order can have; it starts `pending` and ends in one of FINAL_ORDER_STATUSES. */
export const ORDER_STATUSES = ['pending', 'paid', 'payment_failed', 'rejected'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Statuses an order never leaves. */
export const FINAL_ORDER_STATUSES = ['paid', 'payment_failed', 'rejected'] as const satisfies readonly OrderStatus[];
export type FinalOrderStatus = (typeof FINAL_ORDER_STATUSES)[number];

export const isFinalOrderStatus = (status: unknown): status is FinalOrderStatus => (FINAL_ORDER_STATUSES as readonly unknown[]).includes(status);
