import { Router } from 'express';
import { z } from 'zod';
import { OrderLines } from '@tracebed/contracts';
import { parseInput } from '@tracebed/platform';
import { listProducts } from '../domain/list-products';
import { releaseReservation } from '../domain/release-reservation';
import { reserveStock, type ReserveStockDeps } from '../domain/reserve-stock';

const ReservationRequest = z.object({
  orderId: z.uuid(),
  items: OrderLines,
}).strict();

const OrderIdParam = z.object({ orderId: z.uuid() });

export function inventoryRoutes(deps: ReserveStockDeps): Router {
  const { store } = deps;
  const router = Router();

  router.get('/products', async (_request, response) => {
    response.json({ products: await listProducts(store) });
  });

  router.post('/reservations', async (request, response) => {
    const { orderId, items } = parseInput(ReservationRequest, request.body, 'reservation');
    response.status(201).json(await reserveStock(deps, orderId, items));
  });

  router.delete('/reservations/:orderId', async (request, response) => {
    const { orderId } = parseInput(OrderIdParam, request.params, 'order id');
    const released = await releaseReservation(store, orderId);
    response.json({ orderId, linesReleased: released });
  });

  return router;
}
