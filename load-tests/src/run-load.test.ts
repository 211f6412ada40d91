import { afterEach, describe, expect, it } from 'vitest';
import { KeptSpanExporter } from './fakes/kept-spans';
import { startFakeGateway, type FakeGateway } from './fakes/fake-gateway';
import { runLoad } from './run-load';
import { loadScenario, type Scenario } from './scenario-file';

const smoke = loadScenario('smoke', { ITERATIONS: '4', VUS: '2' });
const scenario: Scenario = { ...smoke, journey: { ...smoke.journey, pollIntervalMs: 5 } };
let gateway: FakeGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

describe('a load run', () => {
  it('has every span of its requests exported by the time it returns, though they were still waiting for their batch', async () => {
    gateway = await startFakeGateway();
    const memory = new KeptSpanExporter();
    const run = await runLoad({ scenario, baseUrl: gateway.baseUrl, spanExporter: memory });
    const spans = memory.getFinishedSpans();
    expect(run.recorder.requests).toHaveLength(12);
    expect(spans.map((span) => span.spanContext().traceId).sort()).toEqual(run.recorder.requests.map((request) => request.traceId).sort());
    expect(run.generatorSpans).toEqual({ exported: 12, failed: 0 });
    expect(run.passed).toBe(true);
  });

  it('with export off, still sends a sampled traceparent with every request and exports nothing', async () => {
    gateway = await startFakeGateway();
    const run = await runLoad({ scenario, baseUrl: gateway.baseUrl });
    expect(gateway.received).toHaveLength(12);
    expect(gateway.received.every((request) => /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/.test(request.traceparent ?? ''))).toBe(true);
    expect(gateway.received.map((request) => request.traceparent!.split('-')[1]).sort()).toEqual(run.recorder.requests.map((request) => request.traceId).sort());
    expect(run.generatorSpans).toEqual({ exported: 0, failed: 0 });
  });
});
