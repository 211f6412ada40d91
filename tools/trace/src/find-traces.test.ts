import { describe, expect, it } from 'vitest';
import { parseTagFilters, renderTraceList, traceListJson } from './find-traces';
import { span } from '@tracebed/trace-reading/hand-built-trace';
import type { TraceSearch } from '@tracebed/trace-reading';
import { summarizeTrace } from './trace-summary';

// 2026-12-02T18:00:00Z in microseconds.
const AT_SIX_US = Date.UTC(2026, 11, 2, 18, 0, 0) * 1_000;
const at = (seconds: number) => AT_SIX_US / 1_000 + seconds * 1_000;

const traceAt = (traceId: string, seconds: number, durationMs: number, errors = 0) => ({
  traceId,
  spans: [
    span('root', undefined, at(seconds), durationMs, { traceId, service: 'gateway', name: 'POST /api/orders' }),
    span('query', 'root', at(seconds) + 1, durationMs - 2, { traceId, service: 'inventory', name: 'pg.query', isError: errors > 0 }),
    span('orphan', 'gone', at(seconds) - 5, 1, { traceId, service: 'payments', name: 'payment.charge' }),
  ],
});

const search: TraceSearch = { service: 'inventory', minDuration: '200ms', startUs: AT_SIX_US - 900_000_000, endUs: AT_SIX_US, limit: 2 };

describe('summing up a trace in a line', () => {
  it('takes the start of its first span, the end of its last, its spans and errors, and the root without a parent', () => {
    expect(summarizeTrace(traceAt('a'.repeat(32), 1, 250, 1))).toEqual({
      traceId: 'a'.repeat(32),
      startUs: AT_SIX_US + 1_000_000 - 5_000,
      durationUs: 255_000,
      spans: 3,
      errors: 1,
      root: { service: 'gateway', name: 'POST /api/orders' },
    });
  });
});

describe('the list of traces found', () => {
  const summaries = [traceAt('a'.repeat(32), 1, 250), traceAt('b'.repeat(32), 30, 400, 1)].map(summarizeTrace);

  it('prints one line per trace, newest first, with its start to the second in UTC', () => {
    const lines = renderTraceList(summaries, search).split('\n');
    expect(lines[1]).toMatch(/^trace +start \(UTC\) +duration +spans +errors +root span$/);
    expect(lines[2]).toMatch(/^b{32} {2}2026-12-02 18:00:29 +405\.0ms +3 +1 {2}gateway POST \/api\/orders$/);
    expect(lines[3]).toMatch(/^a{32} {2}2026-12-02 18:00:00 +255\.0ms +3 +0 {2}gateway POST \/api\/orders$/);
  });

  it('says what was searched, and that the limit may have cut the list short', () => {
    expect(renderTraceList(summaries, search).split('\n')[0]).toBe(
      '2 traces with service inventory, a span of 200ms or more since 2026-12-02 17:45:00 UTC (--limit 2 reached: there may be more; raise it or narrow the search), newest first:',
    );
    expect(renderTraceList(summaries, { ...search, limit: 20 }).split('\n')[0]).not.toContain('reached');
    expect(renderTraceList([], search)).toBe('no trace with service inventory, a span of 200ms or more since 2026-12-02 17:45:00 UTC');
  });

  it('gives the same list as JSON, newest first', () => {
    expect(traceListJson(summaries).map((trace) => [trace.traceId[0], trace.start, trace.durationMs, trace.errors])).toEqual([
      ['b', '2026-12-02T18:00:29.995Z', 405, 1],
      ['a', '2026-12-02T18:00:00.995Z', 255, 0],
    ]);
  });
});

describe('tag filters from the command line', () => {
  it('become one object, keeping an = inside the value', () => {
    expect(parseTagFilters(['http.status_code=409', 'order.note=a=b'])).toEqual({ 'http.status_code': '409', 'order.note': 'a=b' });
  });

  it('refuse a pair without a key', () => {
    expect(() => parseTagFilters(['=409'])).toThrow(/is not key=value/);
    expect(() => parseTagFilters(['error'])).toThrow(/is not key=value/);
  });
});
