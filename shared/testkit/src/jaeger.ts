import { fetchTrace, type Trace } from '@tracebed/trace-reading';
import { eventually } from './eventually';

export { fetchTrace, type Trace, type TraceSpan } from '@tracebed/trace-reading';

/**
 * Waits until Jaeger holds the trace, `isComplete` accepts it, and no new span has arrived for
 * `quietMs`. Spans come in separate batches from four processes, so a trace that looks
 * complete from one service's spans may still be missing another's.
 */
export function waitForTrace(jaegerUrl: string, traceId: string, isComplete: (trace: Trace) => boolean, timeoutMs = 20_000, quietMs = 1_000): Promise<Trace> {
  let lastCount = -1;
  let unchangedSince = Date.now();
  return eventually(
    async () => {
      const trace = await fetchTrace(jaegerUrl, traceId);
      if (!trace || !isComplete(trace)) return undefined;
      if (trace.spans.length !== lastCount) {
        lastCount = trace.spans.length;
        unchangedSince = Date.now();
        return undefined;
      }
      return Date.now() - unchangedSince >= quietMs ? trace : undefined;
    },
    { timeoutMs, intervalMs: 250, description: `trace ${traceId} in Jaeger` },
  );
}
