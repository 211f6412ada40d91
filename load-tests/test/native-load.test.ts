import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findSpan, parentOf, rootsOf, stackEndpoints, waitForTrace } from '@tracebed/testkit';
import { runLoad } from '../src/run-load';
import { loadScenario } from '../src/scenario-file';

const run = promisify(execFile);
const endpoints = stackEndpoints();
const otlpEndpoint = `http://127.0.0.1:${process.env.JAEGER_OTLP_HTTP_PORT ?? 4318}`;

describe('the native load runner', () => {
  it('runs the smoke scenario with pnpm load and passes its thresholds', async () => {
    const cli = path.resolve(__dirname, '..', 'dist', 'cli.js');
    const { stdout } = await run(process.execPath, [cli, 'smoke'], { env: { ...process.env, BASE_URL: endpoints.gatewayUrl, OTLP_ENDPOINT: otlpEndpoint } });
    expect(stdout).toContain('journeys  5, final 5 (paid 5)');
    expect(stdout).toMatch(/✔ checks rate==1/);
    expect(stdout.trim().endsWith('PASSED')).toBe(true);
  }, 60_000);

  it('exits non-zero when a threshold is breached', async () => {
    const cli = path.resolve(__dirname, '..', 'dist', 'cli.js');
    const nowhere = { ...process.env, BASE_URL: 'http://127.0.0.1:9', OTLP_ENDPOINT: 'none', ITERATIONS: '1' };
    // Nothing listens there: the runner refuses to start, since it could measure nothing…
    const refused = await run(process.execPath, [cli, 'smoke'], { env: nowhere }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain('not starting: the shop at http://127.0.0.1:9 does not list its products');
    // …and, told to go on anyway, every request fails and the smoke thresholds say so.
    const failed = await run(process.execPath, [cli, 'smoke'], { env: { ...nowhere, SKIP_STOCK_CHECK: '1' } }).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stdout: string }).stdout).toMatch(/✘ http_req_failed rate==0/);
  }, 60_000);

  it('puts its own span at the root of every trace it starts', async () => {
    const result = await runLoad({ scenario: loadScenario('smoke', { ITERATIONS: '1' }), baseUrl: endpoints.gatewayUrl, otlpEndpoint });
    expect(result.generatorSpans).toMatchObject({ failed: 0 });
    const placed = result.recorder.requests.find((request) => request.name === 'place_order')!;
    const trace = await waitForTrace(endpoints.jaegerUrl, placed.traceId, (t) => t.spans.some((span) => span.service === 'load-generator') && t.spans.some((span) => span.name === 'order.place'));
    const [root, ...others] = rootsOf(trace);
    expect(others).toEqual([]);
    expect(root).toMatchObject({ service: 'load-generator', name: 'POST place_order', kind: 'client', parentId: undefined });
    expect(parentOf(trace, findSpan(trace, { service: 'gateway', name: 'POST /api/orders' }))).toBe(root);
  }, 60_000);
});
