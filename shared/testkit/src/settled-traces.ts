import { fetchTrace, type Trace } from '@tracebed/trace-reading';

export interface SettleOptions {
  /** No new span in any trace for this long means the services have exported everything. */
  quietMs?: number;
  timeoutMs?: number;
  /** Traces fetched at once. */
  concurrency?: number;
}

async function fetchAll(jaegerUrl: string, traceIds: readonly string[], concurrency: number): Promise<Map<string, Trace>> {
  const traces = new Map<string, Trace>();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < traceIds.length) {
      const traceId = traceIds[next++]!;
      const trace = await fetchTrace(jaegerUrl, traceId, { timeoutMs: 10_000 });
      if (trace) traces.set(traceId, trace);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, traceIds.length) }, worker));
  return traces;
}

const spanTotal = (traces: Map<string, Trace>) => [...traces.values()].reduce((sum, trace) => sum + trace.spans.length, 0);

/**
 * The traces as Jaeger holds them once their spans have stopped arriving: four processes
 * export in batches (every 500 ms), so a trace read too early looks broken when it is not.
 * Reads every trace in rounds until the total span count holds still for `quietMs`, or the
 * time is up; then returns what Jaeger has (a trace it does not know is left out).
 */
export async function settledTraces(jaegerUrl: string, traceIds: readonly string[], options: SettleOptions = {}): Promise<Map<string, Trace>> {
  const quietMs = options.quietMs ?? 1_500;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let traces = await fetchAll(jaegerUrl, traceIds, options.concurrency ?? 20);
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(500, quietMs)));
    const again = await fetchAll(jaegerUrl, traceIds, options.concurrency ?? 20);
    if (spanTotal(again) !== spanTotal(traces) || again.size !== traces.size) stableSince = Date.now();
    traces = again;
    if (Date.now() - stableSince >= quietMs) break;
  }
  return traces;
}
