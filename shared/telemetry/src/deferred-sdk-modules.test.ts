import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { deferUnusedSdkModules } from './deferred-sdk-modules';
import { startTelemetry } from './start-telemetry';

// Node's own module cache. Each test file runs in a process of its own, so what is in it was
// loaded by this file.
const nodeRequire = createRequire(__filename);
const loaded = (fragment: string) => Object.keys(nodeRequire.cache).some((file) => file.includes(fragment));

describe('sdk-node with its unused parts deferred', () => {
  it('lets a service start tracing without loading gRPC, the metrics or logs SDK, or another exporter than OTLP http/protobuf', async () => {
    expect(loaded('/@opentelemetry/sdk-node/')).toBe(false);
    const telemetry = startTelemetry({ serviceName: 'orders', serviceVersion: '0.0.0' });

    expect(loaded('/@opentelemetry/sdk-node/')).toBe(true);
    expect(loaded('/@grpc/grpc-js/')).toBe(false);
    expect(loaded('/@opentelemetry/sdk-metrics/')).toBe(false);
    expect(loaded('/@opentelemetry/sdk-logs/')).toBe(false);
    expect(loaded('/@opentelemetry/exporter-zipkin/')).toBe(false);
    expect(loaded('/@opentelemetry/exporter-trace-otlp-proto/')).toBe(true);
    await telemetry.shutdown();
  });

  it('loads a deferred part when the environment picks it, and it works as the real one', async () => {
    deferUnusedSdkModules();
    const { NodeSDK } = nodeRequire('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
    process.env.OTEL_TRACES_EXPORTER = 'zipkin';
    try {
      const sdk = new NodeSDK({ instrumentations: [] });
      sdk.start();
      expect(loaded('/@opentelemetry/exporter-zipkin/')).toBe(true);
      await sdk.shutdown();
    } finally {
      delete process.env.OTEL_TRACES_EXPORTER;
    }
  });
});
