import { createRequire } from 'node:module';
import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { CompositePropagator, getBooleanFromEnv, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import type * as SdkNode from '@opentelemetry/sdk-node';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { deferUnusedSdkModules } from './deferred-sdk-modules';
import { amqplibHooks } from './messaging-attributes';
import { isIgnoredIncomingRequest } from './ignored-requests';
import { resendCountAttributes } from './resend-count';
import { contextWithholdingPropagator, withheldContextAttributes } from './withheld-context';
import { enabledInstrumentations, loadInstrumentations } from './load-instrumentations';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion: string;
  /** Incoming request paths that get no span, beyond the probes (static files, relays). */
  untracedPaths?: RegExp;
}

export interface Telemetry {
  /** Flushes pending spans and stops the SDK; bounded so a dead collector cannot hold shutdown. */
  shutdown(): Promise<void>;
}

// The instrumentations the services actually use; only their packages are loaded. Everything
// else in the auto-instrumentation bundle stays off: router and net/dns would double or clutter spans.
const USED_INSTRUMENTATIONS = ['amqplib', 'express', 'http', 'pg', 'pino', 'undici'];
const SHUTDOWN_TIMEOUT_MS = 3_000;
// The express layers that get no span of their own (ExpressLayerType's values, written out so
// that an untraced service need not load the instrumentation to name them).
const UNTRACED_EXPRESS_LAYERS = ['middleware', 'router', 'request_handler'] as ExpressLayerType[];

/** sdk-node, required only when tracing is on, and without the parts it would load unused. */
function loadNodeSdk(): typeof SdkNode {
  deferUnusedSdkModules();
  return createRequire(__filename)('@opentelemetry/sdk-node') as typeof SdkNode;
}

/** Starts tracing. Call it before express, pg, amqplib or pino are loaded. */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  // The SDK alone honours OTEL_SDK_DISABLED; an instrumentation enables itself when it is made,
  // so untraced services would still run every hook, to make spans nobody records.
  if (getBooleanFromEnv('OTEL_SDK_DISABLED')) return { shutdown: () => Promise.resolve() };

  // Defaults that suit tracebed; any of them can still be set from the environment.
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  process.env.OTEL_TRACES_EXPORTER ??= 'otlp';
  process.env.OTEL_EXPORTER_OTLP_PROTOCOL ??= 'http/protobuf';
  process.env.OTEL_NODE_RESOURCE_DETECTORS ??= 'env,host,process';
  process.env.OTEL_RESOURCE_ATTRIBUTES ??= 'deployment.environment.name=local';
  process.env.OTEL_BSP_SCHEDULE_DELAY ??= '500';

  // Export failures are silent without a diagnostic logger.
  diag.setLogger(new DiagConsoleLogger(), diagLevel(process.env.OTEL_LOG_LEVEL));

  const { NodeSDK } = loadNodeSdk();
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion,
    }),
    // W3C trace context and baggage, the SDK's default (OTEL_PROPAGATORS is not read), wrapped so
    // that a `lose-context` fault can send one call without them.
    textMapPropagator: contextWithholdingPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] })),
    instrumentations: loadInstrumentations(enabledInstrumentations(process.env, USED_INSTRUMENTATIONS), {
      // Probes and calls made outside any request (readiness checks) would each start a trace of their own.
      '@opentelemetry/instrumentation-http': { ignoreIncomingRequestHook: (request) => isIgnoredIncomingRequest(request, options.untracedPaths), requireParentforOutgoingSpans: true },
      '@opentelemetry/instrumentation-undici': { requireParentforSpans: true, startSpanHook: () => ({ ...resendCountAttributes(), ...withheldContextAttributes() }) },
      // No express spans: a request handler's span lasted as long as its server span and said no
      // more. The instrumentation stays for the route it hands the http server span (http.route,
      // and the span name `GET /api/orders/:orderId`), which it sets for ignored layers too.
      '@opentelemetry/instrumentation-express': { ignoreLayersType: UNTRACED_EXPRESS_LAYERS },
      '@opentelemetry/instrumentation-amqplib': amqplibHooks,
      // Taking a pooled connection is not a statement: a span for it (pg-pool.connect, and
      // pg.connect when the pool opens one) is one of the costliest kinds in an order's trace
      // and tells a reader little that the statements' own timings do not.
      '@opentelemetry/instrumentation-pg': { enhancedDatabaseReporting: false, requireParentSpan: true, ignoreConnectSpans: true },
      '@opentelemetry/instrumentation-pino': { disableLogSending: true },
    }),
  });
  sdk.start();

  return {
    async shutdown() {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref());
      await Promise.race([sdk.shutdown().catch((error: unknown) => diag.error('telemetry shutdown failed', error)), timeout]);
    },
  };
}

function diagLevel(name: string | undefined): DiagLogLevel {
  switch (name?.toLowerCase()) {
    case 'debug':
      return DiagLogLevel.DEBUG;
    case 'info':
      return DiagLogLevel.INFO;
    case 'error':
      return DiagLogLevel.ERROR;
    default:
      return DiagLogLevel.WARN;
  }
}
