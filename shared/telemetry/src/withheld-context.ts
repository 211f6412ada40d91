import { context, createContextKey, type Attributes, type Context, type TextMapGetter, type TextMapPropagator, type TextMapSetter } from '@opentelemetry/api';

/**
 * Set by the service client (`@tracebed/platform`, http/call-attempt.ts) around one call that a
 * `lose-context` fault sends without the trace context; its value is the fault's attributes, for
 * the call's client span. A `Symbol.for` key, shared without an import, as resend-count.ts says.
 */
export const CONTEXT_WITHHELD_KEY = createContextKey('tracebed.http.request.context_withheld');

const isAttributes = (value: unknown): value is Attributes => typeof value === 'object' && value !== null;

/**
 * `inner`, except that it injects nothing (no traceparent, tracestate or baggage) into a call
 * whose context holds CONTEXT_WITHHELD_KEY. The caller's span is still started in the caller's
 * trace: only the callee loses the context, and starts a trace of its own.
 */
export function contextWithholdingPropagator<Carrier>(inner: TextMapPropagator<Carrier>): TextMapPropagator<Carrier> {
  return {
    inject(active: Context, carrier: Carrier, setter: TextMapSetter<Carrier>) {
      if (active.getValue(CONTEXT_WITHHELD_KEY) === undefined) inner.inject(active, carrier, setter);
    },
    extract: (active: Context, carrier: Carrier, getter: TextMapGetter<Carrier>) => inner.extract(active, carrier, getter),
    fields: () => inner.fields(),
  };
}

/** The fault's attributes for the client span of a call sent without its context; none otherwise. */
export function withheldContextAttributes(): Attributes {
  const fault = context.active().getValue(CONTEXT_WITHHELD_KEY);
  return isAttributes(fault) ? fault : {};
}
