import { describe, expect, it } from 'vitest';
import { span, traceOf } from '@tracebed/trace-reading/hand-built-trace';
import { positionedSpans } from './span-positions';

describe('the position of a span in its trace', () => {
  const trace = traceOf(
    span('root', undefined, 0, 100, { name: 'POST /api/orders', service: 'gateway' }),
    span('q2', 'root', 30, 5, { name: 'pg.query' }),
    span('q1', 'root', 10, 5, { name: 'pg.query' }),
    span('call', 'root', 20, 5, { name: 'GET' }),
    span('inner', 'call', 21, 2, { name: 'pg.query' }),
    span('lost', 'gone', 50, 5, { name: 'pg.query' }),
  );
  const positions = Object.fromEntries(positionedSpans(trace).map((entry) => [entry.span.spanId, entry]));

  it('ranks same-named siblings by start, and follows the path from the root', () => {
    expect(positions.q1?.position).toBe('gateway POST /api/orders#1 > svc pg.query#1');
    expect(positions.q2?.position).toBe('gateway POST /api/orders#1 > svc pg.query#2');
    expect(positions.inner?.position).toBe('gateway POST /api/orders#1 > svc GET#1 > svc pg.query#1');
  });

  it('starts an orphan’s path at itself, as a root of its own', () => {
    expect(positions.lost?.position).toBe('svc pg.query#1');
  });

  it('numbers the spans of one service and name across the whole trace, in waterfall order', () => {
    expect(['q1', 'inner', 'q2', 'lost'].map((id) => [positions[id]?.ordinal, positions[id]?.namesakes])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });
});
