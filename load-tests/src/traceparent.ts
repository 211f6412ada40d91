import { randomBytes } from 'node:crypto';
import { ROOT_CONTEXT, defaultTextMapSetter, trace, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** A fresh W3C trace context: this request is the root of a trace of its own. */
export function newTraceContext(): { traceId: string; spanId: string; header: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
}

const propagator = new W3CTraceContextPropagator();

/** The headers (traceparent, tracestate) that make the server's span a child of `span`. */
export function traceContextHeaders(span: Span): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
  return headers;
}
