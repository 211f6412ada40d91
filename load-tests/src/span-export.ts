// The load generator's own spans: one CLIENT span per request, the parent the gateway's span
// names in traceparent. Without them every trace would start at a parent Jaeger never receives.
// Batched to OTLP/HTTP; losing a batch loses only the generator's spans, never the shop's.
import type { Tracer } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOnSampler, BatchSpanProcessor, TracerProvider, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export const GENERATOR_SERVICE_NAME = 'load-generator';
const EXPORT_TIMEOUT_MS = 5_000;

export interface SpanCounts {
  exported: number;
  /** Spans that ended but never reached the collector: a batch refused, timed out or dropped. */
  failed: number;
}

export interface GeneratorSpans {
  readonly tracer: Tracer;
  /** Exports what is left and stops; resolves even when the collector is down. */
  close(): Promise<SpanCounts>;
}

export interface SpanExportOptions {
  /** An OTLP/HTTP endpoint (http://host:4318). None: spans are still made, for traceparent, but not exported. */
  endpoint?: string | undefined;
  /** Where the spans go instead of `endpoint`, e.g. an in-memory exporter. */
  exporter?: SpanExporter | undefined;
  serviceName?: string;
  /** How long a finished span may wait for its batch. */
  scheduledDelayMs?: number;
}

/** Passes batches on and counts the spans the collector took. */
function countingExporter(inner: SpanExporter): SpanExporter & { readonly exported: number } {
  let exported = 0;
  return {
    export(spans, done) {
      inner.export(spans, (result) => {
        if (result.code === ExportResultCode.SUCCESS) exported += spans.length;
        done(result);
      });
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
    get exported() {
      return exported;
    },
  };
}

export function createSpanExport(options: SpanExportOptions): GeneratorSpans {
  const target = options.exporter ?? (options.endpoint ? new OTLPTraceExporter({ url: new URL('/v1/traces', options.endpoint).href, timeoutMillis: EXPORT_TIMEOUT_MS }) : undefined);
  const exporter = target && countingExporter(target);
  let ended = 0;
  const endedCounter: SpanProcessor = { onStart: () => undefined, onEnd: () => void (ended += 1), forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? GENERATOR_SERVICE_NAME }),
    // Always sampled, whatever OTEL_TRACES_SAMPLER says: the runner's flag decides whether the shop records the order.
    sampler: new AlwaysOnSampler(),
    spanProcessors: exporter
      ? [
          endedCounter,
          // A queue deep enough for the highest rates the bench probes: a dropped root breaks its trace.
          new BatchSpanProcessor({ exporter, scheduledDelayMillis: options.scheduledDelayMs ?? 1_000, maxQueueSize: 16_384, exportTimeoutMillis: EXPORT_TIMEOUT_MS }),
        ]
      : [],
  });
  return {
    tracer: provider.getTracer('@tracebed/load-tests'),
    async close() {
      // A batch the collector refused rejects the shutdown; what it cost is counted below.
      await provider.shutdown().catch(() => undefined);
      const exported = exporter?.exported ?? 0;
      return { exported, failed: exporter ? ended - exported : 0 };
    },
  };
}
