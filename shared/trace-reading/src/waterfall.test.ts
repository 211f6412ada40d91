import { describe, expect, it } from 'vitest';
import { span, traceOf } from './hand-built-trace';
import { buildWaterfall } from './waterfall';
import { waterfallJson } from './waterfall-json';

// root → call (ends at 30) and publish (ends at 12) → consume (starts at 20, after publish ended).
const trace = traceOf(
  span('consume', 'publish', 20, 60, { service: 'payments', isError: true, status: { code: 'ERROR', message: 'card declined' } }),
  span('root', undefined, 0, 40, { service: 'gateway' }),
  span('call', 'root', 5, 25),
  span('publish', 'root', 10, 2),
);

describe('the waterfall of a trace', () => {
  const waterfall = buildWaterfall(trace);

  it('orders spans by parent, then by start, with their depth, offset and self time', () => {
    expect(waterfall.rows.map((row) => [row.span.spanId, row.depth, row.offsetUs / 1_000, row.selfTimeUs / 1_000])).toEqual([
      ['root', 0, 0, 15],
      ['call', 1, 5, 25],
      ['publish', 1, 10, 2],
      ['consume', 2, 20, 60],
    ]);
    expect(waterfall.durationUs).toBe(80_000);
    expect(waterfall.services).toEqual(['gateway', 'payments', 'svc']);
    expect(waterfall.errors).toBe(1);
  });

  it('marks the critical path of the root: the call it waited for, not the message consumed after publish ended', () => {
    expect(waterfall.rows.filter((row) => row.critical).map((row) => [row.span.spanId, row.criticalUs / 1_000])).toEqual([
      ['root', 15],
      ['call', 25],
    ]);
  });

  it('shows a span whose parent is missing as an orphan at the top level', () => {
    const partial = buildWaterfall({ ...trace, spans: trace.spans.filter((s) => s.spanId !== 'publish') });
    const consume = partial.rows.find((row) => row.span.spanId === 'consume');
    expect(consume).toMatchObject({ depth: 0, orphan: true });
  });

  it('gives machines the same rows as JSON, each with its details', () => {
    const json = waterfallJson(waterfall);
    expect(json.spans.map((s) => [s.name, s.critical, s.error])).toEqual([
      ['root', true, false],
      ['call', true, false],
      ['publish', false, false],
      ['consume', false, true],
    ]);
    expect(json.spans[1]).toMatchObject({ selfTimeMs: 25, criticalMs: 25, criticalSections: [{ offsetMs: 5, durationMs: 25 }] });
    expect(json.spans[3]).toMatchObject({ status: { code: 'ERROR', message: 'card declined' }, kind: null, links: [], events: [] });
  });
});
