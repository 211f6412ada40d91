import { checkTraceIntegrity, integrityLine, type IntegrityReport } from '@tracebed/testkit';
import { percentile } from '../recorder';
import { runLoad } from '../run-load';
import { loadScenario } from '../scenario-file';
import { missingStock } from '../stock-check';
import { sampleStack, type Component, type ComponentStats } from './process-stats';
import { restartServices } from './service-restart';

export interface BenchOptions {
  repoRoot: string;
  stateDir: string;
  baseUrl: string;
  jaegerUrl: string;
  serviceUrls: Record<string, string>;
  rate: number;
  durationS: number;
  log: (line: string) => void;
}

export interface BenchRow {
  label: string;
  tracing: boolean;
  rate: number;
  ordersPerS: number;
  placeOrderMs: { p50: number; p95: number; p99: number };
  completionP95Ms: number;
  failedRate: number;
  droppedArrivals: number;
  cpuSecondsPer1000Orders: number;
  cpuByComponent: Partial<Record<Component, number>>;
  rssMb: Partial<Record<Component, number>>;
  readyAfterMs: Record<string, number>;
  /** Every paid order's trace judged: whole, foreign spans, missing spans. */
  integrity: IntegrityReport | undefined;
}

const TRACING_OFF = { OTEL_SDK_DISABLED: 'true' };

/** One configuration: restart the services, warm up, then the measured load. */
async function measure(options: BenchOptions, label: string, tracing: boolean, rate: number, readyAfterMs: Record<string, number>): Promise<BenchRow> {
  const scenario = loadScenario('load', { RATE: String(rate), DURATION_S: String(options.durationS) });
  const before = sampleStack(options.stateDir);
  const run = await runLoad({ scenario, baseUrl: options.baseUrl, progressEveryMs: 3_600_000 });
  const after = sampleStack(options.stateDir);
  const placed = run.recorder.requests.filter((request) => request.name === 'place_order');
  const paid = run.recorder.journeys.filter((journey) => journey.finalStatus === 'paid');
  const cpuByComponent = Object.fromEntries(Object.entries(after).map(([component, stats]) => [component, +((stats as ComponentStats).cpuSeconds - (before[component as Component]?.cpuSeconds ?? 0)).toFixed(2)]));
  const totalCpu = Object.values(cpuByComponent).reduce((a, b) => a + b, 0);
  const durations = placed.map((request) => request.durationMs);
  const row: BenchRow = {
    label,
    tracing,
    rate,
    ordersPerS: +(paid.length / options.durationS).toFixed(2),
    placeOrderMs: { p50: percentile(durations, 50), p95: percentile(durations, 95), p99: percentile(durations, 99) },
    completionP95Ms: percentile(paid.map((journey) => journey.completionMs!), 95),
    failedRate: +(run.recorder.requests.filter((request) => request.failed).length / Math.max(1, run.recorder.requests.length)).toFixed(4),
    droppedArrivals: run.droppedArrivals,
    cpuSecondsPer1000Orders: +((1000 * totalCpu) / Math.max(1, paid.length)).toFixed(1),
    cpuByComponent,
    rssMb: Object.fromEntries(Object.entries(after).map(([component, stats]) => [component, Math.round((stats as ComponentStats).rssMb)])),
    readyAfterMs,
    // Every journey places the same order: the paid ones must all give the same trace. The
    // runner's own spans are not exported here, so each trace starts below the runner's span.
    integrity: tracing
      ? await checkTraceIntegrity(options.jaegerUrl, paid.map((journey) => ({ orderId: journey.orderId!, traceId: journey.traceId, shape: 'paid', callerSpanId: journey.placeSpanId })))
      : undefined,
  };
  options.log(`  ${label}: ${row.ordersPerS} orders/s, place_order p95 ${row.placeOrderMs.p95} ms, ${row.cpuSecondsPer1000Orders} CPU s per 1000 orders`);
  if (row.integrity) options.log(`  ${label}: ${integrityLine(row.integrity)}`);
  return row;
}

/** Sustained: every arrival started, under 1 % failed, placement p95 under 500 ms, payment p95 under 2 s. */
const sustained = (row: BenchRow) => row.droppedArrivals === 0 && row.failedRate < 0.01 && row.placeOrderMs.p95 < 500 && row.completionP95Ms < 2_000;

async function highestSustainedRate(options: BenchOptions, tracing: boolean, readyAfterMs: Record<string, number>): Promise<BenchRow | undefined> {
  let best: BenchRow | undefined;
  for (let rate = options.rate * 2; rate <= options.rate * 16; rate = Math.round(rate * 1.5)) {
    const row = await measure({ ...options, durationS: Math.min(options.durationS, 20) }, `${tracing ? 'traced' : 'untraced'} at ${rate}/s`, tracing, rate, readyAfterMs);
    if (!sustained(row)) break;
    best = row;
  }
  return best;
}

export interface BenchResult {
  rows: BenchRow[];
  highest: { untraced: BenchRow | undefined; traced: BenchRow | undefined };
  ratio: { sameLoadCpu: number; highestRate: number | undefined };
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  // Every probe together orders at most this many; out of stock, the bench would measure refusals.
  const shortage = await missingStock(options.baseUrl, loadScenario('load', { RATE: String(options.rate * 16), DURATION_S: String(options.durationS * 8) }));
  if (shortage) throw new Error(`not starting: ${shortage}`);
  options.log(`restarting the services with tracing off`);
  const readyOff = await restartServices(options.repoRoot, options.serviceUrls, TRACING_OFF);
  await runLoad({ scenario: loadScenario('load', { RATE: String(options.rate), DURATION_S: '5' }), baseUrl: options.baseUrl, progressEveryMs: 3_600_000 }); // warm-up
  const untraced = await measure(options, 'untraced', false, options.rate, readyOff);
  const highestUntraced = await highestSustainedRate(options, false, readyOff);

  options.log(`restarting the services with tracing on (default configuration)`);
  const readyOn = await restartServices(options.repoRoot, options.serviceUrls, {});
  await runLoad({ scenario: loadScenario('load', { RATE: String(options.rate), DURATION_S: '5' }), baseUrl: options.baseUrl, progressEveryMs: 3_600_000 });
  const traced = await measure(options, 'traced', true, options.rate, readyOn);
  const highestTraced = await highestSustainedRate(options, true, readyOn);

  return {
    rows: [untraced, traced, ...(highestUntraced ? [highestUntraced] : []), ...(highestTraced ? [highestTraced] : [])],
    highest: { untraced: highestUntraced, traced: highestTraced },
    ratio: {
      sameLoadCpu: +(untraced.cpuSecondsPer1000Orders / traced.cpuSecondsPer1000Orders).toFixed(2),
      highestRate: highestUntraced && highestTraced ? +(highestTraced.rate / highestUntraced.rate).toFixed(2) : undefined,
    },
  };
}
