import { Router } from 'express';
import { z } from 'zod';
import { PlaceOrderRequest } from '@tracebed/contracts';
import { currentTraceId, parseInput } from '@tracebed/platform';
import { isValidCardNumber } from '../domain/card-number';
import { submitOrder, type SubmitOrderDeps } from '../domain/submit-order';
import { orderView } from './order-view';

const PlaceOrderBody = PlaceOrderRequest.extend({
  cardNumber: PlaceOrderRequest.shape.cardNumber.refine(isValidCardNumber, 'is not a valid card number (12-19 digits passing the Luhn check)'),
});

const OrderIdParam = z.object({ orderId: z.uuid('must be a UUID') });

export function shopRoutes(deps: SubmitOrderDeps, jaegerUiUrl: string): Router {
  const { backends } = deps;
  const router = Router();

  router.get('/api/products', async (_request, response) => {
    response.json(await backends.listProducts());
  });

  router.post('/api/orders', async (request, response) => {
    const body = parseInput(PlaceOrderBody, request.body, 'order');
    const order = await submitOrder(deps, body);
    response.status(202).location(`/api/orders/${order.orderId}`).json(orderView(order, currentTraceId() ?? order.traceId, jaegerUiUrl));
  });

  router.get('/api/orders/:orderId', async (request, response) => {
    const { orderId } = parseInput(OrderIdParam, request.params, 'order id');
    const order = await backends.getOrder(orderId);
    // The order's own trace is the one that placed it; this lookup's trace is in the headers.
    response.json(orderView(order, order.traceId, jaegerUiUrl));
  });

  return router;
}
