// Facts about a trace that the labs ask learners to find, computed the same way for the check.
import { buildWaterfall, type Trace, type TraceSpan } from '@tracebed/trace-reading';

export const rootsOf = (trace: Trace) => {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  return trace.spans.filter((span) => !span.parentId || !ids.has(span.parentId));
};

export const parentOf = (trace: Trace, span: TraceSpan) => trace.spans.find((candidate) => candidate.spanId === span.parentId);

export const spansNamed = (trace: Trace, service: string, name: string) => trace.spans.filter((span) => span.service === service && span.name === name);

/** SQL statements: the pg instrumentation's query spans (connections from the pool are not statements). */
export const sqlStatements = (trace: Trace) => trace.spans.filter((span) => span.name.startsWith('pg.query'));

/** Messages sent: one producer span per publish. */
export const publishes = (trace: Trace) => trace.spans.filter((span) => span.kind === 'producer');

/** Messages received by `service`: one consumer span per delivery, redeliveries included. */
export const deliveriesTo = (trace: Trace, service: string) => trace.spans.filter((span) => span.kind === 'consumer' && span.service === service);

export const faultsInjected = (trace: Trace, kind?: string) =>
  trace.spans.flatMap((span) =>
    span.events.filter((event) => event.name === 'fault.injected' && (kind === undefined || event.attributes['fault.kind'] === kind)).map((event) => ({ span, attributes: event.attributes })),
  );

/** The queue a consumer span read from (semantic conventions: the subscription's name). */
export const queueOf = (span: TraceSpan) => String(span.attributes['messaging.destination.subscription.name'] ?? span.name.replace(/^process /, ''));

/** The exchange a message went through (semantic conventions: the destination's name). */
export const exchangeOf = (span: TraceSpan) => String(span.attributes['messaging.destination.name'] ?? '');

/** The spans on the critical path, exactly those the page shows in bold and `pnpm trace` marks with `*`. */
export const criticalSpans = (trace: Trace) => buildWaterfall(trace).rows.filter((row) => row.critical).map((row) => row.span);
