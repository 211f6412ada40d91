import { describe, expect, it } from 'vitest';
import type { Trace, TraceSpan } from './jaeger-trace';
import { renderWaterfall, waterfallJson } from './render';
import { buildWaterfall } from './waterfall';

function span(spanId: string, parentId: string | undefined, startMs: number, durationMs: number, extra: Partial<TraceSpan> = {}): TraceSpan {
  return {
    traceId: 't'.repeat(32),
    spanId,
    parentId,
    name: spanId,
    service: 'svc',
    kind: undefined,
    startTimeUs: startMs * 1_000,
    durationUs: durationMs * 1_000,
    attributes: {},
    events: [],
    isError: false,
    ...extra,
  };
}

// root → call (ends at 30) and publish (ends at 12) → consume (ends at 80): the queue hop is critical.
const trace: Trace = {
  traceId: 't'.repeat(32),
  spans: [
    span('consume', 'publish', 20, 60, { service: 'payments', isError: true }),
    span('root', undefined, 0, 40, { service: 'gateway' }),
    span('call', 'root', 5, 25),
    span('publish', 'root', 10, 2),
  ],
};

describe('the waterfall of a trace', () => {
  const waterfall = buildWaterfall(trace);

  it('orders spans by parent, then by start, with their depth and offset', () => {
    expect(waterfall.rows.map((row) => [row.span.spanId, row.depth, row.offsetUs / 1_000])).toEqual([
      ['root', 0, 0],
      ['call', 1, 5],
      ['publish', 1, 10],
      ['consume', 2, 20],
    ]);
    expect(waterfall.durationUs).toBe(80_000);
    expect(waterfall.services).toEqual(['gateway', 'payments', 'svc']);
    expect(waterfall.errors).toBe(1);
  });

  it('follows the subtree that finishes last as the critical path, across a queue hop', () => {
    expect(waterfall.rows.filter((row) => row.critical).map((row) => row.span.spanId)).toEqual(['root', 'publish', 'consume']);
  });

  it('shows a span whose parent is missing as an orphan at the top level', () => {
    const partial = buildWaterfall({ ...trace, spans: trace.spans.filter((s) => s.spanId !== 'publish') });
    const consume = partial.rows.find((row) => row.span.spanId === 'consume');
    expect(consume).toMatchObject({ depth: 0, orphan: true });
    expect(renderWaterfall(partial)).toMatch(/parent span missing/);
  });

  it('renders marks, timings and bars without colour when asked', () => {
    const text = renderWaterfall(waterfall, { barWidth: 8 });
    const consumeLine = text.split('\n').find((line) => line.includes('payments: consume'));
    expect(consumeLine).toMatch(/^\*!/);
    expect(consumeLine?.endsWith('20.0ms    60.0ms |' + ' '.repeat(2) + '██████|')).toBe(true);
    expect(text.includes('\u001b[')).toBe(false);
  });

  it('gives machines the same rows as JSON', () => {
    const json = waterfallJson(waterfall);
    expect(json.spans.map((s) => [s.name, s.critical, s.error])).toEqual([
      ['root', true, false],
      ['call', false, false],
      ['publish', true, false],
      ['consume', true, true],
    ]);
  });
});
