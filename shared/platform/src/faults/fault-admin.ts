import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DEFAULT_TTL_MS, formatRule, MAX_TTL_MS, parseSpec, pointsOf, FaultSpecError, type ActiveRule, type FaultInjector, type FaultRule } from '@tracebed/faults';
import { AppError, validationFailed } from '../errors';
import { createHttpApp, finishHttpApp } from '../http/create-http-app';
import type { HostPolicy } from '../http/host-policy';
import { parseInput } from '../http/validate';

const PutFaults = z
  .object({
    faults: z.string().max(1_024),
    ttlSeconds: z.number().int().min(1).max(MAX_TTL_MS / 1_000).optional(),
  })
  .strict();

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer auth compared in constant time; no configured token means the API does not exist. */
function requireToken(token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : undefined;
  return (request, response, next) => {
    if (!expected) return next(new AppError('ADMIN_DISABLED', 'the fault admin API is off: no FAULT_ADMIN_TOKEN_FILE (or FAULT_ADMIN_TOKEN) is configured', 404));
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), expected)) {
      response.setHeader('www-authenticate', 'Bearer realm="tracebed-faults"');
      return next(new AppError('UNAUTHORIZED', 'a valid bearer token is required', 401));
    }
    next();
  };
}

const present = (rule: ActiveRule) => ({
  rule: formatRule(rule),
  target: rule.target,
  kind: rule.kind,
  probability: rule.probability,
  source: rule.source,
  ...(rule.expiresAt ? { expiresAt: new Date(rule.expiresAt).toISOString() } : {}),
});

export interface FaultAdminOptions {
  service: string;
  injector: FaultInjector;
  startupRules: FaultRule[];
  token: string | undefined;
}

/** GET, PUT and DELETE /admin/faults: this service's run-time faults, each with a TTL. */
export function faultAdminRoutes(options: FaultAdminOptions): Router {
  const router = Router();
  const { service, injector } = options;
  const listing = () => ({
    service,
    rules: injector.store.list().map(present),
    startup: options.startupRules.map((rule) => present({ ...rule, source: 'startup' })),
  });

  router.use('/admin/faults', requireToken(options.token));
  router.get('/admin/faults', (_request, response) => {
    response.json(listing());
  });
  router.put('/admin/faults', (request, response) => {
    const body = parseInput(PutFaults, request.body, 'fault settings');
    let rules: FaultRule[];
    try {
      rules = parseSpec(body.faults);
    } catch (error) {
      if (error instanceof FaultSpecError) throw validationFailed(`invalid faults: ${error.message}`, [{ path: 'faults', message: error.message }]);
      throw error;
    }
    const foreign = rules.filter((rule) => !pointsOf(rule.target).some((point) => point.startsWith(`${service}.`)));
    if (foreign.length > 0) throw validationFailed(`${foreign.map(formatRule).join(', ')}: not a fault point of ${service}`);
    injector.store.replace(rules, (body.ttlSeconds ?? DEFAULT_TTL_MS / 1_000) * 1_000);
    response.json(listing());
  });
  router.delete('/admin/faults', (_request, response) => {
    injector.store.clear();
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
