import { describe, expect, it } from 'vitest';
import { traceFromJaeger, type JaegerSpan } from './jaeger-trace';

const TRACE_ID = 'a'.repeat(32);

function jaegerSpan(spanID: string, extra: Partial<JaegerSpan>): JaegerSpan {
  return { traceID: TRACE_ID, spanID, operationName: spanID, references: [], startTime: 1_000, duration: 10, tags: [], logs: [], processID: 'p1', warnings: null, ...extra };
}

describe("reading Jaeger's trace format", () => {
  const trace = traceFromJaeger({
    traceID: TRACE_ID,
    processes: { p1: { serviceName: 'payments' } },
    spans: [
      jaegerSpan('charge', {
        references: [
          { refType: 'CHILD_OF', traceID: TRACE_ID, spanID: 'consume' },
          { refType: 'FOLLOWS_FROM', traceID: 'b'.repeat(32), spanID: 'earlier' },
        ],
        tags: [
          { key: 'span.kind', value: 'internal' },
          { key: 'otel.status_code', value: 'ERROR' },
          { key: 'otel.status_description', value: 'card declined' },
          { key: 'payment.outcome', value: 'declined' },
        ],
        logs: [{ timestamp: 1_004, fields: [{ key: 'event', value: 'exception' }, { key: 'exception.type', value: 'CardDeclined' }] }],
        warnings: ['clock skew adjustment disabled'],
      }),
      jaegerSpan('root', { references: null, tags: [{ key: 'otel.status_code', value: 'OK' }], logs: null, processID: 'gone' }),
    ],
  });
  const [charge, root] = trace.spans;

  it('takes the CHILD_OF reference as the parent and the other references as links', () => {
    expect(charge).toMatchObject({ parentId: 'consume', links: [{ traceId: 'b'.repeat(32), spanId: 'earlier', type: 'FOLLOWS_FROM' }] });
    expect(root).toMatchObject({ parentId: undefined, links: [], events: [], service: 'unknown' });
  });

  it('reads kind, status, events with their time and attributes, and warnings from the tags and logs', () => {
    expect(charge).toMatchObject({ service: 'payments', kind: 'internal', isError: true, status: { code: 'ERROR', message: 'card declined' }, warnings: ['clock skew adjustment disabled'] });
    expect(charge?.events).toEqual([{ name: 'exception', timeUs: 1_004, attributes: { 'exception.type': 'CardDeclined' } }]);
    expect(root?.status).toEqual({ code: 'OK', message: undefined });
  });
});
