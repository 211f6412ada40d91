import type { Express } from 'express';
import { createHttpApp, faultedRequestLimit, finishHttpApp, type ServiceHttp } from '@tracebed/platform';
import type { PlaceOrderDeps } from './domain/place-order';
import { orderRoutes } from './entry-points/http';

export interface OrdersDeps extends PlaceOrderDeps {
  http: ServiceHttp;
}

/** The orders HTTP app, without listening. */
export function createApp(deps: OrdersDeps): Express {
  const app = createHttpApp(deps.http);
  app.use(faultedRequestLimit({ service: 'orders' }));
  app.use(orderRoutes(deps));
  return finishHttpApp(app, deps.logger);
}
