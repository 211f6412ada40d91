// Browser tracing: the trace of an order starts here, in the page, and the gateway's span is a
// child of the page's fetch. Spans leave through the gateway's /otlp relay, so the browser only
// ever talks to its own origin (no CORS, no collector exposed to the network). The relay takes
// only traces this page started: their ids begin with the prefix the gateway gave this page's
// session (a cookie), so every trace id here is made by pageTraceIds().
import { context, propagation, trace, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { DocumentLoadInstrumentation } from '@opentelemetry/instrumentation-document-load';
import { FetchInstrumentation } from '@opentelemetry/instrumentation-fetch';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, RandomIdGenerator, StackContextManager, TracerProvider, type IdGenerator } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export const BROWSER_SERVICE_NAME = 'shop-web';

// Requests that would each start a trace of their own without telling anything about an order:
// the span export itself, the waterfall lookups and the status polls.
const UNTRACED_URLS = [/\/otlp\//, /\/api\/traces\//, /\/api\/orders\/[0-9a-f-]{36}$/];

const TRACE_PREFIX_COOKIE = 'tracebed_trace_prefix';

/** Read at each new trace: the gateway sends a new prefix after it restarts. */
function traceIdPrefix(): string | undefined {
  const value = document.cookie.split('; ').find((pair) => pair.startsWith(`${TRACE_PREFIX_COOKIE}=`))?.slice(TRACE_PREFIX_COOKIE.length + 1);
  return value && /^[0-9a-f]{16}$/.test(value) ? value : undefined;
}

/** Trace ids under the session's prefix, random in their other half; span ids as usual. */
function pageTraceIds(): IdGenerator {
  const random = new RandomIdGenerator();
  return {
    generateSpanId: () => random.generateSpanId(),
    generateTraceId: () => {
      const id = random.generateTraceId();
      const prefix = traceIdPrefix();
      return prefix ? prefix + id.slice(prefix.length) : id;
    },
  };
}

export function startBrowserTelemetry(): void {
  const provider = new TracerProvider({
    idGenerator: pageTraceIds(),
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: BROWSER_SERVICE_NAME,
      [ATTR_SERVICE_VERSION]: '0.1.0',
      'deployment.environment.name': 'local',
    }),
    spanProcessors: [
      // A short delay, so a learner's trace is complete in Jaeger a second after the click; spans
      // still queued when the tab is hidden or closed are flushed by the processor itself.
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: new URL('/otlp/v1/traces', window.location.origin).href }), scheduledDelayMillis: 500 }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new StackContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());

  registerInstrumentations({
    instrumentations: [new DocumentLoadInstrumentation(), new FetchInstrumentation({ ignoreUrls: UNTRACED_URLS, clearTimingResources: true })],
  });
}

export const tracer = () => trace.getTracer(BROWSER_SERVICE_NAME);

/**
 * Runs `start` with `span` as the active span. The browser has no async context: the context
 * is only active while `start` runs synchronously, so the fetch must begin inside it.
 */
export function startInSpan<T>(parent: Context, start: () => T): T {
  return context.with(parent, start);
}
