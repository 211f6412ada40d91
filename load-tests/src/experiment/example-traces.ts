import { fetchTrace } from '@tracebed/trace-reading';
import type { Samples } from '../recorder';

export interface ExampleTrace {
  why: string;
  traceId: string;
  /** As Jaeger's query API has it; 0 when Jaeger does not know the trace. */
  spans: number;
  services: string[];
  errors: number;
}

/** The slowest orders placed and the failed requests, each looked up in Jaeger's query API. */
export async function exampleTraces(samples: Samples, jaegerUrl: string, perKind = 3): Promise<ExampleTrace[]> {
  const slowest = samples.requests
    .filter((request) => request.name === 'place_order' && !request.failed)
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, perKind)
    .map((request) => ({ why: `slowest order placement: ${request.durationMs} ms at t=${(request.atMs / 1000).toFixed(1)} s`, traceId: request.traceId }));
  const slowestCompletions = samples.journeys
    .filter((journey) => journey.completionMs !== undefined)
    .sort((a, b) => b.completionMs! - a.completionMs!)
    .slice(0, perKind)
    .map((journey) => ({ why: `slowest to a final status (${journey.finalStatus}): ${journey.completionMs} ms, placed at t=${(journey.atMs / 1000).toFixed(1)} s`, traceId: journey.traceId }));
  const failed = samples.requests
    .filter((request) => request.failed)
    .slice(0, perKind)
    .map((request) => ({ why: `failed ${request.name}: ${request.status === 0 ? 'no answer' : `HTTP ${request.status}`} at t=${(request.atMs / 1000).toFixed(1)} s`, traceId: request.traceId }));
  const unfinished = samples.journeys
    .filter((journey) => journey.accepted && journey.finalStatus !== 'paid')
    .slice(0, perKind)
    .map((journey) => ({ why: `order ${journey.finalStatus ?? 'not final in time'} at t=${(journey.atMs / 1000).toFixed(1)} s`, traceId: journey.traceId }));

  return Promise.all(
    [...slowest, ...slowestCompletions, ...failed, ...unfinished].map(async (example) => {
      const trace = await fetchTrace(jaegerUrl, example.traceId, { timeoutMs: 5_000 }).catch(() => undefined);
      return {
        ...example,
        spans: trace?.spans.length ?? 0,
        services: [...new Set(trace?.spans.map((span) => span.service) ?? [])].sort(),
        errors: trace?.spans.filter((span) => span.isError).length ?? 0,
      };
    }),
  );
}
