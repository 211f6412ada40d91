import { Router } from 'express';
import { z } from 'zod';
import { currentTraceId, parseInput } from '@tracebed/platform';
import { isValidCardNumber } from '../domain/card-number';
import type { OrderView } from '../domain/ports';
import { submitOrder, type SubmitOrderDeps } from '../domain/submit-order';

const Sku = z.string().regex(/^[A-Z0-9-]{1,64}$/, 'must be 1-64 upper-case letters, digits or dashes');

const PlaceOrderBody = z
  .object({
    items: z
      .array(z.object({ sku: Sku, quantity: z.number().int().min(1).max(100) }).strict())
      .min(1, 'must hold at least one item')
      .max(50, 'must hold at most 50 items'),
    cardNumber: z.string().max(32).refine(isValidCardNumber, 'is not a valid card number (12-19 digits passing the Luhn check)'),
  })
  .strict();

const OrderIdParam = z.object({ orderId: z.uuid('must be a UUID') });

export function shopRoutes(deps: SubmitOrderDeps, jaegerUiUrl: string): Router {
  const { backends } = deps;
  const router = Router();
  const withLinks = (order: OrderView, traceId: string | null) => ({
    ...order,
    traceId,
    links: {
      self: `/api/orders/${order.orderId}`,
      ...(traceId ? { trace: new URL(`/trace/${traceId}`, jaegerUiUrl).toString() } : {}),
    },
  });

  router.get('/api/products', async (_request, response) => {
    response.json(await backends.listProducts());
  });

  router.post('/api/orders', async (request, response) => {
    const body = parseInput(PlaceOrderBody, request.body, 'order');
    const order = await submitOrder(deps, body);
    response.status(202).location(`/api/orders/${order.orderId}`).json(withLinks(order, currentTraceId() ?? order.traceId));
  });

  router.get('/api/orders/:orderId', async (request, response) => {
    const { orderId } = parseInput(OrderIdParam, request.params, 'order id');
    const order = await backends.getOrder(orderId);
    // The order's own trace is the one that placed it; this lookup's trace is in the headers.
    response.json(withLinks(order, order.traceId));
  });

  return router;
}
