import { describe, expect, it } from 'vitest';
import { buildWaterfall } from '@tracebed/trace-reading';
import { span, traceOf } from '@tracebed/trace-reading/hand-built-trace';
import { renderWaterfall } from './render';

// root → call (ends at 30) and publish (ends at 12) → consume (starts at 20, after publish ended).
const trace = traceOf(
  span('consume', 'publish', 20, 60, { service: 'payments', isError: true, status: { code: 'ERROR', message: 'card declined' } }),
  span('root', undefined, 0, 40, { service: 'gateway' }),
  span('call', 'root', 5, 25),
  span('publish', 'root', 10, 2),
);

describe('a waterfall in the terminal', () => {
  const waterfall = buildWaterfall(trace);

  it('says so where the parent of a span is missing', () => {
    const partial = buildWaterfall({ ...trace, spans: trace.spans.filter((s) => s.spanId !== 'publish') });
    expect(renderWaterfall(partial)).toMatch(/parent span missing/);
  });

  it('renders marks, timings, self time and bars without colour when asked', () => {
    const text = renderWaterfall(waterfall, { barWidth: 8 });
    const rootLine = text.split('\n').find((line) => line.includes('gateway: root'));
    expect(rootLine).toMatch(/^\* /);
    expect(rootLine).toMatch(/0\.0ms +40\.0ms +15\.0ms \|/);
    const consumeLine = text.split('\n').find((line) => line.includes('payments: consume'));
    expect(consumeLine).toMatch(/^ !/);
    expect(consumeLine?.endsWith('20.0ms    60.0ms    60.0ms |' + ' '.repeat(2) + '██████|')).toBe(true);
    expect(text).toMatch(/start +duration +self\n/);
    expect(text.split('\n').filter((line) => line.startsWith('*'))).toHaveLength(2);
    expect(text.includes('\u001b[')).toBe(false);
  });
});
