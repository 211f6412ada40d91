import type { Express } from 'express';
import { createHttpApp, faultedRequestLimit, finishHttpApp, type Logger, type ServiceHttp } from '@tracebed/platform';
import type { PaymentStore } from './domain/ports';
import { paymentRoutes } from './entry-points/http';

export interface PaymentsDeps {
  store: PaymentStore;
  logger: Logger;
  http: ServiceHttp;
}

/** The payments HTTP app (probes and a read-only lookup), without listening. */
export function createApp(deps: PaymentsDeps): Express {
  const app = createHttpApp(deps.http);
  app.use(faultedRequestLimit({ service: 'payments' }));
  app.use(paymentRoutes(deps.store));
  return finishHttpApp(app, deps.logger);
}
