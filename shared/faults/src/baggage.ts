import { context, propagation, type Context } from '@opentelemetry/api';

/**
 * Per-request faults ride in W3C baggage under this key, so they cross every HTTP call and
 * every message (the outbox stores the baggage with the trace context) and reach only the
 * services this one request touches.
 */
export const FAULT_BAGGAGE_KEY = 'tracebed.fault';

export function withRequestFaults(parent: Context, spec: string): Context {
  const baggage = propagation.getBaggage(parent) ?? propagation.createBaggage();
  return propagation.setBaggage(parent, baggage.setEntry(FAULT_BAGGAGE_KEY, { value: spec }));
}

export function requestFaultSpec(active: Context = context.active()): string | undefined {
  return propagation.getBaggage(active)?.getEntry(FAULT_BAGGAGE_KEY)?.value;
}
