import type { Trace, TraceSpan } from './jaeger-trace';

/** One line of the waterfall: a span placed in time and in the tree. */
export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  offsetUs: number;
  /** On the chain of spans that decided when the trace ended. */
  critical: boolean;
  /** Its parent is not in the trace: the trace is incomplete (or still arriving). */
  orphan: boolean;
}

export interface Waterfall {
  traceId: string;
  durationUs: number;
  rows: WaterfallRow[];
  services: string[];
  errors: number;
}

const endOf = (span: TraceSpan) => span.startTimeUs + span.durationUs;

/**
 * The critical path: from the root, follow at each span the child whose subtree finishes last.
 * Those are the spans the end of the trace waited for, across HTTP calls and queue hops alike
 * (a consumer ends long after the publish span that is its parent).
 */
function criticalPath(root: TraceSpan, children: Map<string, TraceSpan[]>): Set<string> {
  const subtreeEnd = new Map<string, number>();
  const finish = (span: TraceSpan): number => {
    const known = subtreeEnd.get(span.spanId);
    if (known !== undefined) return known;
    const value = Math.max(endOf(span), ...(children.get(span.spanId) ?? []).map(finish));
    subtreeEnd.set(span.spanId, value);
    return value;
  };
  const path = new Set<string>();
  for (let span: TraceSpan | undefined = root; span; ) {
    path.add(span.spanId);
    const kids: TraceSpan[] = children.get(span.spanId) ?? [];
    let next: TraceSpan | undefined;
    for (const kid of kids) if (!next || finish(kid) > finish(next)) next = kid;
    span = next;
  }
  return path;
}

export function buildWaterfall(trace: Trace): Waterfall {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const span of trace.spans) {
    if (span.parentId && ids.has(span.parentId)) children.set(span.parentId, [...(children.get(span.parentId) ?? []), span]);
    else roots.push(span);
  }
  const byStart = (a: TraceSpan, b: TraceSpan) => a.startTimeUs - b.startTimeUs;
  roots.sort(byStart);
  const start = Math.min(...trace.spans.map((span) => span.startTimeUs));
  const end = Math.max(...trace.spans.map(endOf));
  const main = roots.find((root) => !root.parentId) ?? roots[0];
  const critical = main ? criticalPath(main, children) : new Set<string>();

  const rows: WaterfallRow[] = [];
  const walk = (span: TraceSpan, depth: number, orphan: boolean) => {
    rows.push({ span, depth, offsetUs: span.startTimeUs - start, critical: critical.has(span.spanId), orphan });
    for (const child of (children.get(span.spanId) ?? []).sort(byStart)) walk(child, depth + 1, false);
  };
  for (const root of roots) walk(root, 0, Boolean(root.parentId));
  return {
    traceId: trace.traceId,
    durationUs: end - start,
    rows,
    services: [...new Set(trace.spans.map((span) => span.service))].sort(),
    errors: trace.spans.filter((span) => span.isError).length,
  };
}
