import { describe, expect, it } from 'vitest';
import { span, traceOf } from '@tracebed/trace-reading/hand-built-trace';
import { percentile, ratePerSecond, redBuckets, redJson, renderRed, selectSpans, slowestBucket } from './red-summary';

// 2026-12-02T18:00:00Z in milliseconds: the hand-built spans are placed in milliseconds.
const SIX = Date.UTC(2026, 11, 2, 18, 0, 0);
const MINUTE_US = 60_000_000;
const server = (id: string, atMs: number, durationMs: number, extra = {}) => span(id, undefined, SIX + atMs, durationMs, { service: 'inventory', kind: 'server', name: 'POST /stock/reservations', ...extra });

const traces = [
  traceOf(server('a', 1_000, 10), span('q', 'a', SIX + 1_001, 5, { service: 'inventory', kind: 'client', name: 'pg.query' })),
  traceOf(server('b', 20_000, 30, { isError: true }), span('c', undefined, SIX + 20_000, 4, { service: 'inventory', kind: 'consumer', name: 'inventory.order.placed process' })),
  traceOf(server('d', 61_000, 200), server('e', 62_000, 220), span('g', undefined, SIX + 62_000, 1, { service: 'gateway', kind: 'server' })),
  traceOf(server('old', -1_000, 999)),
];

describe('choosing the spans a RED summary counts', () => {
  it("takes the service's server and consumer spans, not its client spans or another service's", () => {
    expect(selectSpans(traces, { service: 'inventory' }).map((s) => s.spanId)).toEqual(['a', 'b', 'c', 'd', 'e', 'old']);
  });

  it('takes only the operation given, whatever its kind', () => {
    expect(selectSpans(traces, { service: 'inventory', operation: 'pg.query' }).map((s) => s.spanId)).toEqual(['q']);
  });
});

describe('the RED buckets', () => {
  const window = { startUs: SIX * 1_000 + 30_000_000, endUs: SIX * 1_000 + 150_000_000, stepUs: MINUTE_US };
  const buckets = redBuckets(selectSpans(traces, { service: 'inventory' }), { ...window, startUs: SIX * 1_000 });

  it('are whole steps on the clock, each counting the spans that started in it', () => {
    expect(buckets.map((b) => [new Date(b.startUs / 1_000).toISOString(), b.count, b.errors, b.p50Us, b.p95Us])).toEqual([
      ['2026-12-02T18:00:00.000Z', 3, 1, 10_000, 30_000],
      ['2026-12-02T18:01:00.000Z', 2, 0, 200_000, 220_000],
      ['2026-12-02T18:02:00.000Z', 0, 0, undefined, undefined],
    ]);
  });

  it('give a rate over the part of a step inside the window, and leave out spans before it', () => {
    const clipped = redBuckets(selectSpans(traces, { service: 'inventory' }), window);
    expect(clipped.map((b) => [b.count, b.coveredUs / 1_000_000, ratePerSecond(b)])).toEqual([
      [0, 30, 0],
      [2, 60, 2 / 60],
      [0, 30, 0],
    ]);
  });

  it('mark the step with the highest p95', () => {
    expect(slowestBucket(buckets)).toBe(buckets[1]);
    expect(slowestBucket([])).toBeUndefined();
    expect(redJson(buckets).map((b) => b.highestP95)).toEqual([false, true, false]);
  });

  it('print one line per step with rate, errors, p50, p95 and a bar, the highest marked, and what they came from', () => {
    const lines = renderRed(buckets, { service: 'inventory' }, { traces: 4, limit: 1500, stepUs: MINUTE_US }).split('\n');
    expect(lines[0]).toBe('inventory server and consumer spans, by start time in steps of 1m: 5 spans from 4 traces (limit 1500)');
    expect(lines[1]).toMatch(/^step \(UTC\) +rate\/s +spans +errors +p50 +p95 +p95 bar$/);
    expect(lines[2]).toMatch(/^18:00:00 +0\.05 +3 +1 \(33%\) +10\.0ms +30\.0ms +█{4}$/);
    expect(lines[3]).toMatch(/^18:01:00 +0\.03 +2 +0 \(0%\) +200\.0ms +220\.0ms +█{30} ◀ highest p95$/);
    expect(lines[4]).toMatch(/^18:02:00 +0\.00 +0 +0 \(0%\) +- +-$/);
  });

  it('say when the limit was reached, so some traces are left out', () => {
    expect(renderRed(buckets, { service: 'inventory', operation: 'pg.query' }, { traces: 4, limit: 4, stepUs: MINUTE_US }).split('\n')[0]).toBe(
      "inventory 'pg.query' spans, by start time in steps of 1m: 5 spans from 4 traces (limit 4); the limit was reached: Jaeger left out some traces of the window, raise --limit or shorten --since",
    );
  });
});

describe('percentiles', () => {
  it('are the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, index) => index + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile([7], 95), percentile([], 50)]).toEqual([10, 19, 7, undefined]);
  });
});
