import { describe, expect, it } from 'vitest';
import { span, traceOf } from './hand-built-trace';
import { buildWaterfall } from './waterfall';
import { waterfallJson } from './waterfall-json';

const detailed = span('charge', undefined, 0, 10, {
  kind: 'internal',
  attributes: { 'payment.id': 'p-1', 'db.query.text': 'SELECT '.repeat(100), 'a.first': 1, 'z.last': true },
  events: [
    { name: 'fault.injected', timeUs: 4_000, attributes: { 'fault.kind': 'latency', 'fault.delay_ms': 5 } },
    { name: 'retry', timeUs: 6_000, attributes: {} },
  ],
  links: [{ traceId: 'f'.repeat(32), spanId: 'abc', type: 'FOLLOWS_FROM' }],
});

describe('the JSON of a waterfall', () => {
  it('gives each span its attributes sorted, its events with their time and attributes, and its links', () => {
    const [json] = waterfallJson(buildWaterfall(traceOf(detailed))).spans;
    expect(Object.keys(json?.attributes ?? {})).toEqual(['a.first', 'db.query.text', 'payment.id', 'z.last']);
    expect(json?.events[0]).toEqual({ name: 'fault.injected', timeUs: 4_000, offsetMs: 4, attributes: { 'fault.delay_ms': 5, 'fault.kind': 'latency' } });
    expect(json?.links).toEqual([{ traceId: 'f'.repeat(32), spanId: 'abc', type: 'FOLLOWS_FROM' }]);
    expect(json?.omitted).toEqual({ attributes: 0, events: 0, eventAttributes: 0, links: 0 });
  });

  it('within limits, cuts long values and counts what it left out', () => {
    const [json] = waterfallJson(buildWaterfall(traceOf(detailed)), { maxValueLength: 20, maxAttributes: 2, maxListItems: 1 }).spans;
    expect(json?.attributes).toEqual({ 'a.first': 1, 'db.query.text': 'SELECT SELECT SELECT…' });
    expect(json?.events.map((event) => event.name)).toEqual(['fault.injected']);
    expect(json?.omitted).toEqual({ attributes: 2, events: 1, eventAttributes: 0, links: 0 });
  });
});
