// Loaded first by main.ts: the SDK must patch http, express, pg and amqplib before they load.
import { packageVersion, startTelemetry } from '@tracebed/telemetry';

export const telemetry = startTelemetry({
  serviceName: 'gateway',
  serviceVersion: packageVersion(__dirname),
  // The shop page's files, its span relay, its trace lookups and the API description: each request
  // would start a trace of its own that says nothing about an order. The page traces its own document load.
  untracedPaths: /^\/(?:$|index\.html$|assets\/|otlp\/|api\/traces\/|api\/openapi\.json$)/,
});
