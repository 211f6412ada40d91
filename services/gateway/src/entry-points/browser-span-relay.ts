import express, { Router } from 'express';
import { AppError } from '@tracebed/platform';

const OTLP_MEDIA_TYPES = ['application/json', 'application/x-protobuf'];

export interface BrowserSpanRelayOptions {
  /** The collector's OTLP/HTTP traces endpoint. */
  collectorUrl: string;
  timeoutMs?: number;
}

/**
 * `POST /otlp/v1/traces`: the shop page's spans, passed on to the collector as they came. The page
 * only talks to its own origin this way; the collector needs no CORS and no public port.
 * Mounted before the JSON parser: the body is forwarded byte for byte.
 */
export function browserSpanRelay(options: BrowserSpanRelayOptions): Router {
  const router = Router();
  router.post('/otlp/v1/traces', express.raw({ type: OTLP_MEDIA_TYPES, limit: '512kb' }), async (request, response) => {
    if (!request.is(OTLP_MEDIA_TYPES)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `spans must be sent as ${OTLP_MEDIA_TYPES.join(' or ')}`, 415);
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError('VALIDATION_FAILED', 'the request carries no spans', 400);

    let upstream: Response;
    try {
      upstream = await fetch(options.collectorUrl, {
        method: 'POST',
        headers: { 'content-type': request.get('content-type') ?? OTLP_MEDIA_TYPES[0]! },
        body: request.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
    } catch {
      throw new AppError('COLLECTOR_UNAVAILABLE', 'the trace collector did not answer', 503);
    }
    const answer = Buffer.from(await upstream.arrayBuffer());
    if (upstream.status >= 500) throw new AppError('COLLECTOR_UNAVAILABLE', `the trace collector answered ${upstream.status}`, 503);
    if (!upstream.ok) throw new AppError('INVALID_SPANS', `the trace collector refused the spans: ${answer.toString('utf8').slice(0, 200)}`, 400);
    response.status(upstream.status).type(upstream.headers.get('content-type') ?? 'application/json').send(answer);
  });
  return router;
}
