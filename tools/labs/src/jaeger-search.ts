import { traceFromJaeger, type Trace } from '@tracebed/trace-reading';

/** One trace of Jaeger's query API answer. */
type JaegerTrace = Parameters<typeof traceFromJaeger>[0];

export interface TraceSearch {
  service: string;
  /** Spans of `service` that started in this window, in microseconds since the epoch. */
  startUs: number;
  endUs: number;
  limit: number;
  /** Only traces with a span, or a span event, carrying every one of these attributes. */
  tags?: Record<string, string>;
}

/** The traces in which `service` has a span that started in the window (Jaeger's search API). */
export async function searchTraces(jaegerUrl: string, search: TraceSearch, timeoutMs = 5_000): Promise<Trace[]> {
  const url = new URL('/api/traces', jaegerUrl);
  url.searchParams.set('service', search.service);
  url.searchParams.set('start', String(Math.floor(search.startUs)));
  url.searchParams.set('end', String(Math.ceil(search.endUs)));
  url.searchParams.set('limit', String(search.limit));
  if (search.tags) url.searchParams.set('tags', JSON.stringify(search.tags));
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Jaeger answered ${response.status} to a search for ${search.service}'s traces`);
  }
  const body = (await response.json()) as { data?: JaegerTrace[] | null };
  return (body.data ?? []).map(traceFromJaeger);
}
