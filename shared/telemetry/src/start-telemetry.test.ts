import { createRequire } from 'node:module';
import { trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetry } from './start-telemetry';

// Node's own module cache, where the instrumentation packages land when required.
const loadedInstrumentationPackages = () => Object.keys(createRequire(__filename).cache).filter((file) => file.includes('@opentelemetry/instrumentation-'));
const sdkNodeLoaded = () => Object.keys(createRequire(__filename).cache).some((file) => file.includes('/@opentelemetry/sdk-node/'));

describe('startTelemetry with OTEL_SDK_DISABLED=true', () => {
  afterEach(() => {
    delete process.env.OTEL_SDK_DISABLED;
  });

  it('loads no instrumentation and no SDK, so an untraced service runs none of their hooks', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';

    const telemetry = startTelemetry({ serviceName: 'orders', serviceVersion: '0.0.0' });

    expect(loadedInstrumentationPackages()).toEqual([]);
    expect(sdkNodeLoaded()).toBe(false);
    expect(trace.getTracer('orders').startSpan('order.place').isRecording()).toBe(false);
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
  });
});
