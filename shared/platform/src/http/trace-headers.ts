import type { RequestHandler } from 'express';
import { trace } from '@opentelemetry/api';

/**
 * Tells every caller which trace its request belongs to: the W3C `traceresponse`
 * header and a plain `x-trace-id` to paste into Jaeger.
 */
export function traceHeaders(): RequestHandler {
  return (_request, response, next) => {
    const context = trace.getActiveSpan()?.spanContext();
    if (context && trace.isSpanContextValid(context)) {
      const flags = context.traceFlags.toString(16).padStart(2, '0');
      response.setHeader('traceresponse', `00-${context.traceId}-${context.spanId}-${flags}`);
      response.setHeader('x-trace-id', context.traceId);
    }
    next();
  };
}
