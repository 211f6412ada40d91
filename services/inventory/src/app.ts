import type { Express } from 'express';
import { createHttpApp, finishHttpApp, type Logger, type ReadinessCheck } from '@tracebed/platform';
import type { StockStore } from './domain/ports';
import { inventoryRoutes } from './entry-points/http';

export interface InventoryDeps {
  store: StockStore;
  logger: Logger;
  readiness: ReadinessCheck[];
}

/** The inventory HTTP app, without listening: tests and main.ts both start it. */
export function createApp(deps: InventoryDeps): Express {
  const app = createHttpApp({ readiness: deps.readiness });
  app.use(inventoryRoutes(deps.store));
  return finishHttpApp(app, deps.logger);
}
