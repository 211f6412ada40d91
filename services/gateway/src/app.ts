import type { Express } from 'express';
import { createHttpApp, finishHttpApp, type Logger, type ReadinessCheck } from '@tracebed/platform';
import type { ShopBackends } from './domain/ports';
import { shopRoutes } from './entry-points/http';

export interface GatewayDeps {
  backends: ShopBackends;
  logger: Logger;
  readiness: ReadinessCheck[];
  jaegerUiUrl: string;
}

/** The public API, without listening. */
export function createApp(deps: GatewayDeps): Express {
  const app = createHttpApp({ readiness: deps.readiness, bodyLimit: '16kb' });
  app.use(shopRoutes(deps.backends, deps.jaegerUiUrl));
  return finishHttpApp(app, deps.logger);
}
