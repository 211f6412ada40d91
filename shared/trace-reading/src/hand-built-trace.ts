// Spans built by hand for unit tests, in milliseconds from zero: of this library and of the tools that read traces.
import type { Trace, TraceSpan } from './jaeger-trace';

export function span(spanId: string, parentId: string | undefined, startMs: number, durationMs: number, extra: Partial<TraceSpan> = {}): TraceSpan {
  return {
    traceId: 't'.repeat(32),
    spanId,
    parentId,
    name: spanId,
    service: 'svc',
    kind: undefined,
    startTimeUs: startMs * 1_000,
    durationUs: durationMs * 1_000,
    attributes: {},
    events: [],
    links: [],
    status: { code: 'UNSET', message: undefined },
    isError: false,
    warnings: [],
    ...extra,
  };
}

export const traceOf = (...spans: TraceSpan[]): Trace => ({ traceId: 't'.repeat(32), spans });
