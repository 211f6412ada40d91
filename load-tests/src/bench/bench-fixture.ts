import type { BenchResult, BenchRow, ConfigurationRun } from './bench-result';

/** A benchmark result for tests of the judgement and the tables, every figure within target. */

export function benchRow(overrides: Partial<BenchRow> = {}): BenchRow {
  return {
    label: 'traced',
    tracing: true,
    rate: 10,
    durationS: 30,
    ordersPerS: 10,
    placeOrderMs: { p50: 12, p95: 20, p99: 30 },
    completionP95Ms: 130,
    failedRate: 0,
    droppedArrivals: 0,
    sustained: true,
    cpuSecondsPer1000Orders: 30,
    cpuByComponent: { gateway: 0.1 },
    rssMb: { gateway: 70, orders: 70, inventory: 70, payments: 70, jaeger: 200 },
    integrity: undefined,
    ...overrides,
  };
}

export function configurationRun(tracing: boolean, overrides: Partial<ConfigurationRun> = {}): ConfigurationRun {
  const fixed = benchRow({ label: 'fixed', tracing, rate: 100, durationS: 20 });
  const services = { gateway: 500, orders: 600, inventory: 550, payments: 520 };
  return {
    tracing,
    readyTogetherMs: { gateway: 1200, orders: 1300, inventory: 1250, payments: 1210 },
    readyAloneMs: services,
    idleRssMb: { gateway: 60, orders: 65, inventory: 62, payments: 61, jaeger: 50 },
    common: benchRow({ tracing }),
    fixed,
    afterLoadRssMb: { gateway: 75, orders: 75, inventory: 75, payments: 75 },
    search: { probes: [{ rate: 100, sustained: true }, { rate: 150, sustained: false }], bracket: { sustained: 100, unsustained: 150 }, capped: false },
    highest: fixed,
    jaegerPeakRssMb: 200,
    ...overrides,
  };
}

export function benchResult(overrides: Partial<BenchResult> = {}): BenchResult {
  return {
    startedAt: '2026-12-07T16:00:00.000Z',
    commit: 'abc1234',
    rate: 10,
    durationS: 30,
    fixedRate: 100,
    untraced: configurationRun(false),
    traced: configurationRun(true),
    jaeger: { peakRssMb: 200, memoryLimitMb: 1536 },
    ...overrides,
  };
}
