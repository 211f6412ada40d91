import type { Express } from 'express';
import { createHttpApp, faultedRequestLimit, finishHttpApp, type Logger, type ServiceHttp } from '@tracebed/platform';
import type { ReserveStockDeps } from './domain/reserve-stock';
import { inventoryRoutes } from './entry-points/http';

export interface InventoryDeps extends ReserveStockDeps {
  logger: Logger;
  http: ServiceHttp;
}

/** The inventory HTTP app, without listening: tests and main.ts both start it. */
export function createApp(deps: InventoryDeps): Express {
  const app = createHttpApp(deps.http);
  app.use(faultedRequestLimit({ service: 'inventory' }));
  app.use(inventoryRoutes(deps));
  return finishHttpApp(app, deps.logger);
}
