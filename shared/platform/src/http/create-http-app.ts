import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import { errorMiddleware, notFoundRoute } from './error-middleware';
import { hostAndOriginCheck, type HostPolicy } from './host-policy';
import { readinessRoute, type ReadinessCheck } from './readiness';
import { securityHeaders } from './security-headers';
import { traceHeaders } from './trace-headers';

export interface HttpAppOptions {
  readiness: ReadinessCheck[];
  /** Which Host and Origin headers this listener accepts; checked before anything else runs. */
  hostPolicy: HostPolicy;
  /** Largest accepted JSON body; bigger ones get 413. */
  bodyLimit?: string;
  /** Routes that read their own request bodies (a relay passing bytes on), mounted before JSON parsing. */
  rawBodyRoutes?: Router;
  /** Content-Security-Policy of every response; defaults to the strict API policy (nothing loads). */
  contentSecurityPolicy?: string;
}

/** Bodies are JSON or nothing: anything else is refused before it reaches a handler. */
function requireJsonBody(): RequestHandler {
  return (request, _response, next) => {
    const hasBody = request.headers['content-length'] !== '0' && (request.headers['content-length'] || request.headers['transfer-encoding']);
    if (hasBody && !request.is('application/json')) {
      next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json', 415));
      return;
    }
    next();
  };
}

/** The express app every listener starts from: security headers, Host and Origin checks, trace headers, probes, JSON parsing. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders({ contentSecurityPolicy: options.contentSecurityPolicy }));
  app.use(hostAndOriginCheck(options.hostPolicy));
  app.use(traceHeaders());
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'alive' });
  });
  app.get('/readyz', readinessRoute(options.readiness));
  if (options.rawBodyRoutes) app.use(options.rawBodyRoutes);
  app.use(requireJsonBody());
  app.use(express.json({ limit: options.bodyLimit ?? '32kb', strict: true }));
  return app;
}

/** Closes the app: a typed 404 for unknown routes, then the error middleware. */
export function finishHttpApp(app: Express, logger: Logger): Express {
  app.use(notFoundRoute());
  app.use(errorMiddleware(logger));
  return app;
}
