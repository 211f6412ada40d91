import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminToken, faultAdmin, integrityLine, stackEndpoints, whyBroken } from '@tracebed/testkit';
import { loadExperiment } from '../src/experiment/experiment-file';
import { runExperiment } from '../src/experiment/run-experiment';

const endpoints = stackEndpoints();

describe('an experiment, end to end', () => {
  it('applies and clears its fault on time, judges each phase, and writes the report', async () => {
    const reportsDir = mkdtempSync(path.join(tmpdir(), 'reports-'));
    const env = {
      BASE_URL: endpoints.gatewayUrl,
      JAEGER_URL: endpoints.jaegerUrl,
      OTLP_ENDPOINT: `http://127.0.0.1:${process.env.JAEGER_OTLP_HTTP_PORT ?? 4318}`,
      GATEWAY_ADMIN_URL: endpoints.adminUrls.gateway,
      ORDERS_ADMIN_URL: endpoints.adminUrls.orders,
      INVENTORY_ADMIN_URL: endpoints.adminUrls.inventory,
      PAYMENTS_ADMIN_URL: endpoints.adminUrls.payments,
      FAULT_ADMIN_TOKEN: adminToken(),
      PROGRESS_EVERY_MS: '1000',
    };
    const log: string[] = [];
    const { result, folder } = await runExperiment(loadExperiment('quick-payments-latency'), { env, reportsDir, log: (line) => log.push(line) });

    // 300 ms more per charge shows in the completion time during the fault, and only then.
    const broken = result.lines.filter((line) => !line.held).map((line) => `${line.phase} ${line.line}`);
    expect(broken).toEqual(['during order_completion_ms p(95)<300']);
    expect(log).toContain('REFUTED in during; recovered after the faults were cleared');

    const [applied, cleared] = result.timeline;
    expect(applied).toMatchObject({ action: 'apply', service: 'payments', rule: 'payments.charge=latency:300ms' });
    expect(cleared).toMatchObject({ action: 'clear', service: 'payments' });
    expect(applied!.error ?? cleared!.error).toBeUndefined();
    expect(Math.abs(applied!.atMs - 5_000)).toBeLessThan(1_000);
    expect(Math.abs(cleared!.atMs - 10_000)).toBeLessThan(1_000);
    expect((await faultAdmin(endpoints.adminUrls.payments).list()).body.rules).toEqual([]);

    // The slowest orders to complete are the ones the fault slowed, and Jaeger has their traces.
    const slowCompletions = result.examples.filter((example) => example.why.startsWith('slowest to a final status'));
    expect(slowCompletions.length).toBeGreaterThan(0);
    expect(slowCompletions.every((example) => example.spans > 40 && example.services.includes('payments'))).toBe(true);

    // Latency adds time, not spans: every trace is whole, before, during and after the fault.
    expect(result.integrity.traces).toBeGreaterThan(20);
    expect(result.integrity.broken.map((verdict) => `${verdict.traceId}: ${whyBroken(verdict)}`)).toEqual([]);
    expect(log).toContain(`  traces: ${integrityLine(result.integrity)}`);

    expect(existsSync(path.join(folder, 'report.html'))).toBe(true);
    const summary = readFileSync(path.join(folder, 'summary.md'), 'utf8');
    expect(summary).toContain(`## Trace integrity\n${integrityLine(result.integrity)}.`);
    expect(summary).toContain('**Verdict: REFUTED in during; recovered after the faults were cleared.**');
    expect(summary).toMatch(/\| ✘ \| during \| `order_completion_ms p\(95\)<300` \| \d+ \|/);
    const html = readFileSync(path.join(folder, 'report.html'), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain(`${endpoints.jaegerUrl}/trace/${slowCompletions[0]!.traceId}`);
  }, 90_000);
});
