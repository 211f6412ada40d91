import type { TraceSpan } from './jaeger-trace';
import { endOf } from './span-tree';

/**
 * The time a span spent on its own: its duration minus the time at least one of its children
 * was running, counting only the part of each child inside the span.
 */
export function selfTimeUs(span: TraceSpan, children: readonly TraceSpan[]): number {
  const startUs = span.startTimeUs;
  const endUs = endOf(span);
  const inside = children
    .map((child) => ({ startUs: Math.max(child.startTimeUs, startUs), endUs: Math.min(endOf(child), endUs) }))
    .filter((part) => part.endUs > part.startUs)
    .sort((a, b) => a.startUs - b.startUs);
  let coveredUs = 0;
  let reachedUs = startUs;
  for (const part of inside) {
    if (part.endUs <= reachedUs) continue;
    coveredUs += part.endUs - Math.max(part.startUs, reachedUs);
    reachedUs = part.endUs;
  }
  return span.durationUs - coveredUs;
}
