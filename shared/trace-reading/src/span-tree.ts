import type { Trace, TraceSpan } from './jaeger-trace';

/** A trace's spans as a tree: who is whose parent, everything in order of start. */
export interface SpanTree {
  /** Spans without a parent in the trace: the true root, and orphans whose parent is missing. */
  roots: TraceSpan[];
  childrenOf(span: TraceSpan): readonly TraceSpan[];
}

export const endOf = (span: TraceSpan) => span.startTimeUs + span.durationUs;

const byStart = (a: TraceSpan, b: TraceSpan) => a.startTimeUs - b.startTimeUs;

export function spanTree(trace: Trace): SpanTree {
  const ids = new Set(trace.spans.map((span) => span.spanId));
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const span of trace.spans) {
    if (span.parentId && ids.has(span.parentId)) children.set(span.parentId, [...(children.get(span.parentId) ?? []), span]);
    else roots.push(span);
  }
  for (const list of children.values()) list.sort(byStart);
  roots.sort(byStart);
  return { roots, childrenOf: (span) => children.get(span.spanId) ?? [] };
}
