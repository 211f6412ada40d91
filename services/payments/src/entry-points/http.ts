import { Router } from 'express';
import { z } from 'zod';
import { notFound, parseInput } from '@tracebed/platform';
import type { PaymentStore } from '../domain/ports';

const OrderIdParam = z.object({ orderId: z.uuid() });

/** Read-only: lets operators and tests see how an order was charged. */
export function paymentRoutes(store: PaymentStore): Router {
  const router = Router();
  router.get('/payments/by-order/:orderId', async (request, response) => {
    const { orderId } = parseInput(OrderIdParam, request.params, 'order id');
    const payment = await store.findByOrder(orderId);
    if (!payment) throw notFound('NOT_FOUND', `no payment for order ${orderId}`);
    response.json(payment);
  });
  return router;
}
