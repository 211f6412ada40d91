import type { TraceSpan } from './jaeger-trace';
import { endOf, type SpanTree } from './span-tree';

/** A stretch of time, in microseconds since the epoch, during which a span is on the critical path. */
export interface CriticalSection {
  startUs: number;
  endUs: number;
}

interface Interval {
  startUs: number;
  endUs: number;
}

/** A child as its parent saw it: a child that outlives its parent stops mattering when the parent ends. */
function clipToParent(child: TraceSpan, parent: Interval): (Interval & { span: TraceSpan }) | undefined {
  const startUs = child.startTimeUs;
  const endUs = endOf(child);
  if (startUs >= parent.endUs) return undefined; // started after the parent ended: the parent did not wait for it
  if (startUs < parent.startUs && endUs <= parent.startUs) return undefined;
  return { span: child, startUs: Math.max(startUs, parent.startUs), endUs: Math.min(endUs, parent.endUs) };
}

/**
 * The critical path as Jaeger's UI defines it: the time each span spent holding up the end of
 * its root. From a span's end, walk back: the child that finished last is on the path; before
 * it, the child that finished last before that one started, and so on. The gaps between them
 * are the span's own time on the path. Then the same inside each chosen child.
 *
 * Children are clipped to their parent first, so work the parent did not wait for (a message
 * consumed after the publish span ended) is not on the path of that root. Like Jaeger, a child
 * must end strictly before the next chosen one starts; every root gets a path of its own.
 *
 * @returns for each span on the path, its sections in order of time
 */
export function criticalPath(tree: SpanTree): Map<string, CriticalSection[]> {
  const sections = new Map<string, CriticalSection[]>();
  const add = (span: TraceSpan, startUs: number, endUs: number) => {
    if (endUs > startUs) sections.set(span.spanId, [{ startUs, endUs }, ...(sections.get(span.spanId) ?? [])]);
  };

  const follow = (span: TraceSpan, window: Interval) => {
    const children = tree.childrenOf(span).flatMap((child) => clipToParent(child, window) ?? []);
    // Latest end first; among equal ends, the earliest start (a stable sort keeps start order).
    children.sort((a, b) => b.endUs - a.endUs);
    let cursor = window.endUs;
    let chosen = false;
    for (const child of children) {
      if (chosen && child.endUs >= cursor) continue; // ran while a chosen sibling did: not what the parent waited for
      add(span, child.endUs, cursor);
      follow(child.span, child);
      cursor = child.startUs;
      chosen = true;
    }
    add(span, window.startUs, cursor);
  };

  for (const root of tree.roots) follow(root, { startUs: root.startTimeUs, endUs: endOf(root) });
  return sections;
}
