import type { Express } from 'express';
import { createHttpApp, finishHttpApp, type Logger, type ReadinessCheck } from '@tracebed/platform';
import type { PaymentStore } from './domain/ports';
import { paymentRoutes } from './entry-points/http';

export interface PaymentsDeps {
  store: PaymentStore;
  logger: Logger;
  readiness: ReadinessCheck[];
}

/** The payments HTTP app (probes and a read-only lookup), without listening. */
export function createApp(deps: PaymentsDeps): Express {
  const app = createHttpApp({ readiness: deps.readiness });
  app.use(paymentRoutes(deps.store));
  return finishHttpApp(app, deps.logger);
}
