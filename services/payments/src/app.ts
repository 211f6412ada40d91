import type { Express } from 'express';
import { createHttpApp, faultedRequestLimit, finishHttpApp, type Logger, type ServiceHttp } from '@tracebed/platform';

export interface PaymentsDeps {
  logger: Logger;
  http: ServiceHttp;
}

/** The payments HTTP app: probes only, since payments does its work from the queue; does not listen. */
export function createApp(deps: PaymentsDeps): Express {
  const app = createHttpApp(deps.http);
  app.use(faultedRequestLimit({ service: 'payments' }));
  return finishHttpApp(app, deps.logger);
}
