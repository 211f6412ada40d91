import { describe, expect, it } from 'vitest';
import { benchResult, benchRow, configurationRun } from './bench-fixture';
import { judgeTargets, targetsTable } from './targets';

const verdictOf = (verdicts: ReturnType<typeof judgeTargets>, figure: string) => {
  const verdict = verdicts.find((v) => v.figure === figure);
  if (!verdict) throw new Error(`no verdict for '${figure}' among: ${verdicts.map((v) => v.figure).join('; ')}`);
  return verdict;
};

describe('judgeTargets', () => {
  it('meets every target when every figure is within it and the latencies match the published run', () => {
    const result = benchResult();
    expect(judgeTargets(result, result).filter((v) => v.met !== true)).toEqual([]);
  });

  it('judges each service idle against 80 MB, tracing on', () => {
    const result = benchResult({ traced: configurationRun(true, { idleRssMb: { gateway: 60, orders: 131, inventory: 62, payments: 61 } }) });
    const verdicts = judgeTargets(result);
    expect(verdictOf(verdicts, 'idle RSS, orders')).toMatchObject({ measured: '131 MB', target: '< 80 MB', met: false });
    expect(verdictOf(verdicts, 'idle RSS, gateway').met).toBe(true);
  });

  it('judges the four services together at the fixed rate and after the load against 400 MB', () => {
    const traced = configurationRun(true, { fixed: benchRow({ rate: 100, durationS: 20, rssMb: { gateway: 150, orders: 150, inventory: 100, payments: 100 } }) });
    const verdicts = judgeTargets(benchResult({ traced }));
    expect(verdictOf(verdicts, 'RSS four services, traced at 100/s')).toMatchObject({ measured: '500 MB', met: false });
    expect(verdictOf(verdicts, 'RSS four services, after the load')).toMatchObject({ measured: '300 MB', met: true });
  });

  it('fails the CPU target when untraced orders cost less than 0.90 of traced ones', () => {
    const untraced = configurationRun(false, { common: benchRow({ tracing: false, cpuSecondsPer1000Orders: 32 }) });
    const traced = configurationRun(true, { common: benchRow({ cpuSecondsPer1000Orders: 38.9 }) });
    expect(verdictOf(judgeTargets(benchResult({ untraced, traced })), 'orders per CPU s traced/untraced at 10/s')).toMatchObject({ measured: '0.82', met: false });
  });

  it('compares the highest sustained rates found by the search', () => {
    const search = (sustained: number) => ({ probes: [], bracket: { sustained, unsustained: sustained + 5 }, capped: false });
    const result = benchResult({ untraced: configurationRun(false, { search: search(102) }), traced: configurationRun(true, { search: search(68) }) });
    expect(verdictOf(judgeTargets(result), 'highest sustained rate traced/untraced')).toMatchObject({ measured: '0.67', met: false });
  });

  it('leaves the rate ratio unjudged when a configuration sustained no rate', () => {
    const none = { probes: [{ rate: 10, sustained: false }], bracket: { sustained: undefined, unsustained: 10 }, capped: false };
    expect(verdictOf(judgeTargets(benchResult({ untraced: configurationRun(false, { search: none }) })), 'highest sustained rate traced/untraced').met).toBeUndefined();
  });

  it('holds start-up to 1 s alone and 1.5 s for the slowest of four together', () => {
    const traced = configurationRun(true, { readyAloneMs: { gateway: 900, orders: 1100, inventory: 900, payments: 900 }, readyTogetherMs: { gateway: 1400, orders: 1600, inventory: 1400, payments: 1400 } });
    const verdicts = judgeTargets(benchResult({ traced }));
    expect(verdictOf(verdicts, 'ready alone, orders').met).toBe(false);
    expect(verdictOf(verdicts, 'ready alone, gateway').met).toBe(true);
    expect(verdictOf(verdicts, 'ready with all four together, slowest')).toMatchObject({ measured: '1600 ms', met: false });
  });

  it('allows p95 latencies 10 % above the published run and no more', () => {
    const published = benchResult();
    const slower = (p95: number) => benchResult({ traced: configurationRun(true, { common: benchRow({ placeOrderMs: { p50: 12, p95, p99: 40 } }) }) });
    expect(verdictOf(judgeTargets(slower(22), published), 'place order p95, traced at 10/s').met).toBe(true);
    expect(verdictOf(judgeTargets(slower(23), published), 'place order p95, traced at 10/s')).toMatchObject({ target: '≤ 22 ms (published 20 + 10 %)', met: false });
  });

  it('does not judge latencies without a published run at the same rate and length', () => {
    const published = benchResult({ traced: configurationRun(true, { common: benchRow({ rate: 20 }) }) });
    expect(verdictOf(judgeTargets(benchResult(), published), 'place order p95, traced at 10/s')).toMatchObject({ target: 'no published run', met: undefined });
    expect(verdictOf(judgeTargets(benchResult()), 'placed → paid p95, traced at 100/s').met).toBeUndefined();
  });

  it("bounds Jaeger's RSS by its GOMEMLIMIT, and fails it when none is set", () => {
    expect(verdictOf(judgeTargets(benchResult({ jaeger: { peakRssMb: 1600, memoryLimitMb: 1536 } })), 'Jaeger RSS, highest').met).toBe(false);
    expect(verdictOf(judgeTargets(benchResult({ jaeger: { peakRssMb: 300, memoryLimitMb: undefined } })), 'Jaeger RSS, highest')).toMatchObject({ target: 'a GOMEMLIMIT', met: false });
  });
});

describe('targetsTable', () => {
  it('prints every target with its figure and verdict, and counts the ones met', () => {
    const table = targetsTable([
      { figure: 'idle RSS, orders', target: '< 80 MB', measured: '131 MB', met: false },
      { figure: 'ready alone, gateway', target: '< 1000 ms', measured: '640 ms', met: true },
      { figure: 'place order p95', target: 'no published run', measured: '20 ms', met: undefined },
    ]);
    expect(table).toMatch(/idle RSS, orders\s+< 80 MB\s+131 MB\s+NOT MET/);
    expect(table).toMatch(/ready alone, gateway\s+< 1000 ms\s+640 ms\s+met/);
    expect(table).toMatch(/place order p95\s+no published run\s+20 ms\s+-/);
    expect(table).toContain('targets met: 1 of 2 judged');
  });
});
