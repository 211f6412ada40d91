import { Router } from 'express';
import { z } from 'zod';
import { OrderLines } from '@tracebed/contracts';
import { currentTraceId, parseInput } from '@tracebed/platform';
import { getOrder } from '../domain/get-order';
import { placeOrder, type PlaceOrderDeps } from '../domain/place-order';
import type { Order } from '../domain/ports';

const PlaceOrderBody = z
  .object({
    items: OrderLines,
    cardLast4: z.string().regex(/^\d{4}$/),
  })
  .strict();

const OrderIdParam = z.object({ orderId: z.uuid() });

function present(order: Order) {
  const { id, ...rest } = order;
  return { orderId: id, ...rest };
}

export function orderRoutes(deps: PlaceOrderDeps): Router {
  const router = Router();

  router.post('/orders', async (request, response) => {
    const body = parseInput(PlaceOrderBody, request.body, 'order');
    const order = await placeOrder(deps, body);
    response.status(202).location(`/orders/${order.id}`).json({ ...present(order), traceId: currentTraceId() ?? order.traceId });
  });

  router.get('/orders/:orderId', async (request, response) => {
    const { orderId } = parseInput(OrderIdParam, request.params, 'order id');
    response.json(present(await getOrder(deps.store, orderId)));
  });

  return router;
}
