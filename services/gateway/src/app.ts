import { Router, type Express } from 'express';
import { GATEWAY_LIMITS } from '@tracebed/contracts';
import { createHttpApp, faultedRequestLimit, finishHttpApp, type Logger, type ServiceHttp } from '@tracebed/platform';
import type { SubmitOrderDeps } from './domain/submit-order';
import { apiDescription } from './entry-points/api-description';
import { browserSpanRelay } from './entry-points/browser-span-relay';
import { shopRoutes } from './entry-points/http';
import { inboundBaggage } from './entry-points/inbound-baggage';
import { requestFaults } from './entry-points/request-faults';
import { shopPage } from './entry-points/shop-page';
import { createShopSessions } from './entry-points/shop-session';
import { traceLookup } from './entry-points/trace-lookup';

export interface GatewayDeps extends SubmitOrderDeps {
  logger: Logger;
  http: ServiceHttp;
  jaegerUiUrl: string;
  perRequestFaults: boolean;
  /** The shop page: the built page's folder, where to read traces, where its spans go. */
  shopPage: { webDirectory: string; jaegerQueryUrl: string; browserSpansUrl: string };
}

/** The public API and the shop page, without listening. */
export function createApp(deps: GatewayDeps): Express {
  const sessions = createShopSessions();
  const pageSessionAndRelay = Router().use(sessions.issue, browserSpanRelay({ collectorUrl: deps.shopPage.browserSpansUrl, sessions, logger: deps.logger }));
  const app = createHttpApp({ ...deps.http, bodyLimit: `${GATEWAY_LIMITS.bodyBytes}b`, rawBodyRoutes: pageSessionAndRelay });
  // Before anything else reads it: a client's baggage never carries faults (X-Fault is the one way in).
  app.use(inboundBaggage());
  app.use(apiDescription());
  app.use(traceLookup(deps.shopPage.jaegerQueryUrl));
  app.use(requestFaults({ enabled: deps.perRequestFaults }));
  app.use(faultedRequestLimit({ service: 'gateway' }));
  app.use(shopRoutes(deps, deps.jaegerUiUrl));
  // After the API: the static files would otherwise stat the disk for every API request.
  app.use(shopPage(deps.shopPage.webDirectory));
  return finishHttpApp(app, deps.logger);
}
