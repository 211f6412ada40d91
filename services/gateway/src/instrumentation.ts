// Loaded first by main.ts: the SDK must patch http, express, pg and amqplib before they load.
import { packageVersion, startTelemetry } from '@tracebed/telemetry';

export const telemetry = startTelemetry({ serviceName: 'gateway', serviceVersion: packageVersion(__dirname) });
