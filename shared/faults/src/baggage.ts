import { context, propagation, type Context } from '@opentelemetry/api';

/**
 * Per-request faults ride in W3C baggage under this key, so they cross every HTTP call and
 * every message (the outbox stores the baggage with the trace context) and reach only the
 * services this one request touches. Only the gateway writes it, from a validated X-Fault
 * header; it removes any entry a client sent under the reserved prefix.
 */
export const FAULT_BAGGAGE_KEY = 'tracebed.fault';

/** Baggage keys tracebed reserves for itself: never taken from a client. */
export const RESERVED_BAGGAGE_PREFIX = 'tracebed.';

export function withRequestFaults(parent: Context, spec: string): Context {
  const baggage = propagation.getBaggage(parent) ?? propagation.createBaggage();
  return propagation.setBaggage(parent, baggage.setEntry(FAULT_BAGGAGE_KEY, { value: spec }));
}

export function requestFaultSpec(active: Context = context.active()): string | undefined {
  return propagation.getBaggage(active)?.getEntry(FAULT_BAGGAGE_KEY)?.value;
}

/**
 * True while working for a request that carries per-request faults: such work is an experiment,
 * so shared state (circuits, in-flight counts) treats it apart from everyone else's.
 */
export function carriesRequestFaults(active: Context = context.active()): boolean {
  return requestFaultSpec(active) !== undefined;
}
