export { startTelemetry, type TelemetryOptions, type Telemetry } from './start-telemetry';
export { packageVersion } from './package-version';
