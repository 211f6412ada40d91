import type { Express } from 'express';
import { createHttpApp, finishHttpApp, type ReadinessCheck } from '@tracebed/platform';
import type { PlaceOrderDeps } from './domain/place-order';
import { orderRoutes } from './entry-points/http';

export interface OrdersDeps extends PlaceOrderDeps {
  readiness: ReadinessCheck[];
}

/** The orders HTTP app, without listening. */
export function createApp(deps: OrdersDeps): Express {
  const app = createHttpApp({ readiness: deps.readiness });
  app.use(orderRoutes(deps));
  return finishHttpApp(app, deps.logger);
}
