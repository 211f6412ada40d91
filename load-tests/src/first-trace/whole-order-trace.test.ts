import type { Trace, TraceSpan } from '@tracebed/trace-reading';
import { describe, expect, it } from 'vitest';
import { isWholeOrderTrace, servicesMissing } from './whole-order-trace';

const span = (service: string): TraceSpan => ({
  traceId: 't',
  spanId: service,
  parentId: undefined,
  name: `${service} span`,
  service,
  kind: undefined,
  startTimeUs: 0,
  durationUs: 1,
  attributes: {},
  events: [],
  links: [],
  status: { code: 'UNSET', message: undefined },
  isError: false,
  warnings: [],
});
const traceOf = (...services: string[]): Trace => ({ traceId: 't', spans: services.map(span) });

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
