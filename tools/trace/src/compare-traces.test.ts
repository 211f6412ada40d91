import { describe, expect, it } from 'vitest';
import { compareTraces, comparisonConclusion, selfTimeByName } from './compare-traces';
import { comparisonJson, renderComparison } from './comparison-table';
import { span, traceOf } from '@tracebed/trace-reading/hand-built-trace';
import type { TraceSpan } from '@tracebed/trace-reading';

const inventory = { service: 'inventory' };
const query = (id: string, start: number, duration: number) => span(id, 'reserve', start, duration, { ...inventory, name: 'pg.query:SELECT products' });

/** An order: the gateway calls inventory, which runs three queries of the same name one after another. */
function order(queryMs: [number, number, number], extra: TraceSpan[] = []) {
  const [first, second, third] = queryMs;
  const end = 10 + first + second + third + 5;
  return traceOf(
    span('root', undefined, 0, end + 5, { service: 'gateway', name: 'POST /api/orders' }),
    span('reserve', 'root', 2, end, { ...inventory, name: 'stock.reserve' }),
    query('q1', 10, first),
    query('q2', 10 + first, second),
    query('q3', 10 + first + second, third),
    ...extra,
  );
}

describe('comparing a good trace with a bad one', () => {
  const good = order([5, 5, 5], [span('audit', 'root', 1, 1, { service: 'gateway', name: 'audit.write' })]);
  const bad = order([5, 155, 5], [span('retry', 'reserve', 3, 2, { ...inventory, name: 'stock.retry' })]);
  const comparison = compareTraces(good, bad);

  it('pairs repeated same-named spans in order, so the slow second query meets the second query', () => {
    const second = comparison.matched[0];
    expect(second).toMatchObject({ service: 'inventory', name: 'pg.query:SELECT products', label: 'pg.query:SELECT products #2', a: { spanId: 'q2' }, b: { spanId: 'q2' } });
    expect(second?.deltaSelfUs).toBe(150_000);
    expect(comparison.matched.map((m) => [m.a.spanId, m.b.spanId])).toEqual(expect.arrayContaining([['q1', 'q1'], ['q3', 'q3']]));
  });

  it('sorts by the change of self time, so the parents that only waited for the slow query rank below it', () => {
    expect(comparison.matched.map((m) => m.a.spanId)).toEqual(['q2', 'reserve', 'root', 'q1', 'q3']);
    const reserve = comparison.matched.find((m) => m.name === 'stock.reserve');
    expect(reserve).toMatchObject({ deltaUs: 150_000 });
    expect(Math.abs(reserve?.deltaSelfUs ?? 0)).toBeLessThan(5_000);
  });

  it('lists the spans found in one trace only, with the span they ran under', () => {
    expect(comparison.onlyInA).toEqual([expect.objectContaining({ service: 'gateway', name: 'audit.write', parent: 'gateway POST /api/orders' })]);
    expect(comparison.onlyInB).toEqual([expect.objectContaining({ service: 'inventory', name: 'stock.retry', parent: 'inventory stock.reserve' })]);
  });

  it('concludes which span name’s own time made most of the difference, counting its spans', () => {
    expect(comparisonConclusion(comparison)).toBe('trace B took +150.0ms (35.0ms → 185.0ms); most of the extra time is self time of inventory pg.query:SELECT products (+150.0 ms; 3 such spans)');
  });

  it('counts the spans a fault added, which pair with nothing, in the time of their name', () => {
    // A statement run before each query, named like the queries: ranks shift, and two spans are left over.
    const withSleeps = order([150, 5, 150], [query('q4', 320, 5), query('q5', 325, 5)]);
    const added = compareTraces(good, withSleeps);
    expect(added.onlyInB.map((span) => span.spanId)).toEqual(['q4', 'q5']);
    expect(selfTimeByName(added)[0]).toMatchObject({ service: 'inventory', name: 'pg.query:SELECT products', countA: 3, countB: 5, deltaSelfUs: 300_000 });
    expect(comparisonConclusion(added)).toMatch(/most of the extra time is self time of inventory pg\.query:SELECT products \(\+300\.0 ms; 5 such spans in B, 3 in A\)$/);
  });

  it('names one span alone without a count, says "largest" when no name made most of it, and "saved" when B was faster', () => {
    // x, y and z one after another, the root waiting for them: each grew, none by half the total.
    const three = (x: number, y: number, z: number) => traceOf(span('root', undefined, 0, x + y + z + 10), span('x', 'root', 0, x), span('y', 'root', x, y), span('z', 'root', x + y, z));
    expect(comparisonConclusion(compareTraces(three(10, 10, 10), three(50, 45, 35)))).toBe('trace B took +100.0ms (40.0ms → 140.0ms); the largest change is self time of svc x (+40.0 ms)');
    const grown = (x: number) => traceOf(span('root', undefined, 0, x + 10), span('x', 'root', 5, x));
    expect(comparisonConclusion(compareTraces(grown(10), grown(50)))).toBe('trace B took +40.0ms (20.0ms → 60.0ms); most of the extra time is self time of svc x (+40.0 ms)');
    expect(comparisonConclusion(compareTraces(bad, good))).toMatch(/most of the time saved is self time of inventory pg\.query:SELECT products \(-150\.0 ms; 3 such spans\)$/);
  });

  it('prints a table with both durations and self times and their changes, then the unmatched spans and the conclusion', () => {
    const lines = renderComparison(comparison).split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^service +span +duration A +duration B +Δ +self A +self B +Δ self$/));
    expect(lines).toContainEqual(expect.stringMatching(/^inventory +pg\.query:SELECT products #2 +5\.0ms +155\.0ms +\+150\.0ms +5\.0ms +155\.0ms +\+150\.0ms$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}gateway +audit\.write +1\.0ms +1\.0ms +under gateway POST \/api\/orders$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}inventory +pg\.query:SELECT products +3 → 3 +15\.0ms +165\.0ms +\+150\.0ms$/));
    expect(lines.at(-1)).toBe(comparisonConclusion(comparison));
  });

  it('shows only the spans that changed most, and says how many more --json has', () => {
    const text = renderComparison(comparison, 2);
    expect(text).toContain('the 2 that changed most');
    expect(text).toContain('(3 more spans in both changed less; --json lists every one)');
    expect(comparisonJson(comparison).matched).toHaveLength(5);
  });

  it('gives milliseconds in JSON', () => {
    const json = comparisonJson(comparison);
    expect(json.matched[0]).toMatchObject({ a: { spanId: 'q2', durationMs: 5, selfMs: 5 }, b: { durationMs: 155, selfMs: 155 }, deltaMs: 150, deltaSelfMs: 150 });
    expect(json.a).toEqual({ traceId: good.traceId, durationMs: 35, spans: 6 });
  });
});
