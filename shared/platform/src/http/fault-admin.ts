import { Router, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { createAdminTokenCheck, createFaultAdmin, FaultSettingsRejected, MAX_TTL_MS, type FaultAdminOptions } from '@tracebed/faults';
import { AppError, validationFailed } from '../errors';
import { createHttpApp, finishHttpApp } from './create-http-app';
import type { HostPolicy } from './host-policy';
import { parseInput } from './validate';

export type { FaultAdminOptions } from '@tracebed/faults';

const PutFaults = z
  .object({
    faults: z.string().max(1_024),
    ttlSeconds: z.number().int().min(1).max(MAX_TTL_MS / 1_000).optional(),
  })
  .strict();

/** Bearer auth; no configured token means the API does not exist. */
function requireToken(token: string | undefined): RequestHandler {
  const check = createAdminTokenCheck(token);
  return (request, response, next) => {
    const access = check(request.headers.authorization);
    if (access === 'disabled') return next(new AppError('ADMIN_DISABLED', 'the fault admin API is off: no FAULT_ADMIN_TOKEN_FILE (or FAULT_ADMIN_TOKEN) is configured', 404));
    if (access === 'unauthorized') {
      response.setHeader('www-authenticate', 'Bearer realm="tracebed-faults"');
      return next(new AppError('UNAUTHORIZED', 'a valid bearer token is required', 401));
    }
    next();
  };
}

/** GET, PUT and DELETE /admin/faults: the fault admin adapter of @tracebed/faults, over HTTP. */
export function faultAdminRoutes(options: FaultAdminOptions): Router {
  const router = Router();
  const admin = createFaultAdmin(options);
  router.use('/admin/faults', requireToken(options.token));
  router.get('/admin/faults', (_request, response) => {
    response.json(admin.list());
  });
  router.put('/admin/faults', (request, response) => {
    const body = parseInput(PutFaults, request.body, 'fault settings');
    try {
      response.json(admin.replace(body.faults, body.ttlSeconds));
    } catch (error) {
      if (error instanceof FaultSettingsRejected) throw validationFailed(error.message, error.details);
      throw error;
    }
  });
  router.delete('/admin/faults', (_request, response) => {
    admin.clear();
    response.status(204).end();
  });
  return router;
}

/**
 * The admin listener's app: /admin/faults and the probes, with the same headers and Host and
 * Origin checks as the public app. It runs on its own port so that the public one never serves it.
 */
export function createFaultAdminApp(options: FaultAdminOptions & { hostPolicy: HostPolicy; logger: Logger }): Express {
  const app = createHttpApp({ readiness: [], hostPolicy: options.hostPolicy });
  app.use(faultAdminRoutes(options));
  return finishHttpApp(app, options.logger);
}
