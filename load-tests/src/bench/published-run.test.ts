import { describe, expect, it } from 'vitest';
import { benchResult, benchRow, configurationRun } from './bench-fixture';
import { comparedWithPublished } from './published-run';

describe('comparedWithPublished', () => {
  it('names the published run and gives each headline figure before, now and the difference', () => {
    const now = benchResult({ commit: 'def5678', traced: configurationRun(true, { common: benchRow({ placeOrderMs: { p50: 12, p95: 25, p99: 40 }, cpuSecondsPer1000Orders: 28.5 }) }) });
    const text = comparedWithPublished(now, benchResult());
    expect(text).toContain('against the published run (abc1234, 2026-12-07, 10/s for 30 s)');
    expect(text).toContain('place order p95 traced: 20 → 25 ms (+5)');
    expect(text).toContain('CPU s per 1000 orders traced: 30 → 28.5 (−1.5)');
    expect(text).toContain('highest sustained traced: 100 → 100/s (+0)');
  });

  it('says when this run used another rate or length than the published one', () => {
    expect(comparedWithPublished(benchResult({ rate: 5, durationS: 8 }), benchResult())).toContain('this run: 5/s for 8 s');
  });

  it('says so when there is no published run', () => {
    expect(comparedWithPublished(benchResult(), undefined)).toMatch(/^no published run to compare with/);
  });
});
