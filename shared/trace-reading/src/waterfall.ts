import { criticalPath, type CriticalSection } from './critical-path';
import type { Trace, TraceSpan } from './jaeger-trace';
import { selfTimeUs } from './self-time';
import { endOf, spanTree } from './span-tree';

/** One line of the waterfall: a span placed in time and in the tree. */
export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  offsetUs: number;
  /** Its duration minus the time its children ran (inside it). */
  selfTimeUs: number;
  /** Part of it is on the critical path: the end of its root waited for it. */
  critical: boolean;
  /** When it was on the critical path, in time order. */
  criticalSections: CriticalSection[];
  /** How long it was on the critical path in all. */
  criticalUs: number;
  /** Its parent is not in the trace: the trace is incomplete (or still arriving). */
  orphan: boolean;
}

export interface Waterfall {
  traceId: string;
  /** When the first span started, in microseconds since the epoch. */
  startUs: number;
  durationUs: number;
  rows: WaterfallRow[];
  services: string[];
  errors: number;
}

export function buildWaterfall(trace: Trace): Waterfall {
  const tree = spanTree(trace);
  const critical = criticalPath(tree);
  const start = Math.min(...trace.spans.map((span) => span.startTimeUs));
  const end = Math.max(...trace.spans.map(endOf));

  const rows: WaterfallRow[] = [];
  const walk = (span: TraceSpan, depth: number, orphan: boolean) => {
    const sections = critical.get(span.spanId) ?? [];
    rows.push({
      span,
      depth,
      offsetUs: span.startTimeUs - start,
      selfTimeUs: selfTimeUs(span, tree.childrenOf(span)),
      critical: sections.length > 0,
      criticalSections: sections,
      criticalUs: sections.reduce((sum, section) => sum + section.endUs - section.startUs, 0),
      orphan,
    });
    for (const child of tree.childrenOf(span)) walk(child, depth + 1, false);
  };
  for (const root of tree.roots) walk(root, 0, Boolean(root.parentId));
  return {
    traceId: trace.traceId,
    startUs: start,
    durationUs: end - start,
    rows,
    services: [...new Set(trace.spans.map((span) => span.service))].sort(),
    errors: trace.spans.filter((span) => span.isError).length,
  };
}
