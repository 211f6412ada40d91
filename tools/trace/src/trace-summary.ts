import { endOf, spanTree, type Trace } from '@tracebed/trace-reading';

/** A trace in one line's worth of facts. */
export interface TraceSummary {
  traceId: string;
  startUs: number;
  durationUs: number;
  spans: number;
  errors: number;
  /** The span the request started with: the one without a parent (an orphan only when the root is missing). */
  root: { service: string; name: string } | undefined;
}

export function summarizeTrace(trace: Trace): TraceSummary {
  const { roots } = spanTree(trace);
  const root = roots.find((span) => !span.parentId) ?? roots[0];
  const startUs = Math.min(...trace.spans.map((span) => span.startTimeUs));
  return {
    traceId: trace.traceId,
    startUs,
    durationUs: Math.max(...trace.spans.map(endOf)) - startUs,
    spans: trace.spans.length,
    errors: trace.spans.filter((span) => span.isError).length,
    root: root ? { service: root.service, name: root.name } : undefined,
  };
}
