import { fetchTrace } from '@tracebed/trace-viewer';

export interface SpanCount {
  traces: number;
  /** Spans Jaeger holds for those traces. */
  received: number;
  /** A complete order's trace has this many spans: the most common count among paid orders. */
  perTrace: number;
  /** Spans short of every trace being complete: dropped on the way (or never created). */
  missing: number;
  /** Traces Jaeger does not know at all. */
  lostTraces: number;
}

/** Expected against received: every paid order's trace should have as many spans as the others. */
export async function countSpans(jaegerUrl: string, traceIds: string[]): Promise<SpanCount> {
  const counts: number[] = [];
  for (let i = 0; i < traceIds.length; i += 20) {
    const batch = await Promise.all(traceIds.slice(i, i + 20).map((id) => fetchTrace(jaegerUrl, id, { timeoutMs: 10_000 }).then((trace) => trace?.spans.length ?? 0).catch(() => 0)));
    counts.push(...batch);
  }
  const frequency = new Map<number, number>();
  for (const count of counts) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  const perTrace = [...frequency].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  return {
    traces: counts.length,
    received: counts.reduce((a, b) => a + b, 0),
    perTrace,
    missing: counts.reduce((sum, count) => sum + Math.max(0, perTrace - count), 0),
    lostTraces: counts.filter((count) => count === 0).length,
  };
}
