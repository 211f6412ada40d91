import type { Trace } from '@tracebed/trace-reading';
import { span, traceOf as handBuiltTraceOf } from '@tracebed/trace-reading/hand-built-trace';
import { describe, expect, it } from 'vitest';
import { isWholeOrderTrace, servicesMissing } from './whole-order-trace';

/** A trace with one span of each service named, in turn. */
const traceOf = (...services: string[]): Trace => handBuiltTraceOf(...services.map((service) => span(service, undefined, 0, 1, { service, name: `${service} span` })));

describe('isWholeOrderTrace', () => {
  it('accepts a paid order whose trace has spans of all four services', () => {
    expect(isWholeOrderTrace(traceOf('gateway', 'orders', 'inventory', 'payments', 'orders'), 'paid')).toBe(true);
  });

  it('waits while a service has no span in the trace yet', () => {
    expect(isWholeOrderTrace(traceOf('gateway', 'orders', 'inventory'), 'paid')).toBe(false);
    expect(servicesMissing(traceOf('gateway', 'orders', 'inventory'))).toEqual(['payments']);
  });

  it('waits while the order is not paid, whatever the trace holds', () => {
    expect(isWholeOrderTrace(traceOf('gateway', 'orders', 'inventory', 'payments'), 'pending')).toBe(false);
  });

  it('names every service missing while Jaeger does not know the trace', () => {
    expect(servicesMissing(undefined)).toEqual(['gateway', 'orders', 'inventory', 'payments']);
  });
});
