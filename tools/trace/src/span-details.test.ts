import { describe, expect, it } from 'vitest';
import { span, traceOf } from '@tracebed/trace-reading/hand-built-trace';
import { renderSpanDetails, rowsMatching } from './span-details';
import { buildWaterfall } from '@tracebed/trace-reading';

const waterfall = buildWaterfall(
  traceOf(
    span('root', undefined, 0, 100, { name: 'POST /api/orders', service: 'gateway', kind: 'server' }),
    span('place', 'root', 10, 60, {
      name: 'order.place',
      service: 'orders',
      kind: 'internal',
      attributes: { 'order.status': 'pending', 'order.id': 'o-1' },
      events: [{ name: 'fault.injected', timeUs: 12_000, attributes: { 'fault.kind': 'latency' } }],
    }),
    span('q1', 'place', 20, 10, { name: 'pg.query:INSERT orders', service: 'orders', status: { code: 'ERROR', message: 'duplicate key' }, isError: true }),
    span('q2', 'place', 25, 25, { name: 'pg.query:INSERT orders', service: 'orders' }),
  ),
);

describe('the details of one span', () => {
  it('finds a span by its id, or every span of a name', () => {
    expect(rowsMatching(waterfall, 'PLACE').map((row) => row.span.name)).toEqual(['order.place']);
    expect(rowsMatching(waterfall, 'pg.query:INSERT orders').map((row) => row.span.spanId)).toEqual(['q1', 'q2']);
    expect(rowsMatching(waterfall, 'nothing')).toEqual([]);
  });

  it('says where the span sits, its self time and critical share, and lists attributes sorted and events', () => {
    const place = rowsMatching(waterfall, 'order.place')[0]!;
    const text = renderSpanDetails(waterfall, place);
    expect(text.split('\n')).toEqual([
      'orders: order.place  (span place)',
      '  kind        internal',
      '  status      UNSET',
      '  parent      gateway: POST /api/orders (span root)',
      '  starts at   10.0ms into the trace',
      '  duration    60.0ms',
      '  self time   30.0ms (50%): no child running',
      '  critical    35.0ms (58%) of its own time on the path, at 10.0ms–25.0ms, 50.0ms–70.0ms',
      '  attributes',
      '    order.id = o-1',
      '    order.status = pending',
      '  events',
      '    12.0ms fault.injected',
      '      fault.kind = latency',
      '  links       none',
    ]);
  });

  it('gives the status message of a failed span, and says when a span is not on the critical path', () => {
    const text = renderSpanDetails(waterfall, rowsMatching(waterfall, 'q1')[0]!);
    expect(text).toContain('status      ERROR: duplicate key');
    expect(text).toContain('critical    no: the end of its root did not wait for it');
    expect(text).toContain('attributes  none');
  });
});
