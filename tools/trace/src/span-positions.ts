import { spanTree, type Trace, type TraceSpan } from '@tracebed/trace-reading';

/** A span with the place it holds in its trace, the same for the same step of the same request. */
export interface PositionedSpan {
  span: TraceSpan;
  /**
   * Service and name of each span from the root down to this one, each with its rank among
   * earlier siblings of the same service and name: `gateway POST /api/orders#1 > … > inventory pg.query#2`.
   */
  position: string;
  /** Its rank among all spans of its service and name in the trace, in waterfall order (1 for the first). */
  ordinal: number;
  /** How many spans of its service and name the trace has. */
  namesakes: number;
}

const label = (span: TraceSpan) => `${span.service} ${span.name}`;

/** Every span of the trace with its position, in waterfall order (parents first, siblings by start). */
export function positionedSpans(trace: Trace): PositionedSpan[] {
  const tree = spanTree(trace);
  const positioned: PositionedSpan[] = [];
  const seen = new Map<string, number>();
  const walk = (siblings: readonly TraceSpan[], parentPosition: string) => {
    const ranks = new Map<string, number>();
    for (const span of siblings) {
      const rank = (ranks.get(label(span)) ?? 0) + 1;
      ranks.set(label(span), rank);
      const position = `${parentPosition}${parentPosition ? ' > ' : ''}${label(span)}#${rank}`;
      const ordinal = (seen.get(label(span)) ?? 0) + 1;
      seen.set(label(span), ordinal);
      positioned.push({ span, position, ordinal, namesakes: 0 });
      walk(tree.childrenOf(span), position);
    }
  };
  walk(tree.roots, '');
  for (const entry of positioned) entry.namesakes = seen.get(label(entry.span)) ?? 1;
  return positioned;
}
