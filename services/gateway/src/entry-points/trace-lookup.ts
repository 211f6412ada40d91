import { Router } from 'express';
import { z } from 'zod';
import { AppError, parseInput } from '@tracebed/platform';
import { buildWaterfall, fetchTrace, waterfallJson, type DetailLimits, type Trace } from '@tracebed/trace-viewer';

const TraceIdParam = z.object({ traceId: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits') });

// Span details for the page, kept small: the gateway's heap is small and a SQL text or a
// browser's resource timings can be long. Enough to read a span; Jaeger holds the rest.
const PAGE_DETAIL_LIMITS: DetailLimits = { maxValueLength: 300, maxAttributes: 40, maxListItems: 20 };

/**
 * `GET /api/traces/:traceId`: an order's trace as a compact waterfall with each span's details,
 * read from Jaeger's query API, so the shop page can show it where Jaeger's own UI is not at hand.
 */
export function traceLookup(jaegerQueryUrl: string): Router {
  const router = Router();
  router.get('/api/traces/:traceId', async (request, response) => {
    const { traceId } = parseInput(TraceIdParam, request.params, 'trace id');
    let trace: Trace | undefined;
    try {
      trace = await fetchTrace(jaegerQueryUrl, traceId, { timeoutMs: 5_000 });
    } catch {
      throw new AppError('TRACE_STORE_UNAVAILABLE', 'Jaeger did not answer', 503);
    }
    if (!trace) throw new AppError('TRACE_NOT_FOUND', `Jaeger has no trace ${traceId} (yet: spans arrive within a second or two)`, 404);
    response.json(waterfallJson(buildWaterfall(trace), PAGE_DETAIL_LIMITS));
  });
  return router;
}
