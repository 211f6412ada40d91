import { readCappedText } from './capped-body';

/** Something that happened during a span, at a moment. */
export interface SpanEvent {
  name: string;
  timeUs: number;
  attributes: Record<string, unknown>;
}

/** A reference to another span that is not this span's parent (Jaeger: FOLLOWS_FROM, or a second CHILD_OF). */
export interface SpanLink {
  traceId: string;
  spanId: string;
  type: string;
}

export interface SpanStatus {
  code: 'UNSET' | 'OK' | 'ERROR';
  message: string | undefined;
}

/** A span as the tests see it, flattened from Jaeger's query API format. */
export interface TraceSpan {
  traceId: string;
  spanId: string;
  parentId: string | undefined;
  name: string;
  service: string;
  kind: string | undefined;
  startTimeUs: number;
  durationUs: number;
  attributes: Record<string, unknown>;
  events: SpanEvent[];
  links: SpanLink[];
  status: SpanStatus;
  isError: boolean;
  /** What Jaeger noticed about the span (clock skew, a missing parent…). */
  warnings: string[];
}

export interface Trace {
  traceId: string;
  spans: TraceSpan[];
}

interface JaegerKeyValue {
  key: string;
  value: unknown;
}

interface JaegerReference {
  refType: string;
  traceID: string;
  spanID: string;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: JaegerReference[] | null;
  startTime: number;
  duration: number;
  tags: JaegerKeyValue[] | null;
  logs: { timestamp: number; fields: JaegerKeyValue[] | null }[] | null;
  processID: string;
  warnings: string[] | null;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

const toRecord = (pairs: JaegerKeyValue[] | null) => Object.fromEntries((pairs ?? []).map((pair) => [pair.key, pair.value]));

// Jaeger stores an OpenTelemetry status as tags: otel.status_code, otel.status_description, error.
function statusOf(tags: Record<string, unknown>): SpanStatus {
  const written = tags['otel.status_code'];
  const code = written === 'ERROR' || tags.error === true ? 'ERROR' : written === 'OK' ? 'OK' : 'UNSET';
  const message = tags['otel.status_description'];
  return { code, message: typeof message === 'string' && message ? message : undefined };
}

function fromJaegerSpan(span: JaegerSpan, service: string): TraceSpan {
  const attributes = toRecord(span.tags);
  const references = span.references ?? [];
  const parent = references.find((ref) => ref.refType === 'CHILD_OF');
  const status = statusOf(attributes);
  return {
    traceId: span.traceID,
    spanId: span.spanID,
    parentId: parent?.spanID,
    name: span.operationName,
    service,
    kind: attributes['span.kind'] as string | undefined,
    startTimeUs: span.startTime,
    durationUs: span.duration,
    attributes,
    events: (span.logs ?? []).map((log) => {
      const { event, ...rest } = toRecord(log.fields);
      return { name: String(event ?? ''), timeUs: log.timestamp, attributes: rest };
    }),
    links: references.filter((ref) => ref !== parent).map((ref) => ({ traceId: ref.traceID, spanId: ref.spanID, type: ref.refType })),
    status,
    isError: status.code === 'ERROR',
    warnings: span.warnings ?? [],
  };
}

/** Jaeger's query API format (`/api/traces/<id>`, one element of `data`) as a trace. */
export const traceFromJaeger = (raw: JaegerTrace): Trace => ({
  traceId: raw.traceID,
  spans: raw.spans.map((span) => fromJaegerSpan(span, raw.processes[span.processID]?.serviceName ?? 'unknown')),
});

/** Jaeger's answer for a trace was longer than the reader allowed; nothing of it was kept. */
export class TraceTooLargeError extends Error {
  readonly code = 'TRACE_TOO_LARGE';
  constructor(
    readonly traceId: string,
    readonly maxBytes: number,
  ) {
    super(`Jaeger's answer for trace ${traceId} is larger than ${maxBytes} bytes`);
  }
}

export interface FetchTraceOptions {
  timeoutMs?: number;
  /** The most of Jaeger's answer read into memory; a longer one throws TraceTooLargeError. */
  maxBytes?: number;
}

/** The trace as Jaeger has it now, or undefined while Jaeger does not know it yet. */
export async function fetchTrace(jaegerUrl: string, traceId: string, options: FetchTraceOptions = {}): Promise<Trace | undefined> {
  const response = await fetch(new URL(`/api/traces/${traceId}`, jaegerUrl), { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Jaeger answered ${response.status} for trace ${traceId}`);
  }
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const body = JSON.parse(await readCappedText(response, maxBytes, () => new TraceTooLargeError(traceId, maxBytes))) as { data?: JaegerTrace[] };
  const raw = body.data?.[0];
  return raw ? traceFromJaeger(raw) : undefined;
}

/** The trace ids of the most recent traces that started at `service`, newest first. */
export async function recentTraceIds(jaegerUrl: string, service: string, limit = 20): Promise<string[]> {
  const url = new URL('/api/traces', jaegerUrl);
  url.searchParams.set('service', service);
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('lookback', '1h');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Jaeger answered ${response.status} for ${url.pathname}`);
  const body = (await response.json()) as { data?: JaegerTrace[] };
  return (body.data ?? [])
    .map((raw) => ({ id: raw.traceID, start: Math.min(...raw.spans.map((span) => span.startTime)) }))
    .sort((a, b) => b.start - a.start)
    .map((trace) => trace.id);
}
