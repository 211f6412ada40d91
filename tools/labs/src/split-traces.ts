// Where a trace splits in two: a service starts a new trace for a request that another service
// sent from inside its own trace. Worked out the same way for the check as the page teaches it.
import type { Trace, TraceSpan } from '@tracebed/trace-reading';
import { rootsOf } from './trace-facts';

/** Client and server spans of one call start this far apart at most, beyond the client span's own time. */
const SAME_CALL_SLACK_US = 50_000;

/** `POST /reservations`: the method and path of an HTTP span, as both its sides record them. */
export function requestOf(span: TraceSpan): string | undefined {
  const method = span.attributes['http.request.method'] ?? span.attributes['http.method'];
  const target = span.attributes['url.path'] ?? span.attributes['http.target'];
  if (typeof method !== 'string' || typeof target !== 'string') return undefined;
  return `${method} ${target.split('?')[0]}`;
}

/** The span a trace starts from: the earliest of its roots. */
export function firstRoot(trace: Trace): TraceSpan | undefined {
  return rootsOf(trace).sort((a, b) => a.startTimeUs - b.startTimeUs)[0];
}

/** True for a span that answered a request which came with no trace context at all. */
export const startedWithoutContext = (span: TraceSpan) => span.kind === 'server' && span.parentId === undefined;

export interface Sender {
  trace: Trace;
  span: TraceSpan;
}

/**
 * The client span of `caller`, in one of `callerTraces`, that sent the request `root` answered:
 * the same method and path, running when `root` started, and continued by no span of `root`'s
 * service in its own trace.
 */
export function senderOf(root: TraceSpan, caller: string, callerTraces: readonly Trace[]): Sender | undefined {
  const request = requestOf(root);
  if (request === undefined) return undefined;
  for (const trace of callerTraces) {
    for (const span of trace.spans) {
      if (span.service !== caller || span.kind !== 'client' || requestOf(span) !== request) continue;
      const running = span.startTimeUs <= root.startTimeUs && root.startTimeUs <= span.startTimeUs + span.durationUs + SAME_CALL_SLACK_US;
      const continued = trace.spans.some((child) => child.parentId === span.spanId && child.service === root.service);
      if (running && !continued) return { trace, span };
    }
  }
  return undefined;
}
