import { Router } from 'express';
import { z } from 'zod';
import { AppError, parseInput } from '@tracebed/platform';
import { buildWaterfall, fetchTrace, TraceTooLargeError, waterfallJson, type DetailLimits, type Trace } from '@tracebed/trace-reading';

const TraceIdParam = z.object({ traceId: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits') });

// Span details for the page, kept small: the gateway's heap is small and a SQL text or a
// browser's resource timings can be long. Enough to read a span; Jaeger holds the rest.
const PAGE_DETAIL_LIMITS: DetailLimits = { maxValueLength: 300, maxAttributes: 40, maxListItems: 20 };

export interface TraceLookupLimits {
  /** The most of Jaeger's answer read for one trace: an order's trace is about 50 kB. */
  maxTraceBytes: number;
  /** Lookups at once; each may hold its answer several times over while parsing it. */
  maxInFlight: number;
}

export const DEFAULT_TRACE_LOOKUP_LIMITS: TraceLookupLimits = { maxTraceBytes: 2 * 1024 * 1024, maxInFlight: 4 };

async function readTrace(jaegerQueryUrl: string, traceId: string, maxBytes: number): Promise<Trace | undefined> {
  try {
    return await fetchTrace(jaegerQueryUrl, traceId, { timeoutMs: 5_000, maxBytes });
  } catch (error) {
    if (error instanceof TraceTooLargeError) throw new AppError('TRACE_TOO_LARGE', `trace ${traceId} is larger than the ${maxBytes / 1024 / 1024} MiB the page shows; open it in Jaeger`, 502);
    throw new AppError('TRACE_STORE_UNAVAILABLE', 'Jaeger did not answer', 503);
  }
}

/**
 * `GET /api/traces/:traceId`: an order's trace as a compact waterfall with each span's details,
 * read from Jaeger's query API, so the shop page can show it where Jaeger's own UI is not at hand.
 */
export function traceLookup(jaegerQueryUrl: string, limits: TraceLookupLimits = DEFAULT_TRACE_LOOKUP_LIMITS): Router {
  const router = Router();
  let inFlight = 0;
  router.get('/api/traces/:traceId', async (request, response) => {
    const { traceId } = parseInput(TraceIdParam, request.params, 'trace id');
    if (inFlight >= limits.maxInFlight) throw new AppError('TRACE_STORE_UNAVAILABLE', 'too many trace lookups at once, retry shortly', 503);
    inFlight += 1;
    try {
      const trace = await readTrace(jaegerQueryUrl, traceId, limits.maxTraceBytes);
      if (!trace) throw new AppError('TRACE_NOT_FOUND', `Jaeger has no trace ${traceId} (yet: spans arrive within a second or two)`, 404);
      response.json(waterfallJson(buildWaterfall(trace), PAGE_DETAIL_LIMITS));
    } finally {
      inFlight -= 1;
    }
  });
  return router;
}
