import type { Express } from 'express';
import { createHttpApp, finishHttpApp, type Logger, type ServiceHttp } from '@tracebed/platform';
import type { SubmitOrderDeps } from './domain/submit-order';
import { shopRoutes } from './entry-points/http';
import { requestFaults } from './entry-points/request-faults';

export interface GatewayDeps extends SubmitOrderDeps {
  logger: Logger;
  http: ServiceHttp;
  jaegerUiUrl: string;
  perRequestFaults: boolean;
}

/** The public API, without listening. */
export function createApp(deps: GatewayDeps): Express {
  const app = createHttpApp({ ...deps.http, bodyLimit: '16kb' });
  app.use(requestFaults({ enabled: deps.perRequestFaults }));
  app.use(shopRoutes(deps, deps.jaegerUiUrl));
  return finishHttpApp(app, deps.logger);
}
