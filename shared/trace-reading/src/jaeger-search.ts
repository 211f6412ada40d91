import { readCappedText } from './capped-body';
import { traceFromJaeger, type JaegerTrace, type Trace } from './jaeger-trace';

/** What Jaeger's search (`GET /api/traces`) is asked: the traces with a span of `service` matching the rest. */
export interface TraceSearch {
  service: string;
  operation?: string;
  /** Span tags that must all be present with these values. */
  tags?: Record<string, string>;
  /** Go duration syntax, as Jaeger takes it: `200ms`, `1.5s`. */
  minDuration?: string;
  maxDuration?: string;
  startUs: number;
  endUs: number;
  limit: number;
}

export interface SearchOptions {
  timeoutMs?: number;
  /** The most of Jaeger's answer read into memory; a longer one throws SearchTooLargeError. */
  maxBytes?: number;
}

/** A search answer bigger than most machines want in one string; narrower searches still work. */
export const DEFAULT_SEARCH_MAX_BYTES = 64 * 1024 * 1024;

export class SearchTooLargeError extends Error {
  readonly code = 'SEARCH_TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`Jaeger's search answer is larger than ${maxBytes} bytes: ask for fewer traces (--limit) or a shorter time (--since)`);
  }
}

export function searchUrl(jaegerUrl: string, search: TraceSearch): URL {
  const url = new URL('/api/traces', jaegerUrl);
  url.searchParams.set('service', search.service);
  if (search.operation) url.searchParams.set('operation', search.operation);
  if (search.tags && Object.keys(search.tags).length > 0) url.searchParams.set('tags', JSON.stringify(search.tags));
  if (search.minDuration) url.searchParams.set('minDuration', search.minDuration);
  if (search.maxDuration) url.searchParams.set('maxDuration', search.maxDuration);
  url.searchParams.set('start', String(Math.floor(search.startUs)));
  url.searchParams.set('end', String(Math.ceil(search.endUs)));
  url.searchParams.set('limit', String(search.limit));
  return url;
}

/** What Jaeger said went wrong, when it said it in its JSON. */
function jaegerErrors(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { errors?: { msg?: string }[] | null };
    return body.errors?.map((error) => error.msg).join('; ') || undefined;
  } catch {
    return undefined;
  }
}

/** The traces Jaeger finds, each whole, in the order Jaeger gives them. */
export async function searchTraces(jaegerUrl: string, search: TraceSearch, options: SearchOptions = {}): Promise<Trace[]> {
  const url = searchUrl(jaegerUrl, search);
  const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  const maxBytes = options.maxBytes ?? DEFAULT_SEARCH_MAX_BYTES;
  const text = await readCappedText(response, maxBytes, () => new SearchTooLargeError(maxBytes));
  if (!response.ok) {
    const reason = jaegerErrors(text);
    throw new Error(`Jaeger answered ${response.status} to the search${reason ? `: ${reason}` : ''}`);
  }
  const body = JSON.parse(text) as { data?: JaegerTrace[] | null };
  return (body.data ?? []).map(traceFromJaeger);
}
