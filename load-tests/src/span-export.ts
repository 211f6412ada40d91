// The load generator's own spans: one CLIENT span per request, the parent the gateway's span
// names in traceparent. Without them every trace would start at a parent Jaeger never receives.
// Sent as OTLP/JSON in batches; losing a batch loses only the generator's spans, never the shop's.

export interface ClientSpan {
  traceId: string;
  spanId: string;
  name: string;
  method: string;
  url: string;
  startMs: number;
  endMs: number;
  status: number;
}

const toNanos = (ms: number) => `${BigInt(Math.round(ms * 1000)) * 1000n}`;

function otlpBody(serviceName: string, spans: ClientSpan[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: '@tracebed/load-tests' },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              name: span.name,
              kind: 3, // CLIENT
              startTimeUnixNano: toNanos(span.startMs),
              endTimeUnixNano: toNanos(span.endMs),
              attributes: [
                { key: 'http.request.method', value: { stringValue: span.method } },
                { key: 'url.full', value: { stringValue: span.url } },
                { key: 'http.response.status_code', value: { intValue: span.status } },
              ],
              status: span.status === 0 || span.status >= 500 ? { code: 2 } : { code: 0 },
            })),
          },
        ],
      },
    ],
  };
}

export interface SpanExporter {
  add(span: ClientSpan): void;
  /** Sends what is left; resolves even when the collector is down. */
  close(): Promise<void>;
  readonly exported: number;
  readonly failed: number;
}

export function createSpanExporter(options: { endpoint: string | undefined; serviceName?: string; intervalMs?: number }): SpanExporter {
  let pending: ClientSpan[] = [];
  let exported = 0;
  let failed = 0;
  const serviceName = options.serviceName ?? 'load-generator';

  async function flush(): Promise<void> {
    if (!options.endpoint || pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      const response = await fetch(new URL('/v1/traces', options.endpoint), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(otlpBody(serviceName, batch)),
        signal: AbortSignal.timeout(5_000),
      });
      if (response.ok) exported += batch.length;
      else failed += batch.length;
    } catch {
      failed += batch.length;
    }
  }

  const timer = setInterval(() => void flush(), options.intervalMs ?? 1_000);
  timer.unref();
  return {
    add: (span) => {
      if (options.endpoint) pending.push(span);
    },
    async close() {
      clearInterval(timer);
      await flush();
    },
    get exported() {
      return exported;
    },
    get failed() {
      return failed;
    },
  };
}
