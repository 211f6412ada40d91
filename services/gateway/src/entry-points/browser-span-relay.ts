import express, { Router, type Request, type RequestHandler } from 'express';
import { GATEWAY_LIMITS } from '@tracebed/contracts';
import { AppError, type Logger } from '@tracebed/platform';
import { judgeBrowserSpans, type BatchRefusal } from '../domain/browser-span-batch';
import { createRelayRateLimiter, type RateLimit } from './relay-rate-limit';
import type { ShopSessions } from './shop-session';

export const BROWSER_SERVICE_NAME = 'shop-web';

export interface RelayLimits {
  /** The page's batches are a few kB; its largest (a document load with every resource) stays far below. */
  maxBodyBytes: number;
  maxSpansPerBatch: number;
  perClient: RateLimit;
  overall: RateLimit;
}

export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  maxBodyBytes: GATEWAY_LIMITS.spanBatchBytes,
  maxSpansPerBatch: GATEWAY_LIMITS.spansPerBatch,
  // The page sends a batch at most every half second; a burst covers a reload or two.
  perClient: { requestsPerS: 4, burstRequests: 20, bytesPerS: 32 * 1024, burstBytes: 256 * 1024 },
  // Dozens of pages at once, but little enough that hours of it stay inside Jaeger's max_traces.
  overall: { requestsPerS: 30, burstRequests: 100, bytesPerS: 256 * 1024, burstBytes: 1024 * 1024 },
};

export interface BrowserSpanRelayOptions {
  /** The collector's OTLP/HTTP traces endpoint. */
  collectorUrl: string;
  sessions: ShopSessions;
  logger: Logger;
  limits?: RelayLimits;
  timeoutMs?: number;
}

type Refusal = BatchRefusal | 'session' | 'rate';

/** Refusals are counted; the log gets the 1st, 2nd, 4th, 8th… of each kind, so a flood cannot fill it. */
function createRefusalCount(logger: Logger) {
  const counts = new Map<Refusal, number>();
  return (reason: Refusal, spans: number) => {
    const count = (counts.get(reason) ?? 0) + 1;
    counts.set(reason, count);
    if ((count & (count - 1)) === 0) logger.warn({ reason, refused_batches: count, spans }, 'span_relay.refused');
  };
}

function refusalError(reason: BatchRefusal, message: string): AppError {
  if (reason === 'not_otlp') return new AppError('INVALID_SPANS', message, 400);
  if (reason === 'too_many_spans') return new AppError('PAYLOAD_TOO_LARGE', message, 413);
  return new AppError('SPANS_REFUSED', message, 403, [{ path: reason, message }]);
}


/**
 * `POST /otlp/v1/traces`: the shop page's spans (OTLP/JSON, as its exporter sends them), passed on
 * to the collector when every span is the page's own: service `shop-web`, and a trace id under
 * the prefix of this browser's page session (see shop-session.ts). The page only talks to its own
 * origin this way; the collector needs no CORS and no public port.
 */
export function browserSpanRelay(options: BrowserSpanRelayOptions): Router {
  const limits = options.limits ?? DEFAULT_RELAY_LIMITS;
  const rateLimiter = createRelayRateLimiter({ perClient: limits.perClient, overall: limits.overall, maxClients: 10_000 });
  const refused = createRefusalCount(options.logger);

  // A client is a page session (its prefix stands for it), else an address. Sessions are free to
  // open, so the overall limit is what bounds the collector; the per-client one keeps a greedy
  // page from taking all of it. Checked before the body is read: a refused burst costs no memory.
  const clientOf = (request: Request) => options.sessions.traceIdPrefixOf(request) ?? `address ${request.socket.remoteAddress ?? 'unknown'}`;
  const rateLimit: RequestHandler = (request, response, next) => {
    const declared = Number(request.get('content-length'));
    const decision = rateLimiter.take(clientOf(request), Number.isFinite(declared) && declared > 0 ? declared : limits.maxBodyBytes);
    if (decision.allowed) return next();
    refused('rate', 0);
    response.status(429).set('retry-after', String(decision.retryAfterS)).json({ error: { code: 'RATE_LIMITED', message: `too many spans from this client; retry in ${decision.retryAfterS} s` } });
  };

  const router = Router();
  router.post('/otlp/v1/traces', rateLimit, express.raw({ type: () => true, limit: limits.maxBodyBytes }), async (request, response) => {
    if (!request.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'spans must be sent as OTLP/JSON (application/json), as the shop page sends them', 415);
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError('VALIDATION_FAILED', 'the request carries no spans', 400);
    const traceIdPrefix = options.sessions.traceIdPrefixOf(request);
    if (!traceIdPrefix) {
      refused('session', 0);
      throw new AppError('SPANS_REFUSED', 'spans are relayed only for a shop page loaded from this gateway (its session cookie is missing)', 403, [{ path: 'session', message: 'is missing' }]);
    }
    let batch: unknown;
    try {
      batch = JSON.parse(request.body.toString('utf8'));
    } catch {
      throw new AppError('MALFORMED_JSON', 'request body is not valid JSON', 400);
    }
    const verdict = judgeBrowserSpans(batch, { serviceName: BROWSER_SERVICE_NAME, traceIdPrefix, maxSpans: limits.maxSpansPerBatch });
    if (!verdict.accepted) {
      refused(verdict.reason, verdict.spanCount);
      throw refusalError(verdict.reason, verdict.message);
    }
    await forward(options, request.body, response);
  });
  return router;
}

async function forward(options: BrowserSpanRelayOptions, body: Buffer, response: express.Response): Promise<void> {
  let upstream: Response;
  try {
    upstream = await fetch(options.collectorUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(options.timeoutMs ?? 5_000) });
  } catch {
    throw new AppError('COLLECTOR_UNAVAILABLE', 'the trace collector did not answer', 503);
  }
  const answer = (await upstream.text()).slice(0, 2_000);
  if (upstream.status >= 500) throw new AppError('COLLECTOR_UNAVAILABLE', `the trace collector answered ${upstream.status}`, 503);
  if (!upstream.ok) throw new AppError('INVALID_SPANS', `the trace collector refused the spans: ${answer.slice(0, 200)}`, 400);
  response.status(upstream.status).type('application/json').send(answer);
}
