import { checkTraceIntegrity, integrityLine, type IntegrityReport } from '@tracebed/testkit';
import { percentile } from '../recorder';
import { runLoad } from '../run-load';
import { loadScenario } from '../scenario-file';
import type { BenchRow, IntegritySummary } from './bench-result';
import { sampleRss, sampleStack, type Component } from './process-stats';

export interface LoadProbe {
  stateDir: string;
  baseUrl: string;
  jaegerUrl: string;
  log: (line: string) => void;
}

/** Sustained: every arrival started, under 1 % failed, placement p95 under 500 ms, payment p95 under 2 s. */
export function isSustained(row: Pick<BenchRow, 'droppedArrivals' | 'failedRate' | 'placeOrderMs' | 'completionP95Ms'>): boolean {
  return row.droppedArrivals === 0 && row.failedRate < 0.01 && row.placeOrderMs.p95 < 500 && row.completionP95Ms < 2_000;
}

function summarise(report: IntegrityReport): IntegritySummary {
  const shape = report.shapes.get('paid');
  return {
    traces: report.traces,
    whole: report.whole,
    foreignSpans: report.foreignSpans,
    missingSpans: report.missingSpans,
    spansPerTrace: shape?.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf('×') + 1)), 0),
    line: integrityLine(report),
  };
}

/** The highest RSS of each component while `work` runs, sampled every second and at the end. */
async function withPeakRss<T>(stateDir: string, work: () => Promise<T>): Promise<{ value: T; peakRssMb: Partial<Record<Component, number>> }> {
  const peak: Partial<Record<Component, number>> = {};
  const sample = () => {
    for (const [component, mb] of Object.entries(sampleRss(stateDir)) as [Component, number][]) peak[component] = Math.max(peak[component] ?? 0, mb);
  };
  const timer = setInterval(sample, 1_000);
  try {
    const value = await work();
    sample();
    return { value, peakRssMb: peak };
  } finally {
    clearInterval(timer);
  }
}

/** The load scenario at one rate for a while, with CPU, memory, latency and trace integrity. */
export async function measureLoad(probe: LoadProbe, label: string, tracing: boolean, rate: number, durationS: number): Promise<BenchRow> {
  const scenario = loadScenario('load', { RATE: String(rate), DURATION_S: String(durationS) });
  const before = sampleStack(probe.stateDir);
  const { value: run, peakRssMb } = await withPeakRss(probe.stateDir, () => runLoad({ scenario, baseUrl: probe.baseUrl, progressEveryMs: 3_600_000 }));
  const after = sampleStack(probe.stateDir);
  const placed = run.recorder.requests.filter((request) => request.name === 'place_order');
  const paid = run.recorder.journeys.filter((journey) => journey.finalStatus === 'paid');
  const cpuByComponent = Object.fromEntries(Object.entries(after).map(([component, stats]) => [component, +(stats.cpuSeconds - (before[component as Component]?.cpuSeconds ?? 0)).toFixed(2)]));
  const totalCpu = Object.values(cpuByComponent).reduce((a, b) => a + b, 0);
  const durations = placed.map((request) => request.durationMs);
  const measured = {
    droppedArrivals: run.droppedArrivals,
    failedRate: +(run.recorder.requests.filter((request) => request.failed).length / Math.max(1, run.recorder.requests.length)).toFixed(4),
    placeOrderMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99) },
    completionP95Ms: percentile(paid.map((journey) => journey.completionMs!), 95),
  };
  // Every journey places the same order: the paid ones must all give the same trace. The
  // runner's own spans are not exported here, so each trace starts below the runner's span.
  const integrity = tracing
    ? summarise(await checkTraceIntegrity(probe.jaegerUrl, paid.map((journey) => ({ orderId: journey.orderId!, traceId: journey.traceId, shape: 'paid', callerSpanId: journey.placeSpanId }))))
    : undefined;
  const row: BenchRow = {
    label,
    tracing,
    rate,
    durationS,
    ordersPerS: +(paid.length / durationS).toFixed(2),
    ...measured,
    sustained: isSustained(measured),
    cpuSecondsPer1000Orders: +((1000 * totalCpu) / Math.max(1, paid.length)).toFixed(1),
    cpuByComponent,
    rssMb: peakRssMb,
    integrity,
  };
  probe.log(`  ${label}: ${row.ordersPerS} orders/s, place_order p95 ${row.placeOrderMs.p95} ms, ${row.cpuSecondsPer1000Orders} CPU s per 1000 orders, ${row.sustained ? 'sustained' : 'not sustained'}`);
  if (integrity) probe.log(`  ${label}: ${integrity.line}`);
  return row;
}
