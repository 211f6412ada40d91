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
  events: { name: string; attributes: Record<string, unknown> }[];
  isError: boolean;
}

export interface Trace {
  traceId: string;
  spans: TraceSpan[];
}

interface JaegerKeyValue {
  key: string;
  value: unknown;
}

interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: { refType: string; spanID: string }[];
  startTime: number;
  duration: number;
  tags: JaegerKeyValue[];
  logs: { fields: JaegerKeyValue[] }[];
  processID: string;
}

interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string }>;
}

const toRecord = (pairs: JaegerKeyValue[]) => Object.fromEntries(pairs.map((pair) => [pair.key, pair.value]));

function fromJaeger(raw: JaegerTrace): Trace {
  return {
    traceId: raw.traceID,
    spans: raw.spans.map((span) => {
      const attributes = toRecord(span.tags);
      return {
        traceId: span.traceID,
        spanId: span.spanID,
        parentId: span.references.find((ref) => ref.refType === 'CHILD_OF')?.spanID,
        name: span.operationName,
        service: raw.processes[span.processID]?.serviceName ?? 'unknown',
        kind: attributes['span.kind'] as string | undefined,
        startTimeUs: span.startTime,
        durationUs: span.duration,
        attributes,
        events: span.logs.map((log) => {
          const fields = toRecord(log.fields);
          const { event, ...rest } = fields;
          return { name: String(event ?? ''), attributes: rest };
        }),
        isError: attributes['otel.status_code'] === 'ERROR' || attributes.error === true,
      };
    }),
  };
}

/** The trace as Jaeger has it now, or undefined while Jaeger does not know it yet. */
export async function fetchTrace(jaegerUrl: string, traceId: string, options: { timeoutMs?: number } = {}): Promise<Trace | undefined> {
  const response = await fetch(new URL(`/api/traces/${traceId}`, jaegerUrl), { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Jaeger answered ${response.status} for trace ${traceId}`);
  const body = (await response.json()) as { data?: JaegerTrace[] };
  const raw = body.data?.[0];
  return raw ? fromJaeger(raw) : undefined;
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
